import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack's Web API and response_url hooks, reached through SLACK_API_URL,
 * so a real app process can be driven end to end without the internet.
 */
export interface StandIn {
  url: string;
  calls: Array<{ path: string; body: string }>;
  waitFor(predicate: (path: string) => boolean, count?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A request's whole body as text (the stand-ins' Slack is never sent binary). */
export function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** `delayMs` holds each chat.postMessage reply back, to keep work in flight. */
export async function startStandIn(options: { delayMs?: number } = {}): Promise<StandIn> {
  const calls: StandIn['calls'] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const path = req.url ?? '/';
    if (options.delayMs && path.startsWith('/api/chat.postMessage')) {
      await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    }
    calls.push({ path, body });
    res.writeHead(200, { 'content-type': 'application/json' });
    if (path.startsWith('/api/auth.test'))
      res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0TEAM' }));
    else if (path.startsWith('/api/chat.postMessage'))
      res.end(JSON.stringify({ ok: true, ts: '1700000001.000100', channel: 'C0' }));
    else res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    async waitFor(predicate, count = 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.filter((c) => predicate(c.path)).length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `stand-in: expected ${count} matching calls, saw ${calls.map((c) => c.path).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
