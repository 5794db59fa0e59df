import { readFileSync } from 'node:fs';
import { CliError, UsageError } from './errors.js';
import { BIN, TOP_HELP } from './help.js';
import { type Io, write } from './io.js';

type Command = (args: readonly string[], io: Io) => Promise<number>;

/** Loaded on use, so `--help` and usage errors do not pay for the engine, zod and yaml. */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  ask: async () => (await import('./ask.js')).ask,
  classify: async () => (await import('./classify.js')).classify,
  eval: async () => (await import('./eval.js')).evaluate,
  'validate-pack': async () => (await import('./validate.js')).validatePack,
};

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Runs one command line and returns the exit code. Never throws; never prints a stack trace. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) throw new UsageError('missing command');
    if (first === '-h' || first === '--help' || first === 'help') {
      await write(io.stdout, TOP_HELP);
      return 0;
    }
    if (first === '-v' || first === '--version') {
      await write(io.stdout, `${version()}\n`);
      return 0;
    }
    if (first.startsWith('-')) throw new UsageError(`unknown option ${first}`);
    const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!load) throw new UsageError(`unknown command "${first}"`);
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    const prefix = error.command ? `${BIN} ${error.command}` : BIN;
    const help = error.command ? `${BIN} ${error.command} --help` : `${BIN} --help`;
    io.stderr.write(`${prefix}: ${error.message} (see ${help})\n`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    io.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${BIN}: unexpected error: ${message.split('\n')[0]}\n`);
  return 1;
}
