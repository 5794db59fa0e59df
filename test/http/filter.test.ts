import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackFilter, type SlackFilter } from '../../src/http/filter.js';
import { form, SIGNING_SECRET, sign } from '../helpers/signing.js';

/** The filter alone, in front of a stand-in for Bolt's request listener. */
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

interface Seen {
  rawBody?: string;
  path?: string;
}

async function start(limits: { maxHeldBytes?: number; maxInFlight?: number; bodyLimit?: number } = {}) {
  const seen: Seen[] = [];
  let rateLimited = 0;
  const filter: SlackFilter = createSlackFilter(
    {
      signingSecret: SIGNING_SECRET,
      endpoints: ['/slack/events'],
      bodyLimit: limits.bodyLimit ?? 64 * 1024,
      maxHeldBytes: limits.maxHeldBytes ?? 1024 * 1024,
      maxInFlight: limits.maxInFlight ?? 100,
      onRateLimited: () => rateLimited++,
    },
    (req, res) => {
      const raw = (req as { rawBody?: Buffer }).rawBody;
      seen.push({ ...(raw ? { rawBody: raw.toString() } : {}), ...(req.url ? { path: req.url } : {}) });
      res.writeHead(200, { 'content-length': 2 });
      res.end('ok');
    },
  );
  server = createServer(filter.listener);
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, filter, seen, rateLimited: () => rateLimited };
}

const body = form({ command: '/conduct', text: 'hi', team_id: 'T1', user_id: 'U1' });
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };
const post = (url: string, headers: Record<string, string>, payload = body) =>
  fetch(`${url}/slack/events`, { method: 'POST', headers: { ...FORM, ...headers }, body: payload });

/** A signed request that declares `declared` bytes, sends `first`, and stalls there. */
function stall(port: number, declared: number, first: string | Buffer) {
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/slack/events',
    headers: { ...FORM, ...sign('x'), 'content-length': declared },
  });
  req.on('error', () => undefined);
  req.write(first);
  return req;
}

