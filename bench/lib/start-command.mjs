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

/**
 * The allocator settings the image sets for the app (the Dockerfile's final stage, `ENV
 * MALLOC_…`), so the benchmark measures memory as deployed.
 */
export const START_ENV = (() => {
  const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
  const final = dockerfile.split(/^FROM\s/m).at(-1) ?? '';
  const env = {};
  for (const line of final.split('\n')) {
    const m = line.match(/^ENV\s+(.+)$/);
    if (!m) continue;
    for (const pair of m[1].trim().split(/\s+/)) {
      const [key, value] = pair.split('=');
      if (key?.startsWith('MALLOC_') && value !== undefined) env[key] = value;
    }
  }
  // A Dockerfile edit this reading misses must not silently run the benchmark without them.
  for (const key of ['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_', 'MALLOC_TRIM_THRESHOLD_'])
    if (!(key in env)) throw new Error(`bench: the Dockerfile's final stage sets no ${key}`);
  return env;
})();
