import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a local server (s3rver, dynalite,
 * smtp-server), which the test stops and starts again in the middle of a
 * run. Stopped, it is what a crashed server looks like from the client:
 * open connections are reset, new ones refused. Started again, on the same
 * port, the server is back with everything it held, since it never
 * stopped behind the proxy.
 */
export interface StoppableProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Requests (or commands) clients have sent through, as `countRequests` counts them. */
  readonly requests: number;
  /**
   * Lets `n` more requests through and stops at the one after, which the
   * server never sees. Resolves once stopped.
   */
  stopAfter(n: number): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** How many requests a chunk that a client sent holds. */
export type RequestCounter = (chunk: string) => number;

/** HTTP/1.1 request lines, for the AWS SDK's requests to s3rver and dynalite. */
export function httpRequests(matching: RegExp = /./): RequestCounter {
  return (chunk) =>
    [...chunk.matchAll(/^([A-Z]+ \S+ HTTP\/1\.1)\r$/gm)].filter((m) => matching.test(m[1] ?? ''))
      .length;
}

/** SMTP commands that open a step of a message's delivery. */
export const smtpCommands: RequestCounter = (chunk) =>
  (chunk.match(/^(EHLO|HELO|MAIL FROM|RCPT TO|DATA)\b/gim) ?? []).length;

export async function startProxy(
  targetPort: number,
  countRequests: RequestCounter,
): Promise<StoppableProxy> {
  const sockets = new Set<Socket>();
  let requests = 0;
  let limit = Number.POSITIVE_INFINITY;
  let stopped: Promise<void> | null = null;
  let onStopped: (() => void) | null = null;

  const stop = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await closed;
    onStopped?.();
  };

  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    sockets.add(client).add(upstream);
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        (socket === client ? upstream : client).destroy();
      });
    }

    client.on('data', (chunk: Buffer) => {
      const count = countRequests(chunk.toString('latin1'));
      if (requests + count > limit) {
        void stop();
        return;
      }
      requests += count;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    stopAfter: (n) => {
      limit = requests + n;
      stopped ??= new Promise<void>((resolve) => (onStopped = resolve));
      return stopped;
    },
    stop,
    start: async () => {
      limit = Number.POSITIVE_INFINITY;
      stopped = null;
      onStopped = null;
      if (server.listening) return;
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
  };
}
