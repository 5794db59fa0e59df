import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ once per test run, as `npm run build` does: the CLI tests run the built binary
 * and the process tests run `node dist/bundle/main.js`, exactly as a deployment does.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(
    process.execPath,
    [
      fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)),
      '-p',
      'tsconfig.build.json',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/bundle.mjs', import.meta.url))], {
    cwd: root,
    stdio: 'inherit',
  });
  // The trained model of the default pack, as `npm run build` writes it (and of the fixture
  // pack that extends it): the app refuses to start without one that matches its pack.
  for (const pack of [
    'packs/default',
    'test/fixtures/packs/minimal',
    'test/fixtures/packs/base',
    'test/fixtures/packs/extends',
  ])
    execFileSync(process.execPath, ['dist/cli.js', 'validate-pack', pack], { cwd: root, stdio: 'ignore' });
}
