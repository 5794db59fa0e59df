import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  hasSlackShape,
  isFormBody,
  isSslCheck,
  mayBeSigned,
  parseSlackBody,
  verifySignature,
} from './slack-request.js';

/**
 * What Bolt 5's HTTPReceiver lacks, in one small filter in front of its request listener, for
 * POSTs to the Slack endpoint (every spelling of its path: the path is read as Bolt reads it).
 * Bolt buffers a whole body before it checks the signature, checks only past timestamps, and
 * throws outside any `try` on a signed body of `null`. So the filter:
 *
 * - refuses a timestamp more than five minutes off either way, and a signature of the wrong
 *   shape, before reading the body (401);
 * - caps the bytes held before a signature is verified, over all requests (503 above the cap),
 *   and the requests in flight (503);
 * - refuses a signed body that is not a JSON object, or a form whose `payload` is not one
 *   (400), and `event: null` or `actions: [null]`;
 * - answers `app_rate_limited` with 200 at once, and reports it;
 * - buffers the body once and sets `req.rawBody`, which Bolt reuses.
 *
 * Deliberate 4xx answers carry `X-Slack-No-Retry: 1`. Everything else is Bolt's.
 */
export interface FilterOptions {
  signingSecret: string;
  /** The Slack endpoint paths (Bolt's `endpoints`). */
  endpoints: readonly string[];
  /** Bytes one request may send (Bolt's `bodyLimit`). */
  bodyLimit: number;
  /** Bytes held by all requests whose signature is not verified yet. */
  maxHeldBytes: number;
  /** Requests to the endpoint in flight at once. */
  maxInFlight: number;
  onRateLimited?: () => void;
  onRefused?: (status: number, reason: string) => void;
}

export interface SlackFilter {
  listener: RequestListener;
  /** Bytes held right now before verification (never above `maxHeldBytes`). */
  heldBytes(): number;
  inFlight(): number;
}

/** Slack's certificate check comes as a small form, maybe unsigned: only such a body is read unsigned. */
const SSL_CHECK_MAX_BYTES = 1024;

/** The path as Bolt's receiver and every router reads it: `/slack/./events` is `/slack/events`. */
export function requestPath(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

const joined = (chunks: readonly Buffer[]): Buffer =>
  chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);

export function createSlackFilter(options: FilterOptions, next: RequestListener): SlackFilter {
  let held = 0;
  let inFlight = 0;

  function answer(req: IncomingMessage, res: ServerResponse, status: number, reason: string): void {
    options.onRefused?.(status, reason);
    // Read nothing more of a refused request: its bytes would only be thrown away.
    req.pause();
    if (res.headersSent) return;
    const headers: Record<string, string | number> = { 'content-length': 0, connection: 'close' };
    // A deliberate refusal: Slack must not retry it. A 503 is load, which a retry may get past.
    if (status >= 400 && status < 500) headers['x-slack-no-retry'] = 1;
    if (status === 503) headers['retry-after'] = 1;
    res.once('finish', () => req.destroy());
    res.writeHead(status, headers);
    res.end();
  }

  /**
   * Reads the body within both caps, as the chunks it arrived in (joined only once the signature
   * proves right, so a forged body is never copied), or says which status to answer instead.
   */
  function read(req: IncomingMessage, limit: number): Promise<Buffer[] | 400 | 413 | 503> {
    if (Number(req.headers['content-length']) > limit) return Promise.resolve(413);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const release = () => {
        held -= size;
        size = 0;
      };
      const finish = (result: Buffer[] | 400 | 413 | 503) => {
        if (done) return;
        done = true;
        req.off('data', onData);
        release();
        resolve(result);
      };
      const onData = (chunk: Buffer) => {
        if (size + chunk.length > limit) return finish(413);
        if (held + chunk.length > options.maxHeldBytes) return finish(503);
        size += chunk.length;
        held += chunk.length;
        chunks.push(chunk);
      };
      req.on('data', onData);
      req.once('end', () => finish(chunks));
      // Closed before the end: an aborted upload.
      req.once('close', () => finish(400));
      req.once('error', (error) => {
        if (!done) {
          done = true;
          req.off('data', onData);
          release();
          reject(error);
        }
      });
    });
  }

  async function filter(req: BufferedRequest, res: ServerResponse): Promise<void> {
    const { headers } = req;
    const signature = headers['x-slack-signature'];
    const signed = mayBeSigned(headers['x-slack-request-timestamp'], signature);
    const sslCandidate =
      isFormBody(headers['content-type']) &&
      Number(headers['content-length'] ?? Infinity) <= SSL_CHECK_MAX_BYTES;
    if (!signed && !sslCandidate) return answer(req, res, 401, 'unsigned');

    const chunks = await read(req, signed ? options.bodyLimit : SSL_CHECK_MAX_BYTES);
    if (chunks === 413) return answer(req, res, signed ? 413 : 401, 'too_large');
    if (chunks === 503) return answer(req, res, 503, 'held_bytes');
    if (!Array.isArray(chunks)) return answer(req, res, 400, 'aborted');
    const signedBySlack = verifySignature(
      chunks,
      headers['x-slack-request-timestamp'],
      signature,
      options.signingSecret,
    );
    if (!signedBySlack) {
      // Slack's certificate check may come unsigned (and is small); Bolt answers it and
      // processes nothing. Any other body is joined only once it proves signed.
      const small = sslCandidate ? joined(chunks) : undefined;
      if (small && isSslCheck(small, headers['content-type'])) {
        req.rawBody = small;
        return next(req, res);
      }
      return answer(req, res, 401, 'bad_signature');
    }
    const raw = joined(chunks);
    const body = parseSlackBody(raw, headers['content-type']);
    if (body === undefined || !hasSlackShape(body)) return answer(req, res, 400, 'not_a_slack_body');
    if (body.type === 'app_rate_limited') {
      // Slack sends this while it throttles the app: a 200 at once keeps deliveries counted.
      options.onRateLimited?.();
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return;
    }
    req.rawBody = raw;
    return next(req, res);
  }

  const listener: RequestListener = (req, res) => {
    const path = requestPath(req.url);
    if (req.method !== 'POST' || path === undefined || !options.endpoints.includes(path)) {
      next(req, res);
      return;
    }
    if (inFlight >= options.maxInFlight) {
      answer(req, res, 503, 'in_flight');
      return;
    }
    inFlight++;
    res.once('close', () => inFlight--);
    filter(req, res).catch(() => answer(req, res, 400, 'unreadable'));
  };

  return { listener, heldBytes: () => held, inFlight: () => inFlight };
}
