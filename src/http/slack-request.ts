import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Reading one Slack request: is it signed by Slack, recently, and what does it say. Pure
 * functions over the raw body and headers, so they are tested without a server.
 */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

const SIGNATURE_PREFIX = 'v0=';
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

type HeaderValue = string | string[] | undefined;

/** True when the timestamp is within five minutes either way (Bolt only refuses old ones). */
export function timestampInWindow(timestamp: HeaderValue, nowMs = Date.now()): boolean {
  if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) <= MAX_CLOCK_SKEW_SECONDS;
}

/**
 * Whether headers could belong to a signed Slack request at all: a timestamp in the window and
 * a v0 signature of the right shape. Checked before a body is read (HTTP filter, Lambda).
 */
export function mayBeSigned(timestamp: HeaderValue, signature: HeaderValue, nowMs = Date.now()): boolean {
  return (
    timestampInWindow(timestamp, nowMs) &&
    typeof signature === 'string' &&
    signature.startsWith(SIGNATURE_PREFIX) &&
    HEX_SHA256.test(signature.slice(SIGNATURE_PREFIX.length))
  );
}

/**
 * Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<body>` (the body whole, or as the
 * chunks it arrived in) with the signing secret, compared in constant time. The timestamp must
 * be in the window too, so a captured request cannot be replayed later.
 */
export function verifySignature(
  raw: Buffer | readonly Buffer[],
  timestamp: HeaderValue,
  signature: HeaderValue,
  signingSecret: string,
  nowMs = Date.now(),
): boolean {
  if (!timestampInWindow(timestamp, nowMs)) return false;
  if (typeof signature !== 'string' || !signature.startsWith(SIGNATURE_PREFIX)) return false;
  const hex = signature.slice(SIGNATURE_PREFIX.length);
  if (!HEX_SHA256.test(hex)) return false;
  // A body read in chunks is checked chunk by chunk: it is joined only once it proves signed.
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestamp as string}:`);
  for (const part of Buffer.isBuffer(raw) ? [raw] : raw) hmac.update(part);
  const expected = hmac.digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

export type SlackBody = Record<string, unknown>;

const isObject = (value: unknown): value is SlackBody =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function mediaType(contentType: HeaderValue): string {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export const isFormBody = (contentType: HeaderValue) =>
  mediaType(contentType) === 'application/x-www-form-urlencoded';

/**
 * Slack sends a JSON object (events), a form (slash commands) or a form whose one `payload`
 * field is a JSON object (interactivity). Anything else is not a Slack request: undefined.
 * Form fields become strings (the last one wins when a name repeats), as Slack never repeats one.
 */
export function parseSlackBody(raw: Buffer, contentType: HeaderValue): SlackBody | undefined {
  const text = raw.toString('utf8');
  try {
    if (isFormBody(contentType)) {
      const form = Object.fromEntries(new URLSearchParams(text)) as Record<string, string>;
      if (form.payload === undefined) return form;
      const payload: unknown = JSON.parse(form.payload);
      return isObject(payload) ? payload : undefined;
    }
    const body: unknown = JSON.parse(text);
    return isObject(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The parts every listener reads must be objects when present: Bolt's matching reads
 * `event.type` and `actions[0].action_id` without checking, so `event: null` or `actions: [null]`
 * would fail inside Bolt instead of getting a plain 400.
 */
export function hasSlackShape(body: SlackBody): boolean {
  if ('event' in body && !isObject(body.event)) return false;
  if ('actions' in body && !(Array.isArray(body.actions) && body.actions.every(isObject))) return false;
  return true;
}

/** `ssl_check=1`: Slack checking the certificate; answered 200 and never processed. */
export function isSslCheck(raw: Buffer, contentType: HeaderValue): boolean {
  return isFormBody(contentType) && new URLSearchParams(raw.toString('utf8')).get('ssl_check') === '1';
}

/** X-Slack-Retry-Num as a number, when Slack says this is a retry. */
export function retryNum(header: HeaderValue): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,4}$/.test(value)) return undefined;
  return Number(value);
}

export function retryReason(header: HeaderValue): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined ? undefined : value.slice(0, 64);
}
