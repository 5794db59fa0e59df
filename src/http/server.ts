import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ReceiverEvent, ReceiverMultipleAckError } from '@slack/bolt';
import {
  hasSlackShape,
  isFormBody,
  isSslCheck,
  parseSlackBody,
  retryNum,
  retryReason,
  type SlackBody,
  timestampInWindow,
  verifySignature,
} from './slack-request.js';

export { MAX_CLOCK_SKEW_SECONDS } from './slack-request.js';

/**
 * The HTTP front door in HTTP mode. It serves /healthz, and answers Slack's requests on
 * /slack/events itself: it reads the body once, checks the signature and a timestamp window in
 * both directions (Bolt only refuses old ones), parses once, and hands the event to Bolt's
 * `processEvent` with an `ack` that writes the HTTP response. Other routes (the OAuth install
 * pages) go to Bolt's receiver. It tracks requests in flight so a SIGTERM can finish them.
 *
 * Bolt's HTTPReceiver does the same work for every app; doing it here once, without the
 * second parse and the per-request random bytes of its signature compare, halves the cost of
 * a request that is answered in its ack.
 */
export const SLACK_PATH = '/slack/events';

export interface FrontDoor {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, waits up to `graceMs` for requests in flight, then closes the rest. */
  close(graceMs?: number): Promise<void>;
  inFlight(): number;
}

/** A failure outside Slack's events (an OAuth page, an unknown route): a bare status. */
export type DispatchErrorHandler = (error: unknown, res: ServerResponse) => void;

export interface FrontDoorOptions {
  signingSecret: string;
  /** Bolt's `app.processEvent`: runs middleware and listeners; a listener calls `ack`. */
  processEvent: (event: ReceiverEvent) => Promise<void>;
  /** The OAuth install pages (Bolt's receiver), for the paths in `fallbackPaths` only. */
  fallback?: RequestListener;
  fallbackPaths?: readonly string[];
  onError?: DispatchErrorHandler;
  /**
   * `processEvent` threw before anything was acked (no installation for the team, a payload
   * Bolt cannot read). Answers with a bare 4xx; returns false when the response was already sent.
   */
  onProcessError?: (error: unknown, res: ServerResponse) => boolean;
  /** Nothing acked the request in time (a payload no listener handles). */
  onUnacked?: () => void;
  bodyLimit?: number;
  /** How long an un-acked request holds its socket before a 404. Slack waits 3 s at most. */
  unhandledRequestTimeoutMs?: number;
}

function bare(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

function reject(res: ServerResponse, status: 400 | 401): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(status === 401 ? 'Unauthorized' : 'Bad request');
}

function defaultDispatchError(_error: unknown, res: ServerResponse): void {
  bare(res, 500);
  if (!res.writableEnded) res.end();
}

/**
 * Bytes of frozen responses, by identity. Answers are built once and shared frozen (see
 * engine/answer.ts), so the same answer is serialised once, not once per question.
 */
const serialised = new WeakMap<object, Buffer>();

function jsonBytes(response: unknown): Buffer {
  const cacheable = typeof response === 'object' && response !== null && Object.isFrozen(response);
  const cached = cacheable ? serialised.get(response) : undefined;
  if (cached) return cached;
  const bytes = Buffer.from(JSON.stringify(response) ?? 'null', 'utf8');
  if (cacheable) serialised.set(response, bytes);
  return bytes;
}

/** Writes what a listener acked with: nothing, text, or a JSON object (with its length). */
function writeAck(res: ServerResponse, response: unknown): void {
  if (res.headersSent || res.writableEnded) return;
  if (response === undefined || response === null || response === '') {
    bare(res, 200);
    return;
  }
  const isText = typeof response === 'string';
  const payload = isText ? Buffer.from(response, 'utf8') : jsonBytes(response);
  res.writeHead(200, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': payload.length,
  });
  res.end(payload);
}

/**
 * Reads a request body up to `limit` bytes. Undefined as soon as it is larger (or says it will
 * be): the rest is not read, and the caller answers 413 and closes the connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (size <= limit) resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    req.once('error', reject);
  });
}

/** Refuses a request without reading the rest of its body, and closes the connection. */
function refuse(req: IncomingMessage, res: ServerResponse, status: 401 | 413): void {
  res.setHeader('connection', 'close');
  res.once('finish', () => req.destroy());
  if (status === 401) reject(res, 401);
  else bare(res, status);
}

/**
 * Whether the headers could be a signed Slack request at all: a timestamp in the window and a
 * v0 signature of the right shape. Checked before the body is read, so an unsigned client
 * cannot make the server read, hash or parse anything.
 */
function mayBeSigned(req: IncomingMessage): boolean {
  const signature = req.headers['x-slack-signature'];
  return (
    timestampInWindow(req.headers['x-slack-request-timestamp']) &&
    typeof signature === 'string' &&
    /^v0=[0-9a-f]{64}$/.test(signature)
  );
}

