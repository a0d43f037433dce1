import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { isStaleSgError } from '../errors.js';
import { formatJson } from '../report/format-json.js';
import { jsonText } from '../report/json-text.js';
import { echartsScript } from '../report/html/format-html.js';
import type { UsageStore } from '../store/usage-store.js';
import { dashboardFor, parseReportQuery, reportFor, statusOf } from './dashboard-api.js';
import {
  ASSET_PATHS,
  DASHBOARD_HTML,
  DASHBOARD_SCRIPT,
  DASHBOARD_STYLE_SHEET,
} from './dashboard-page.js';
import { SECURITY_HEADERS, answerClientError, setSecurityHeaders } from './security-headers.js';

export interface DashboardOptions {
  /** Opens the store for one request; the server closes it when the request is done. */
  readonly openStore: () => Promise<UsageStore>;
  readonly version: string;
  /** `staleAfter` when a request gives none. */
  readonly staleAfterDays?: number;
  /**
   * The host names a request may address (the Host header), lower case.
   * Empty allows any, which is right only when serving to a network on
   * purpose; on loopback this refuses pages of other sites that a DNS
   * rebinding has pointed at 127.0.0.1.
   */
  readonly allowedHosts: readonly string[];
  /** Told of failures the client only sees as "internal error" (the CLI prints them). */
  readonly onError?: (error: unknown) => void;
}

interface Asset {
  readonly type: string;
  readonly body: () => string;
}

/** Everything the server serves besides its API: fixed paths, built in, no file system. */
const ASSETS: Readonly<Record<string, Asset>> = {
  '/': { type: 'text/html; charset=utf-8', body: () => DASHBOARD_HTML },
  [ASSET_PATHS.style]: { type: 'text/css; charset=utf-8', body: () => DASHBOARD_STYLE_SHEET },
  [ASSET_PATHS.charts]: { type: 'text/javascript; charset=utf-8', body: echartsScript },
  [ASSET_PATHS.script]: { type: 'text/javascript; charset=utf-8', body: () => DASHBOARD_SCRIPT },
};

/**
 * The dashboard of `stale-sg serve`: the report page over the store, with a
 * date range, and the JSON API it reads. Read-only: only GET and HEAD are
 * answered, and each request opens the store, reads, and closes it again,
 * so that a scheduled `run` can take the store between requests. Requests
 * reach the store one at a time.
 */
export function dashboardServer(options: DashboardOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    return503OnClosing: true,
    // A request without a Host header gets the 421 below, with the security
    // headers, rather than Node's bare 400.
    http: { requireHostHeader: false },
    clientErrorHandler: answerClientError,
  });
  app.server.prependListener('request', setSecurityHeaders);
  // Account text in every JSON answer without a raw control character.
  app.setReplySerializer((payload) => jsonText(payload));
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `read` on a freshly opened store, after the requests before it. */
  function withStore<T>(read: (store: UsageStore) => Promise<T>): Promise<T> {
    const next = queue.then(async () => {
      const store = await options.openStore();
      try {
        return await read(store);
      } finally {
        store.close();
      }
    });
    queue = next.catch(() => undefined);
    return next;
  }

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply
        .code(405)
        .header('allow', 'GET, HEAD')
        .send({ error: 'the dashboard is read-only: only GET and HEAD are answered' });
    }
    const host = hostName(request.headers.host);
    if (options.allowedHosts.length > 0 && !options.allowedHosts.includes(host)) {
      return reply.code(421).send({ error: `this server does not answer for host "${host}"` });
    }
  });

  for (const [path, asset] of Object.entries(ASSETS)) {
    app.get(path, (_request, reply) => reply.type(asset.type).send(asset.body()));
  }

  const defaultStaleAfter = options.staleAfterDays;
  app.get('/api/status', () => withStore((store) => statusOf(store, options.version)));
  app.get('/api/report', async (request, reply) => {
    const query = parseReportQuery(request.query as Record<string, unknown>, defaultStaleAfter);
    const report = await withStore((store) => reportFor(store, query));
    return reply.type('application/json; charset=utf-8').send(formatJson(report));
  });
  app.get('/api/findings', async (request) => {
    const query = parseReportQuery(request.query as Record<string, unknown>, defaultStaleAfter);
    return (await withStore((store) => reportFor(store, query))).findings;
  });
  app.get('/api/heat-maps', async (request) => {
    const query = parseReportQuery(request.query as Record<string, unknown>, defaultStaleAfter);
    return (await withStore((store) => dashboardFor(store, query))).heatMaps;
  });
  app.get('/api/dashboard', async (request) => {
    const query = parseReportQuery(request.query as Record<string, unknown>, defaultStaleAfter);
    return withStore((store) => dashboardFor(store, query));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `nothing at ${safePath(request.url)}` }),
  );
  app.setErrorHandler((error, _request, reply) => sendError(error, reply, options.onError));
  return app;
}

function sendError(
  error: unknown,
  reply: FastifyReply,
  onError: ((error: unknown) => void) | undefined,
): FastifyReply {
  if (isStaleSgError(error)) {
    const status =
      error.code === 'INVALID_ARGUMENT'
        ? 400
        : error.code === 'STORE_IN_USE'
          ? 503
          : error.code === 'NOT_FOUND'
            ? 404
            : 500;
    if (status === 503) reply.header('retry-after', '5');
    return reply.code(status).send({ error: error.message, code: error.code });
  }
  const code = (error as { statusCode?: unknown }).statusCode;
  if (typeof code === 'number' && code >= 400 && code < 500) {
    return reply.code(code).send({ error: (error as Error).message });
  }
  onError?.(error);
  return reply.code(500).send({ error: 'internal error: see the server output' });
}

/** The Host header without its port, lower case; IPv6 keeps its brackets. */
function hostName(header: string | undefined): string {
  const host = (header ?? '').toLowerCase();
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

/** A request path for a message: printable ASCII only, and not too long. */
function safePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(/[^\x21-\x7e]/g, '?').slice(0, 200);
}
