// Reference target for bench/slack.mjs: a plain node:http server that does what any Slack
// endpoint must (read the body, check the timestamp, verify the v0 HMAC-SHA256 signature in
// constant time, parse the form) and answers static JSON. The floor for one request on Node.
// Env: SLACK_SIGNING_SECRET, PORT. Listens on 127.0.0.1 only.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.SLACK_SIGNING_SECRET ?? '';
const ANSWER = JSON.stringify({
  response_type: 'ephemeral',
  text: 'Conduct Nudge: ask me about conduct at work, privately.',
});

function verified(req, body) {
  const timestamp = req.headers['x-slack-request-timestamp'];
  const signature = req.headers['x-slack-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (req.method !== 'POST' || req.url !== '/slack/events' || !verified(req, body)) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Unauthorized');
      return;
    }
    const fields = new URLSearchParams(body.toString('utf8'));
    if (fields.get('command') !== '/conduct') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(ANSWER);
  });
});
server.keepAliveTimeout = 5_000;
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
