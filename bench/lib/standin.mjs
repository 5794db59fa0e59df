// A small local stand-in for Slack's Web API, on loopback: `/api/<method>` answers
// {"ok":true,...}; auth.test names a bot, chat.postMessage returns a ts. It counts calls by
// method and records when each chat.postMessage arrived and which thread it answered.
import { createServer } from 'node:http';

function parseBody(req, raw) {
  const type = String(req.headers['content-type'] ?? '');
  try {
    if (type.includes('application/json')) return JSON.parse(raw);
    return Object.fromEntries(new URLSearchParams(raw));
  } catch {
    return {};
  }
}

export async function startStandIn() {
  const counts = new Map();
  /** chat.postMessage calls: { at: performance.now(), thread_ts, channel } */
  const posts = [];
  let seq = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const method = path.startsWith('/api/') ? path.slice(5) : path;
      counts.set(method, (counts.get(method) ?? 0) + 1);
      let reply = { ok: true };
      if (method === 'auth.test')
        reply = {
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'conduct',
          team_id: 'T0TEAM',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      else if (method === 'chat.postMessage') {
        const body = parseBody(req, Buffer.concat(chunks).toString('utf8'));
        posts.push({ at: performance.now(), thread_ts: body.thread_ts, channel: body.channel });
        seq++;
        reply = { ok: true, channel: body.channel ?? 'D0', ts: `1700000001.${String(seq).padStart(6, '0')}` };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/api/`,
    counts,
    posts,
    count: (method) => counts.get(method) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