describe('the filter in front of Bolt’s receiver', () => {
  it('hands a signed Slack request to Bolt with its body buffered once, as req.rawBody', async () => {
    const s = await start();
    const res = await post(s.url, sign(body));
    expect(res.status).toBe(200);
    expect(s.seen).toEqual([{ rawBody: body, path: '/slack/events' }]);
  });

  /** Sends `parts` one write at a time (the socket's chunks), with signature headers for `signed`. */
  const inChunks = (port: number, parts: readonly Buffer[], signed: string) =>
    new Promise<number>((resolve, reject) => {
      const whole = Buffer.concat(parts);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/slack/events',
          headers: { ...JSON_TYPE, ...sign(signed), 'content-length': whole.length },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      (async () => {
        for (const part of parts) {
          req.write(part);
          await new Promise((r) => setTimeout(r, 5));
        }
        req.end();
      })().catch(reject);
    });

  it('joins a signed body that arrives in several chunks, byte for byte, and refuses a forged one', async () => {
    const s = await start();
    const text = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      event: { type: 'message', text: 'café ☕ über' },
    });
    const bytes = Buffer.from(text);
    // Cut inside a multi-byte character too: the signature is over bytes, never over text.
    const at = bytes.indexOf(Buffer.from('☕')) + 1;
    expect(at).toBeGreaterThan(10);
    const parts = [bytes.subarray(0, 10), bytes.subarray(10, at), bytes.subarray(at)];
    expect(await inChunks(s.port, parts, text)).toBe(200);
    expect(s.seen).toEqual([{ rawBody: text, path: '/slack/events' }]);
    expect(await inChunks(s.port, parts, `${text}x`)).toBe(401);
    expect(s.seen).toHaveLength(1);
    expect(s.filter.heldBytes()).toBe(0);
  });

  it('refuses timestamps more than five minutes off either way, before reading, and says not to retry', async () => {
    const s = await start();
    for (const offset of [3600, 301, -301, -3600]) {
      const res = await post(s.url, sign(body, Math.floor(Date.now() / 1000) + offset));
      expect(res.status, String(offset)).toBe(401);
      expect(res.headers.get('x-slack-no-retry')).toBe('1');
    }
    expect(s.seen).toEqual([]);
  });

  it('refuses a body that is not a Slack object with 400, and a bad signature with 401', async () => {
    const s = await start();
    for (const [payload, type] of [
      ['null', JSON_TYPE],
      ['[1]', JSON_TYPE],
      ['payload=null', FORM],
      ['{"type":"event_callback","event":null}', JSON_TYPE],
      [form({ payload: '{"type":"block_actions","actions":[null]}' }), FORM],
    ] as const) {
      const res = await post(s.url, { ...type, ...sign(payload) }, payload);
      expect(res.status, payload).toBe(400);
      expect(res.headers.get('x-slack-no-retry')).toBe('1');
    }
    const forged = await post(s.url, { ...sign(body), 'x-slack-signature': `v0=${'0'.repeat(64)}` });
    expect(forged.status).toBe(401);
    expect(s.seen).toEqual([]);
  });

  it('answers app_rate_limited with 200 at once, and reports it', async () => {
    const s = await start();
    const payload = JSON.stringify({ type: 'app_rate_limited', team_id: 'T1', minute_rate_limited: 1 });
    const res = await post(s.url, { ...JSON_TYPE, ...sign(payload) }, payload);
    expect(res.status).toBe(200);
    expect(s.rateLimited()).toBe(1);
    expect(s.seen).toEqual([]);
  });

  it('never holds more unverified bytes than its cap, whatever many clients send', async () => {
    const cap = 256 * 1024;
    const s = await start({ maxHeldBytes: cap, bodyLimit: 128 * 1024 });
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, s.filter.heldBytes())), 1);
    // 12 clients each declare 100 KB, send 60 KB, and stall: together they would hold 720 KB.
    const clients = Array.from({ length: 12 }, () => stall(s.port, 100 * 1024, Buffer.alloc(60 * 1024, 'a')));
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(timer);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(cap);
    for (const c of clients) c.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(s.filter.heldBytes()).toBe(0);
  });

  it('counts bytes as they arrive: stalled requests that declare large bodies lock no one out', async () => {
    const s = await start({ maxHeldBytes: 256 * 1024, bodyLimit: 128 * 1024 });
    // Four clients declare 100 KB each (more than the cap together) and send one byte.
    const stalled = [0, 1, 2, 3].map(() => stall(s.port, 100 * 1024, 'a'));
    await new Promise((r) => setTimeout(r, 100));
    expect(s.filter.heldBytes()).toBe(4);
    // A small signed request still gets in, and so does one sent in chunks with no length.
    expect((await post(s.url, sign(body))).status).toBe(200);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: s.port,
          method: 'POST',
          path: '/slack/events',
          headers: { ...FORM, ...sign(body) },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    });
    expect(chunked).toBe(200);
    expect(s.seen.at(-1)?.rawBody).toBe(body);
    for (const c of stalled) c.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(s.filter.heldBytes()).toBe(0);
  });

  it('answers 503 past the requests it holds in flight, and 413 past the body limit', async () => {
    const s = await start({ maxInFlight: 2, bodyLimit: 1024 });
    const stalled = [0, 1].map(() => stall(s.port, 500, 'a'));
    await new Promise((r) => setTimeout(r, 100));
    const third = await post(s.url, sign(body));
    expect(third.status).toBe(503);
    for (const r of stalled) r.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const big = 'x'.repeat(2048);
    expect((await post(s.url, sign(big), big)).status).toBe(413);
  });

  it('passes every other path and method straight to Bolt', async () => {
    const s = await start();
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${s.url}/slack/events`)).status).toBe(200);
    expect(s.seen.map((x) => x.path)).toEqual(['/healthz', '/slack/events']);
  });
});
