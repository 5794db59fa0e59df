import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { START_NODE_ARGS, START_SCRIPT } from '../helpers/start-command.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  child: ChildProcess;
  url: string;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/** Runs `npm start`'s command (the image's CMD) as a deployment would, optionally as another user (uid/gid). */
export async function startAppProcess(
  env: Record<string, string>,
  options: {
    cwd?: string;
    uid?: number;
    gid?: number;
    /** Runs the app through another command, e.g. `unshare -m sh -c '…; exec node …'`. */
    wrap?: (node: string, nodeArgs: string[]) => { command: string; args: string[] };
  } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const nodeArgs = [...START_NODE_ARGS, `${ROOT}${START_SCRIPT}`];
  const { command, args } = options.wrap?.(process.execPath, nodeArgs) ?? {
    command: process.execPath,
    args: nodeArgs,
  };
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (d: Buffer) => stdout.push(String(d)));
  child.stderr?.on('data', (d: Buffer) => stderr.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited early (${child.exitCode}): ${stderr.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app did not start: ${stderr.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url, stdout, stderr, exited };
}
