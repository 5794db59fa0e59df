// Bundles the server entry points (HTTP/Socket Mode and Lambda) into one file each, so a cold
// start reads and compiles one file instead of some 600 modules. `npm run build` runs it after
// tsc; the bundles go to dist/bundle/, two levels below the package like every dist module,
// so paths such as the default pack's resolve the same.
//
// Kept out of the bundle and loaded from node_modules when used: native and optional modules
// (better-sqlite3, pg, pg-native: multi-workspace installs only) and YAML (read at start only
// when a pack's files changed since its model was built; the app then refuses the model). Everything Bolt imports is bundled as it is, Socket Mode's
// client and Express included, though HTTP mode uses neither: loading them on first use
// instead (a Proxy in place of each package, until session 6) saved about 7 MB of RSS and
// no measurable cold start, and was not worth code beside Bolt.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
/**
 * zod re-exports every locale (about 290 KB, a quarter of the bundle) as `z.locales`; the app
 * uses none of them, and zod registers English, its default, from its schemas module directly.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'empty' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'dist/main.js', lambda: 'dist/lambda.js' },
  outdir: 'dist/bundle',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'linked',
  external: ['better-sqlite3', 'pg', 'pg-native', 'yaml'],
  plugins: [zodWithoutLocales],
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, out]) => `${file} ${(out.bytes / 1024).toFixed(0)} KB`);
if (process.argv.includes('--verbose')) {
  console.log(bytes.join('\n'));
  const byPackage = {};
  for (const [file, input] of Object.entries(result.metafile.outputs['dist/bundle/main.js'].inputs)) {
    const name = file.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1] ?? file.split('/').slice(0, 2).join('/');
    byPackage[name] = (byPackage[name] ?? 0) + input.bytesInOutput;
  }
  console.log(
    Object.entries(byPackage)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([n, b]) => `${n} ${(b / 1024).toFixed(0)} KB`)
      .join('\n'),
  );
}
