import { createRequire } from 'node:module';
import type { ReceiverEvent } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createFrontDoor, type FrontDoor } from '../../src/http/server.js';
import { form, SIGNING_SECRET, sign } from '../signing.js';

/** The front door alone, with a stand-in for Bolt's processEvent. */
let door: FrontDoor | undefined;
afterEach(async () => {
  await door?.close(100);
  door = undefined;
});

async function start(processEvent: (event: ReceiverEvent) => Promise<void>, bodyLimit = 1024 * 1024) {
  door = createFrontDoor({
    signingSecret: SIGNING_SECRET,
    processEvent,
    bodyLimit,
    unhandledRequestTimeoutMs: 300,
  });
  return `http://127.0.0.1:${await door.listen(0, '127.0.0.1')}/slack/events`;
}

const body = form({ command: '/conduct', text: 'hi', team_id: 'T1', user_id: 'U1' });
const post = (url: string, headers: Record<string, string>, payload: string = body) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: payload,
  });

describe('the front door', () => {
  it('writes what the listener acks, with its length, once', async () => {
    const url = await start(async ({ ack }) => {
      await ack({ text: 'answer' });
      await expect(ack({ text: 'again' })).rejects.toThrow();
    });
    const res = await post(url, sign(body));
    expect(res.headers.get('content-length')).toBe(String('{"text":"answer"}'.length));
    expect(await res.json()).toEqual({ text: 'answer' });
  });

  it('answers an ack of a bare value instead of hanging', async () => {
    const url = await start(async ({ ack }) => ack(true as never));
    const res = await post(url, sign(body));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('true');
  });

  it('answers 404 when nothing acks in time, and a bare 500 when processing fails first', async () => {
    const silent = await start(async () => undefined);
    expect((await post(silent, sign(body))).status).toBe(404);
    await door?.close(100);
    const failing = await start(async () => {
      throw new Error('boom');
    });
    const res = await post(failing, sign(body));
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
  });

  it('refuses an unsigned request without reading its body', async () => {
    let processed = 0;
    const url = await start(async () => {
      processed++;
    });
    const big = `text=${'a'.repeat(200_000)}`;
    const res = await post(url, {}, big);
    expect(res.status).toBe(401);
    expect(res.headers.get('connection')).toBe('close');
    expect(processed).toBe(0);
  });

  it('refuses a body over the limit by its declared length, and one that grows past it', async () => {
    const url = await start(async ({ ack }) => ack(), 1_000);
    const long = `text=${'a'.repeat(5_000)}`;
    expect((await post(url, sign(long), long)).status).toBe(413);
    // Chunked, with no length to go by: refused once it passes the limit.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('a'.repeat(500)));
        controller.close();
      },
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign('unused') },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});

describe('the bundle’s lazy modules', () => {
  const lazyModule = createRequire(import.meta.url)('../../scripts/bundle/lazy-module.cjs') as (
    load: () => unknown,
  ) => Record<string, unknown> & ((...args: unknown[]) => unknown);

  it('loads on first use only, and behaves as the module after', () => {
    let loads = 0;
    const real = Object.assign((x: number) => x * 2, { Router: () => 'router', version: '1' });
    const proxy = lazyModule(() => {
      loads++;
      return real;
    });
    expect(proxy.__esModule).toBe(true);
    expect(loads).toBe(0);
    expect(proxy(21)).toBe(42);
    expect((proxy.default as typeof real)(2)).toBe(4);
    expect((proxy.Router as () => string)()).toBe('router');
    expect({ ...proxy }).toMatchObject({ Router: real.Router, version: '1' });
    expect(Object.keys(proxy)).toEqual(expect.arrayContaining(['Router', 'version']));
    proxy.extra = 'set';
    expect((real as unknown as Record<string, unknown>).extra).toBe('set');
    expect(loads).toBe(1);
  });
});
