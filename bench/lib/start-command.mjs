// `npm start` split into node's flags and the script, so the benchmarks run the app exactly as
// it is deployed (the Dockerfile's CMD is the same command; test/dockerfile.test.ts checks).
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const [node, ...rest] = pkg.scripts.start.split(' ');
if (node !== 'node') throw new Error(`npm start should run node, not ${node}`);

/** Flags before the script, e.g. heap limits. */
export const START_NODE_ARGS = rest.slice(0, -1);
/** The script, relative to the package root. */
export const START_SCRIPT = rest.at(-1);
