import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** Slack's v0 request signature, as Slack computes it. */
export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export function signedPost(
  url: string,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...sign(body), ...headers },
    body,
  });
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const payloadForm = (payload: unknown) => form({ payload: JSON.stringify(payload) });
