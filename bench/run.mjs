// Runs every benchmark, one after another, each in its own process: bench/engine.mjs, then
// bench/slack.mjs and any bench/*.bench.mjs when present. Arguments are passed on (--quick, --json).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const benches = [
  'engine.mjs',
  'slack.mjs',
  ...readdirSync(here)
    .filter((f) => f.endsWith('.bench.mjs'))
    .sort(),
].filter((file) => existsSync(`${here}${file}`));

let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file}`);
  const { status, signal } = spawnSync(
    process.execPath,
    ['--expose-gc', `${here}${file}`, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  if (status !== 0) {
    failed++;
    console.error(`bench/${file} failed (${signal ?? `exit ${status}`})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
