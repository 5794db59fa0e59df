import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ once per test run, as `npm run build` does, but only when something it is built
 * from changed since the last build: the CLI tests run the built binary and the process tests
 * run `node dist/bundle/main.js`, exactly as a deployment does, while a unit-test run on an
 * unchanged tree starts at once. Each pack's trained model is rebuilt the same way, when the
 * pack's files are newer than it (the app refuses to start without a matching one).
 */
const root = fileURLToPath(new URL('..', import.meta.url));

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== '.model.json' && name !== 'node_modules')
    .reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

export default function setup(): void {
  const stamp = join(root, 'dist', '.build-stamp');
  const sources = Math.max(
    ...[
      'src',
      'playground',
      'scripts/bundle.mjs',
      'scripts/bundle',
      'tsconfig.build.json',
      'tsconfig.playground.json',
      'package-lock.json',
    ].map((p) => newest(join(root, p))),
  );
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
    // The playground is not part of the app or its image: it builds on its own.
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.playground.json'], { cwd: root, stdio: 'inherit' });
    execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs')], { cwd: root, stdio: 'inherit' });
    writeFileSync(stamp, '');
  }
  const packs = [
    'packs/default',
    'test/fixtures/packs/minimal',
    'test/fixtures/packs/base',
    'test/fixtures/packs/extends',
  ];
  for (const pack of packs) {
    const model = join(root, pack, '.model.json');
    const inputs = Math.max(
      newest(join(root, pack)),
      newest(join(root, 'packs/default')),
      statSync(stamp).mtimeMs,
    );
    if (existsSync(model) && statSync(model).mtimeMs >= inputs) continue;
    execFileSync(process.execPath, ['dist/cli.js', 'validate-pack', pack], { cwd: root, stdio: 'ignore' });
  }
}