/** Slack's certificate check comes as a small form, maybe unsigned: only such a body is read unsigned. */
const SSL_CHECK_MAX_BYTES = 1024;
const mayBeSslCheck = (req: IncomingMessage) =>
  isFormBody(req.headers['content-type']) &&
  Number(req.headers['content-length'] ?? Infinity) <= SSL_CHECK_MAX_BYTES;

/**
 * The path as Bolt's receiver and every router would read it: dot segments resolved and
 * percent-encoded dots decoded, so `/slack/./events` and `/x/../slack/events` are
 * `/slack/events`. Matching on anything rawer opened a second way in (red-team finding 1).
 */
export function requestPath(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

export function createFrontDoor(options: FrontDoorOptions): FrontDoor {
  const onError = options.onError ?? defaultDispatchError;
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const unackedMs = options.unhandledRequestTimeoutMs ?? 3_000;
  const { signingSecret, processEvent } = options;
  const fallbackPaths = options.fallbackPaths ?? [];
  let active = 0;
  let draining = false;
  const idle: Array<() => void> = [];

  /** One verified, parsed Slack request: to Bolt, with an ack that answers it exactly once. */
  function dispatchEvent(req: IncomingMessage, res: ServerResponse, body: SlackBody): void {
    if (body.type === 'url_verification') {
      writeAck(res, { challenge: String(body.challenge ?? '') });
      return;
    }
    let acked = false;
    let answered = false;
    const timer = setTimeout(() => {
      if (answered) return;
      answered = true;
      options.onUnacked?.();
      bare(res, 404);
    }, unackedMs);
    const event: ReceiverEvent = {
      body,
      retryNum: retryNum(req.headers['x-slack-retry-num']),
      retryReason: retryReason(req.headers['x-slack-retry-reason']),
      customProperties: {},
      ack: async (response?: unknown) => {
        // A second ack is a listener bug; Bolt's receivers throw for it, and so do we. An ack
        // after the timeout finds the request already answered with a 404.
        if (acked) throw new ReceiverMultipleAckError();
        acked = true;
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        try {
          writeAck(res, response);
        } catch {
          // An ack with something that cannot be serialised is a listener bug: a bare 500.
          bare(res, 500);
          if (!res.writableEnded) res.end();
        }
      },
    };
    processEvent(event).catch((error: unknown) => {
      if (answered) return;
      const handled = options.onProcessError ? options.onProcessError(error, res) : (bare(res, 500), true);
      if (handled) {
        answered = true;
        clearTimeout(timer);
      }
    });
  }

  function handleSlack(req: IncomingMessage, res: ServerResponse): void {
    const signed = mayBeSigned(req);
    if (!signed && !mayBeSslCheck(req)) {
      refuse(req, res, 401);
      return;
    }
    readBody(req, signed ? bodyLimit : SSL_CHECK_MAX_BYTES)
      .then((raw) => {
        if (raw === undefined) {
          refuse(req, res, signed ? 413 : 401);
          return;
        }
        const { headers } = req;
        const contentType = headers['content-type'];
        if (
          !verifySignature(
            raw,
            headers['x-slack-request-timestamp'],
            headers['x-slack-signature'],
            signingSecret,
          )
        ) {
          // Slack's certificate check may come unsigned; it is answered and never processed.
          if (isSslCheck(raw, contentType)) bare(res, 200);
          else reject(res, 401);
          return;
        }
        const body = parseSlackBody(raw, contentType);
        // Slack always sends an object; Bolt would fail on `null` or `[]` without answering.
        if (body === undefined || !hasSlackShape(body)) {
          reject(res, 400);
          return;
        }
        if (body.ssl_check === '1') {
          bare(res, 200);
          return;
        }
        dispatchEvent(req, res, body);
      })
      .catch(() => {
        // A broken upload, or a fault in the checks above: a bare status, never a crash.
        if (!res.headersSent) reject(res, 400);
        else if (!res.writableEnded) res.end();
      });
  }

  const server = createServer((req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (active === 0) for (const resolve of idle.splice(0)) resolve();
    });
    const path = requestPath(req.url);
    if (draining) res.setHeader('connection', 'close');
    if (path === SLACK_PATH && req.method === 'POST') {
      handleSlack(req, res);
      return;
    }
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(draining ? 503 : 200, { 'content-type': 'application/json' });
      res.end(draining ? '{"ok":false,"draining":true}' : '{"ok":true}');
      return;
    }
    if (!options.fallback || path === undefined || !fallbackPaths.includes(path)) {
      req.resume();
      bare(res, 404);
      return;
    }
    try {
      const pending = options.fallback(req, res) as unknown;
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
