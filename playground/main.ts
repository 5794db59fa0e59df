import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Playground, startPlayground } from './server.js';
import { PEOPLE } from './world.js';

/**
 * `npm run demo`: starts the real app, unchanged, as `node dist/main.js` in HTTP mode, and the
 * playground next to it, which plays Slack for it. Runs until Ctrl-C.
 */
const USAGE = `Usage: npm run demo -- [--pack DIR] [--port N]

Starts Conduct Nudge with a local, browser-based stand-in for Slack. No workspace needed.

Options:
  --pack DIR   Policy pack folder to preview (default: CONDUCT_PACK, else the shipped pack)
  --port N     Playground port (default: PLAYGROUND_PORT, else 3030 or the next free one;
               0 picks any free port)
  -h, --help   Show this help
`;

const DEFAULT_PORT = 3030;
const APP_MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

interface Args {
  pack?: string;
  port?: number;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value.\n\n${USAGE}`);
    if (flag === '-h' || flag === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (flag === '--pack') args.pack = value();
    else if (flag === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        fail('--port must be a port number (0-65535).');
      args.port = port;
    } else fail(`Unknown option ${arg}.\n\n${USAGE}`);
  }
  return args;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** Starts the playground on `wanted`, else the next free port above it (explicit 0: any). */
async function listenNear(start: (port: number) => Promise<Playground>, wanted: number, exact: boolean) {
  if (wanted === 0) return start(0);
  for (let port = wanted; port < wanted + 20 && port <= 65535; port++) {
    if (!(await portIsFree(port))) {
      if (exact) fail(`Port ${port} is in use: pick another with --port, or --port 0 for any free port.`);
      continue;
    }
    try {
      return await start(port);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    }
  }
  return start(0);
}

async function waitHealthy(url: string, child: ChildProcess, stderr: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The app stopped during start-up:\n${stderr.join('').trim()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`The app did not start within 20 s:\n${stderr.join('').trim()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(APP_MAIN)) fail('dist/main.js is missing: run "npm run build" first (npm run demo does).');
  const packArg = args.pack ?? (process.env.CONDUCT_PACK?.trim() || undefined);
  const pack = packArg ? resolve(packArg) : undefined;
  if (pack && !(existsSync(pack) && statSync(pack).isDirectory())) fail(`--pack ${packArg}: no such folder.`);

  const signingSecret = randomBytes(24).toString('hex');
  const botToken = `xoxb-playground-${randomBytes(12).toString('hex')}`;
  const envPort = process.env.PLAYGROUND_PORT?.trim();
  const wanted = args.port ?? (envPort ? Number(envPort) : DEFAULT_PORT);
  const exact = args.port !== undefined || Boolean(envPort);
  const playground = await listenNear(
    (port) => startPlayground({ signingSecret, botToken, packLabel: packArg ?? 'default pack' }, port),
    wanted,
    exact && wanted !== 0,
  );

  const appPort = await freePort();
  const child = spawn(process.execPath, [APP_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(appPort),
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: `${playground.url}/api/`,
      HR_ADMIN_USER_IDS: PEOPLE.hr.id,
      LOG_LEVEL: process.env.LOG_LEVEL?.trim() || 'warn',
      ...(pack ? { CONDUCT_PACK: pack } : {}),
      ...(process.env.PRIVACY_URL ? { PRIVACY_URL: process.env.PRIVACY_URL } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(`[app] ${String(chunk)}`));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(String(chunk));
    process.stderr.write(`[app] ${String(chunk)}`);
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await playground.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    // Ctrl-C reaches the whole process group, so the app may stop first: that is a clean stop.
    if (code === 0 || signal) return void stop(0);
    process.stderr.write(`The app exited (code ${code}); stopping the playground.\n`);
    void stop(1);
  });

  const appUrl = `http://127.0.0.1:${appPort}`;
  try {
    await waitHealthy(appUrl, child, stderr);
    playground.setAppUrl(appUrl);
    await playground.seed();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    await stop(1);
    return;
  }
  // Only the page's address: everything else is on the page.
  process.stdout.write(`${playground.url}/\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`The playground could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
