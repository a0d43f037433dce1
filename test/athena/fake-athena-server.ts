import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One JSON answer of the fake Athena endpoint. */
export interface FakeAthenaAnswer {
  readonly status: number;
  readonly body: object;
}

/** A request the fake endpoint received: the action and its JSON input. */
export interface FakeAthenaRequest {
  readonly action: string;
  readonly input: Record<string, unknown>;
}

/**
 * A stand-in for the Athena endpoint on loopback, speaking its JSON
 * protocol (`X-Amz-Target: AmazonAthena.<Action>`), for the tests where the
 * SDK's whole stack must run (its retries) or where the client lives in
 * another process (the CLI). Point AWS_ENDPOINT_URL_ATHENA at `url`.
 */
export async function startFakeAthena(answer: (request: FakeAthenaRequest) => FakeAthenaAnswer) {
  const requests: FakeAthenaRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const target = String(incoming.headers['x-amz-target']);
      const text = Buffer.concat(chunks).toString('utf8');
      const request = {
        action: target.replace('AmazonAthena.', ''),
        input: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
      };
      requests.push(request);
      const { status, body } = answer(request);
      outgoing.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      outgoing.end(JSON.stringify(body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
