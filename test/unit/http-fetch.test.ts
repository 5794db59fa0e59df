import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpFetch } from '../../src/slack/http-fetch.js';

/** A local server playing Slack: echoes what it got, or answers as a path says. */
let server: Server;
let base: string;
const seen: Array<{ method?: string; path?: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method, path: req.url, headers: req.headers, body });
      if (req.url === '/slow') return; // never answers
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
        return;
      }
      if (req.url === '/limited') {
        res.writeHead(429, { 'retry-after': '3', 'x-oauth-scopes': 'chat:write, commands' });
        res.end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      res.end(JSON.stringify({ ok: true, echo: body, café: 'é' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const slackFetch = createHttpFetch();

describe('createHttpFetch', () => {
  it('posts a string body with its length and reads status, headers and text as fetch would', async () => {
    const res = await slackFetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-1' },
      body: 'channel=D1&text=h%C3%A9llo',
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(res.headers.get('x-missing')).toBeNull();
    expect(Object.fromEntries(res.headers.entries())['content-type']).toBe('application/json');
    expect(await res.json()).toEqual({ ok: true, echo: 'channel=D1&text=h%C3%A9llo', café: 'é' });
    const got = seen.at(-1);
    expect(got?.method).toBe('POST');
    expect(got?.headers.authorization).toBe('Bearer xoxb-1');
    expect(got?.headers['content-length']).toBe(String(Buffer.byteLength('channel=D1&text=h%C3%A9llo')));
  });

  it('gives non-2xx answers back as responses, Retry-After readable', async () => {
    const res = await slackFetch(`${base}/limited`, { method: 'POST', body: 'x=1' });
    expect(res.status).toBe(429);
    expect(res.ok).toBe(false);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.text()).toContain('ratelimited');
    await expect(res.body?.cancel()).resolves.toBeUndefined();
  });

  it('refuses a redirect when asked to, as the Web API client asks', async () => {
    await expect(
      slackFetch(`${base}/redirect`, { method: 'POST', body: '', redirect: 'error' }),
    ).rejects.toThrow(TypeError);
  });

  it('stops at its signal, with the signal’s reason', async () => {
    const started = Date.now();
    await expect(
      slackFetch(`${base}/slow`, { method: 'POST', body: 'x', signal: AbortSignal.timeout(150) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2_000);
    const aborted = AbortSignal.abort(new Error('gone'));
    await expect(slackFetch(`${base}/api/x`, { signal: aborted })).rejects.toThrow('gone');
  });

  it('fails a refused connection the way fetch does', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      slackFetch(`http://127.0.0.1:${port}/api/auth.test`, { method: 'POST' }),
    ).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' },
    });
  });

  it('hands anything but a plain string request to the global fetch', async () => {
    const fallback = vi.fn(async () => new Response('ok'));
    const viaFallback = createHttpFetch(fallback);
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.txt');
    await viaFallback(`${base}/api/files.upload`, { method: 'POST', body: form });
    await viaFallback(new Request(`${base}/api/x`));
    await viaFallback('ftp://example.com/x');
    expect(fallback).toHaveBeenCalledTimes(3);
    await viaFallback(`${base}/api/y`, { method: 'POST', body: 'a=1' });
    expect(fallback).toHaveBeenCalledTimes(3);
  });
});
