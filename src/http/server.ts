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

/** Reads a request body up to `limit` bytes; undefined when it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * Slack always sends a JSON object, or a form whose `payload` (when present) is a JSON object.
 * Anything else is refused here: Bolt assumes an object and would fail on `null` or `[]`
 * without ever answering.
 */
export function isSlackShapedBody(raw: Buffer, contentType: string | undefined): boolean {
  const text = raw.toString('utf8');
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  try {
    if ((contentType ?? '').split(';')[0]?.trim() === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(text).get('payload');
      return payload === null || isObject(JSON.parse(payload));
    }
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

export interface FrontDoorOptions {
  onError?: DispatchErrorHandler;
  bodyLimit?: number;
}

export function createFrontDoor(bolt: RequestListener, options: FrontDoorOptions = {}): FrontDoor {
  const onError = options.onError ?? defaultDispatchError;
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
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
    const dispatch = () => {
      try {
        const pending = bolt(req, res) as unknown;
        if (pending instanceof Promise) pending.catch((error: unknown) => onError(error, res));
      } catch (error) {
        onError(error, res);
      }
    };
    if (path !== SLACK_PATH || req.method !== 'POST') {
      dispatch();
      return;
    }
    if (!timestampAcceptable(req)) {
      req.resume();
      reject(res, 401);
      return;
    }
    readBody(req, bodyLimit).then(
      (raw) => {
        if (raw === undefined) {
          res.writeHead(413);
          res.end();
          return;
        }
        if (!isSlackShapedBody(raw, req.headers['content-type'])) {
          reject(res, 400);
          return;
        }
        // Bolt reads a pre-read body from rawBody instead of the stream.
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        dispatch();
      },
      () => reject(res, 400),
    );
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
