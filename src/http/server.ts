import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP server in HTTP mode: Node's server around one request listener (the filter, then
 * Bolt's HTTPReceiver), with timeouts sized for Slack's small, quick requests, and a drain on
 * stop so a SIGTERM finishes the requests in flight. While draining, /healthz says 503 (the
 * receiver's custom route reads `draining()`), so a load balancer stops sending new ones.
 */
export interface HttpServer {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, waits up to `graceMs` for requests in flight, then closes the rest. */
  close(graceMs?: number): Promise<void>;
  /** From now on /healthz says 503 and responses close their connection; close() starts here. */
  drain(): void;
  draining(): boolean;
}

export function createHttpServer(listener: RequestListener): HttpServer {
  let active = 0;
  let draining = false;
  const idle: Array<() => void> = [];
  const server = createServer((req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (active === 0) for (const resolve of idle.splice(0)) resolve();
    });
    if (draining) res.setHeader('connection', 'close');
    listener(req, res);
  });
  // Slack sends small requests quickly; a slow client should not hold a socket for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  return {
    server,
    draining: () => draining,
    drain() {
      draining = true;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async close(graceMs = 10_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (active > 0) {
        await Promise.race([
          new Promise<void>((resolve) => idle.push(resolve)),
          new Promise((r) => setTimeout(r, graceMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
