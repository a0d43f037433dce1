import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake server saw it, with what its SigV4 signature says. */
export interface FakeAwsRequest {
  readonly service: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly action: string;
  readonly params: URLSearchParams;
}

export interface FakeAwsResponse {
  readonly status?: number;
  readonly xml: string;
}

export interface FakeAwsServer {
  /** `http://127.0.0.1:<port>`, for AWS_ENDPOINT_URL and its per-service variants. */
  readonly url: string;
  readonly requests: readonly FakeAwsRequest[];
  close(): Promise<void>;
}

/** XML as the EC2 and STS query protocols write it; a list is a sequence of `<item>` elements. */
export type XmlValue =
  string | number | boolean | readonly XmlValue[] | { readonly [key: string]: XmlValue };

/**
 * A stand-in for the EC2 and STS endpoints on loopback, speaking their query
 * protocols (form-encoded requests, XML responses), so that the SDK's whole
 * stack runs: endpoint resolution from the environment, signing, retries,
 * XML parsing, credential providers. Service and region are read from each
 * request's signature scope, as AWS routes them.
 */
export async function startFakeAwsServer(
  respond: (request: FakeAwsRequest) => FakeAwsResponse,
): Promise<FakeAwsServer> {
  const requests: FakeAwsRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    void handle(incoming, outgoing, requests, respond);
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

async function handle(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  requests: FakeAwsRequest[],
  respond: (request: FakeAwsRequest) => FakeAwsResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));

  const scope = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(
    incoming.headers.authorization ?? '',
  );
  const request = {
    accessKeyId: scope?.[1] ?? '',
    region: scope?.[2] ?? '',
    service: scope?.[3] ?? '',
    action: params.get('Action') ?? '',
    params,
  };
  requests.push(request);

  const { status = 200, xml } = respond(request);
  outgoing.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8' });
  outgoing.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
}

export function toXml(name: string, value: XmlValue): string {
  if (Array.isArray(value))
    return `<${name}>${value.map((item) => toXml('item', item)).join('')}</${name}>`;
  if (typeof value === 'object') {
    const members = Object.entries(value).map(([key, member]) => toXml(key, member as XmlValue));
    return `<${name}>${members.join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A successful EC2 response: `<DescribeXResponse>` around the result members. */
export function ec2Xml(
  action: string,
  members: { readonly [key: string]: XmlValue },
): FakeAwsResponse {
  const body = Object.entries(members)
    .map(([key, value]) => toXml(key, value))
    .join('');
  return {
    xml:
      `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
      `<requestId>5f2b7c1e-0d8a-4c1b-9e0f-2a3b4c5d6e7f</requestId>${body}</${action}Response>`,
  };
}

/** An EC2 error response, such as RequestLimitExceeded with status 503. */
export function ec2ErrorXml(status: number, code: string, message: string): FakeAwsResponse {
  return {
    status,
    xml:
      `<Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>` +
      `</Error></Errors><RequestID>0c8f7e6d-5a4b-4c3d-8e2f-1a0b9c8d7e6f</RequestID></Response>`,
  };
}

/** A successful STS response: `<XResponse><XResult>` around the result members. */
export function stsXml(
  action: string,
  result: { readonly [key: string]: XmlValue },
): FakeAwsResponse {
  const body = Object.entries(result)
    .map(([key, value]) => toXml(key, value))
    .join('');
  return {
    xml:
      `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
      `<${action}Result>${body}</${action}Result>` +
      `<ResponseMetadata><RequestId>7d9e8f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a</RequestId>` +
      `</ResponseMetadata></${action}Response>`,
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
