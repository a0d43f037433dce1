import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server received it: the envelope and the bytes after DATA. */
export interface ReceivedMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Buffer;
}

export interface SmtpSink {
  readonly port: number;
  readonly messages: readonly ReceivedMessage[];
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Require this login; without it, anyone may send. */
  readonly login?: { readonly user: string; readonly password: string };
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a free port, plain text
 * (STARTTLS off, so no certificate is involved), that keeps what it receives.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = [];
  const { login } = options;

  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: login === undefined,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const valid = auth.username === login?.user && auth.password === login?.password;
      callback(valid ? null : new Error('Invalid username or password'), { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const sink = await startSmtpSink();
  await sink.close();
  return sink.port;
}
