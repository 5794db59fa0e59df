// The module objects, not named imports: request() is looked up at call time, so whatever
// instruments node:http (an APM agent, nock in the tests) sees these calls as it sees any other.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

/**
 * A fetch over node:http(s) for Slack's calls: a POST with a string body, answered with a
 * status, headers and a small body. That is all the Web API client and `respond()` ask of
 * fetch. Node's global fetch compiles its bundled undici on first use, about 40 ms of every
 * cold start here and a few MB for good; this keeps it out. Anything else (a FormData upload,
 * a Request object) goes to the global fetch.
 */
type Fetch = typeof globalThis.fetch;

// Idle sockets close after 4 s (as undici's do): a connection a NAT or load balancer has
// silently dropped is never picked up again for the next reply.
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 4_000 }),
  'https:': new https.Agent({ keepAlive: true, timeout: 4_000 }),
};

/** The part of the Headers interface Slack's clients read. */
class ResponseHeaders {
  readonly #headers: IncomingMessage['headers'];

  constructor(headers: IncomingMessage['headers']) {
    this.#headers = headers;
  }

  get(name: string): string | null {
    const value = this.#headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.#headers[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.#headers)) yield [name, this.get(name) as string];
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.entries()) callback(value, name);
  }
}

/** The part of the Response interface Slack's clients read; the body is read in full. */
export class SlackHttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected = false;
  readonly headers: ResponseHeaders;
  readonly #body: Buffer;
  bodyUsed = false;
  /** Read in full already; cancelling it (as a retry does) has nothing to release. */
  readonly body = { cancel: async () => undefined };

  constructor(url: string, message: IncomingMessage, body: Buffer) {
    this.url = url;
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new ResponseHeaders(message.headers);
    this.#body = body;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.#body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const copy = new ArrayBuffer(this.#body.length);
    new Uint8Array(copy).set(this.#body);
    return copy;
  }
}

function requestHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {};
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  if (typeof (headers as { forEach?: unknown }).forEach === 'function') {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((value, name) => {
      out[name] = value;
    });
    return out;
  }
  return { ...(headers as Record<string, string>) };
}

/** What this fetch handles itself; everything else goes to the global fetch. */
function plainRequest(input: unknown, init: RequestInit | undefined): URL | undefined {
  if (typeof input !== 'string' && !(input instanceof URL)) return undefined;
  const body = init?.body;
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  const url = new URL(input);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

export function createHttpFetch(fallback: Fetch = (...args) => globalThis.fetch(...args)): Fetch {
  return function slackFetch(input, init) {
    const url = plainRequest(input, init);
    if (!url) return fallback(input, init);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const body = (init?.body as string | undefined) ?? undefined;
    const headers = requestHeaders(init?.headers);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const protocol = url.protocol as 'http:' | 'https:';
    const send = protocol === 'https:' ? https.request : http.request;

    return new Promise<Response>((resolve, reject) => {
      const req = send(url, { method: init?.method ?? 'GET', headers, agent: agents[protocol] });
      const onAbort = () => req.destroy(signal?.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      req.once('error', (error) => {
        done();
        // The shape fetch gives a network failure, so callers treat both alike.
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      });
      req.once('response', (message) => {
        const status = message.statusCode ?? 0;
        if (init?.redirect === 'error' && status >= 300 && status < 400) {
          message.resume();
          done();
          reject(new TypeError('fetch failed', { cause: new Error(`unexpected redirect (${status})`) }));
          return;
        }
        const chunks: Buffer[] = [];
        message.on('data', (chunk: Buffer) => chunks.push(chunk));
        message.once('error', (error) => {
          done();
          reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
        });
        message.once('end', () => {
          done();
          resolve(new SlackHttpResponse(url.href, message, Buffer.concat(chunks)) as unknown as Response);
        });
      });
      req.end(body);
    });
  };
}
