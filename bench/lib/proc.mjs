// Child processes for the benchmarks: spawn on a free loopback port, time the first answered
// request, read RSS, and make sure every child dies with us.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';

const children = new Set();

function killAll(signal = 'SIGKILL') {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  }
}
process.on('exit', () => killAll());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.on('uncaughtException', (error) => {
  console.error(error);
  killAll();
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  console.error(error);
  killAll();
  process.exit(1);
});

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One HTTP request on a fresh connection; resolves { status, body, ms } or rejects. */
export function send(
  port,
  { method = 'POST', path, headers = {}, body = '' },
  agent = false,
  timeoutMs = 5_000,
) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Spawns `node <script>` with `env` and PORT, then polls with `makeRequest()` (a fresh signed
 * request each time) until one is answered 200 with a body. Returns the child, its port and the
 * cold start: spawn to the end of the first answered response.
 */
export async function startTarget(
  name,
  script,
  env,
  makeRequest,
  { timeoutMs = 20_000, pollMs = 5, nodeArgs = [] } = {},
) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const output = [];
  const keep = (d) => {
    output.push(String(d));
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited early (${child.exitCode ?? child.signalCode}): ${output.join('')}`);
    try {
      const res = await send(port, makeRequest(), false, 2_000);
      if (res.status === 200 && res.body.length > 0) break;
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${res.body.slice(0, 200)}`);
    } catch (error) {
      if (error.code !== 'ECONNREFUSED' && error.code !== 'ECONNRESET') throw error;
    }
    if (performance.now() - started > timeoutMs)
      throw new Error(`${name} did not answer within ${timeoutMs} ms: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
  const coldStartMs = performance.now() - started;
  return {
    name,
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    coldStartMs,
    output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
      children.delete(child);
    },
  };
}

/** VmRSS and VmHWM (peak) of a process in MB, from /proc/<pid>/status. */
export function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU time (user + system) the process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const FORGED_BODY = 'x'.repeat(1024 * 1024);

/**
 * `count` unauthenticated 1 MiB bodies at once, with signature-shaped headers (what the filter
 * must not hold without bound), to `path` on `port`. Resolves to the answers' statuses, counted.
 */
export async function sendForgedBodies(port, path, count = 150) {
  const headers = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
    'x-slack-signature': `v0=${'0'.repeat(64)}`,
  };
  const statuses = {};
  await Promise.all(
    Array.from({ length: count }, async () => {
      const res = await send(port, { path, headers, body: FORGED_BODY }, false, 20_000).catch(() => ({
        status: 'closed',
      }));
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }),
  );
  return statuses;
}
