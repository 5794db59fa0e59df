import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { read } from '../process/stand-in.js';

/**
 * A local stand-in for Slack's Web API, and for Slack in Socket Mode: the Web API (reached through SLACK_API_URL)
 * answers `apps.connections.open` with a ws:// URL on this same server, where a WebSocket
 * server plays Slack's side of the socket: it says `hello`, sends envelopes and collects acks.
 */
export interface SocketStandIn {
  apiUrl: string;
  calls: Array<{ path: string; body: string; authorization?: string }>;
  /** Resolves when the app has connected and been sent `hello`. */
  connected(): Promise<void>;
  send(envelope: Record<string, unknown>): void;
  /** Resolves with the app's reply to the envelope with this id. */
  ack(envelopeId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  waitFor(predicate: (path: string) => boolean, count?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** `replies` answers more Web API methods, e.g. `{ 'oauth.v2.access': {...} }`. */
export async function startSocketStandIn(
  replies: Record<string, Record<string, unknown>> = {},
): Promise<SocketStandIn> {
  const calls: SocketStandIn['calls'] = [];
  const acks = new Map<string, Record<string, unknown>>();
  let socket: WebSocket | undefined;
  let port = 0;

  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const path = req.url ?? '/';
    calls.push({ path, body, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    const method = path.replace(/^\/api\//, '').split('?')[0] ?? '';
    if (replies[method]) res.end(JSON.stringify(replies[method]));
    else if (path.startsWith('/api/apps.connections.open'))
      res.end(JSON.stringify({ ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=t1&app_id=A0APP` }));
    else if (path.startsWith('/api/auth.test'))
      res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0TEAM' }));
    else if (path.startsWith('/api/chat.postMessage'))
      res.end(JSON.stringify({ ok: true, ts: '1700000001.000100', channel: 'D0DM' }));
    else res.end(JSON.stringify({ ok: true }));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, sock, head) => {
    if (!(req.url ?? '').startsWith('/link/')) {
      sock.destroy();
      return;
    }
    wss.handleUpgrade(req, sock, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (typeof message.envelope_id === 'string') acks.set(message.envelope_id, message);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'stand-in', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0APP' },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const until = async (check: () => boolean, what: () => string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`socket stand-in: ${what()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    connected: () =>
      until(
        () => socket !== undefined,
        () => 'the app never connected',
        10_000,
      ),
    send(envelope) {
      if (!socket) throw new Error('socket stand-in: not connected');
      socket.send(JSON.stringify(envelope));
    },
    async ack(envelopeId, timeoutMs = 10_000) {
      await until(
        () => acks.has(envelopeId),
        () => `no ack for ${envelopeId}`,
        timeoutMs,
      );
      return acks.get(envelopeId) as Record<string, unknown>;
    },
    waitFor: (predicate, count = 1, timeoutMs = 10_000) =>
      until(
        () => calls.filter((c) => predicate(c.path)).length >= count,
        () => `expected ${count} matching calls, saw ${calls.map((c) => c.path).join(', ')}`,
        timeoutMs,
      ),
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
