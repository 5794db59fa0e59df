import { readFileSync } from 'node:fs';

/**
 * `npm start`, which the image's CMD must equal and the process tests run (bench/ reads the
 * same script through bench/lib/start-command.mjs).
 */
export const START_COMMAND: readonly string[] = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start.split(' ');

/** node's flags, between `node` and the script. */
export const START_NODE_ARGS = START_COMMAND.slice(1, -1);
/** The script, relative to the package root. */
export const START_SCRIPT = START_COMMAND.at(-1) as string;
