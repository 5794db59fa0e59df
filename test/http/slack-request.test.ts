import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isSslCheck,
  parseSlackBody,
  retryNum,
  retryReason,
  timestampInWindow,
  verifySignature,
} from '../../src/http/slack-request.js';

const SECRET = 'unit-signing-secret';
const NOW = 1_800_000_000_000;
const ts = (offsetSeconds = 0) => String(Math.floor(NOW / 1000) + offsetSeconds);
const signatureOf = (body: string, timestamp: string, secret = SECRET) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
const verify = (body: string, timestamp: unknown, signature: unknown) =>
  verifySignature(
    Buffer.from(body),
    timestamp as string | undefined,
    signature as string | undefined,
    SECRET,
    NOW,
  );

describe('verifySignature', () => {
  const body = 'command=%2Fconduct&text=hi';

  it('accepts Slack’s v0 signature of the exact body', () => {
    expect(verify(body, ts(), signatureOf(body, ts()))).toBe(true);
  });

  it.each([
    ['another secret', () => signatureOf(body, ts(), 'other-secret')],
    ['another body', () => signatureOf(`${body}x`, ts())],
    ['a v1 prefix', () => signatureOf(body, ts()).replace('v0=', 'v1=')],
    ['a truncated digest', () => signatureOf(body, ts()).slice(0, 40)],
    ['upper-case hex', () => signatureOf(body, ts()).toUpperCase().replace('V0=', 'v0=')],
    ['non-hex characters', () => `v0=${'z'.repeat(64)}`],
    ['no signature', () => undefined],
    ['two signature headers', () => [signatureOf(body, ts()), signatureOf(body, ts())]],
  ])('refuses %s', (_name, signature) => {
    expect(verify(body, ts(), signature())).toBe(false);
  });

  it('refuses timestamps outside five minutes either way, even when signed with them', () => {
    for (const offset of [-301, 301, -3600, 86_400])
      expect(verify(body, ts(offset), signatureOf(body, ts(offset)))).toBe(false);
    for (const offset of [-299, 0, 299])
      expect(verify(body, ts(offset), signatureOf(body, ts(offset)))).toBe(true);
  });

  it('refuses timestamps that are not plain seconds', () => {
    for (const bad of ['', 'soon', '1e9', '-5', ' 1800000000', `${ts()}.5`, '9'.repeat(13)])
      expect(timestampInWindow(bad, NOW)).toBe(false);
  });

  it('gives the same verdict over a body in chunks as over the body whole, however it is split', () => {
    fc.assert(
      fc.property(
        // Any text, cut at any byte (inside a multi-byte character too).
        fc.string({ maxLength: 300, unit: 'binary' }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        (text, cuts, forged) => {
          const whole = Buffer.from(text);
          const at = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...at].map((from, i) => whole.subarray(from, at[i] ?? whole.length));
          const signature = signatureOf(forged ? `${text}!` : text, ts());
          const verdict = verifySignature(chunks, ts(), signature, SECRET, NOW);
          expect(verdict).toBe(verify(text, ts(), signature));
          expect(verdict).toBe(!forged);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the headers hold', () => {
    fc.assert(
      fc.property(fc.string(), fc.anything(), fc.anything(), (text, timestamp, signature) => {
        expect(typeof verify(text, timestamp, signature)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseSlackBody', () => {
  const form = 'application/x-www-form-urlencoded';

  it('reads slash-command forms as strings, last value winning', () => {
    expect(parseSlackBody(Buffer.from('command=%2Fconduct&text=a+b&text=c'), form)).toEqual({
      command: '/conduct',
      text: 'c',
    });
  });

  it('reads an interactivity payload and JSON events, with any content-type parameters', () => {
    const payload = { type: 'block_actions', actions: [] };
    expect(
      parseSlackBody(
        Buffer.from(`payload=${encodeURIComponent(JSON.stringify(payload))}`),
        `${form}; charset=utf-8`,
      ),
    ).toEqual(payload);
    expect(parseSlackBody(Buffer.from('{"type":"event_callback"}'), 'application/json')).toEqual({
      type: 'event_callback',
    });
  });

  it.each([
    ['null', 'null', 'application/json'],
    ['an array', '[1]', 'application/json'],
    ['a string', '"x"', 'application/json'],
    ['broken JSON', '{"a":', 'application/json'],
    ['a payload that is not JSON', 'payload=%7Bnope', form],
    ['a payload that is an array', 'payload=%5B%5D', form],
  ])('refuses %s', (_name, body, contentType) => {
    expect(parseSlackBody(Buffer.from(body), contentType)).toBeUndefined();
  });

  it('keeps prototype-named fields as plain data', () => {
    const parsed = parseSlackBody(Buffer.from('__proto__=x&constructor=y'), form);
    expect(parsed?.constructor).toBe('y');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('never throws on any bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(form, 'application/json', undefined),
        (bytes, type) => {
          const parsed = parseSlackBody(Buffer.from(bytes), type);
          expect(parsed === undefined || (typeof parsed === 'object' && !Array.isArray(parsed))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('small headers', () => {
  it('reads ssl_check only from forms', () => {
    expect(isSslCheck(Buffer.from('ssl_check=1&token=x'), 'application/x-www-form-urlencoded')).toBe(true);
    expect(isSslCheck(Buffer.from('ssl_check=1'), 'application/json')).toBe(false);
    expect(isSslCheck(Buffer.from('ssl_check=0'), 'application/x-www-form-urlencoded')).toBe(false);
  });

  it('reads retry headers defensively', () => {
    expect(retryNum('2')).toBe(2);
    expect(retryNum(['1', '2'])).toBe(1);
    expect(retryNum('two')).toBeUndefined();
    expect(retryNum(undefined)).toBeUndefined();
    expect(retryReason('http_timeout')).toBe('http_timeout');
    expect(retryReason('x'.repeat(500))).toHaveLength(64);
  });
});
