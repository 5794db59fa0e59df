import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP front door in HTTP mode. It serves /healthz, refuses Slack requests whose timestamp
 * is more than five minutes off in either direction (Bolt only refuses old ones), and hands the
 * rest to Bolt's receiver. It also tracks requests in flight so a SIGTERM can finish them.
 */
export const SLACK_PATH = '/slack/events';
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface FrontDoor {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, waits up to `graceMs` for requests in flight, then closes the rest. */
  close(graceMs?: number): Promise<void>;
  inFlight(): number;
}

function reject(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(status === 401 ? 'Unauthorized' : 'Bad request');
}

/** True when the request may go on to Bolt's own signature check. */
export function timestampAcceptable(req: IncomingMessage, nowMs = Date.now()): boolean {
  const timestamp = req.headers['x-slack-request-timestamp'];
  const signature = req.headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  if (typeof signature !== 'string' || !signature.startsWith('v0=')) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) <= MAX_CLOCK_SKEW_SECONDS;
}

/** Bolt throws for routes it does not serve; anything else is a server fault with no details. */
export type DispatchErrorHandler = (error: unknown, res: ServerResponse) => void;

function defaultDispatchError(_error: unknown, res: ServerResponse): void {
  if (!res.headersSent) res.writeHead(500);
  res.end();
}

export function createFrontDoor(
  bolt: RequestListener,
  onError: DispatchErrorHandler = defaultDispatchError,
): FrontDoor {
  let active = 0;
  let draining = false;
  const idle: Array<() => void> = [];
  const server = createServer((req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (active === 0) for (const resolve of idle.splice(0)) resolve();
    });
    const path = (req.url ?? '/').split('?')[0];
    if (draining) res.setHeader('connection', 'close');
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(draining ? 503 : 200, { 'content-type': 'application/json' });
      res.end(draining ? '{"ok":false,"draining":true}' : '{"ok":true}');
      return;
    }
    if (path === SLACK_PATH && req.method === 'POST' && !timestampAcceptable(req)) {
      req.resume();
      reject(res, 401);
      return;
    }
    try {
      const pending = bolt(req, res) as unknown;
      if (pending instanceof Promise) pending.catch((error: unknown) => onError(error, res));
    } catch (error) {
      onError(error, res);
    }
  });
  // Slack sends small requests quickly; a slow client should not hold a socket for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async close(graceMs = 10_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (active > 0) {
        await Promise.race([
          new Promise<void>((resolve) => idle.push(resolve)),
          new Promise((r) => setTimeout(r, graceMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
    },
    inFlight: () => active,
  };
}
