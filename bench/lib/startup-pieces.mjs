// Where the app's cold start goes: times each import and step of start-up in one process, in
// the order dist/main.js does them. `npm run build` first; `node bench/lib/startup-pieces.mjs`.
// Start-up needs a Web API for auth.test: a stand-in is started on loopback.
import { startStandIn } from './standin.mjs';

const standIn = await startStandIn();
const t0 = performance.now();
let last = t0;
const rows = [];
const lap = (label) => {
  const now = performance.now();
  rows.push([label, now - last, now - t0]);
  last = now;
};
await import('@slack/bolt');
lap('import @slack/bolt');
await import('pino');
lap('import pino');
await import('zod');
lap('import zod');
await import('yaml');
lap('import yaml');
const { loadConfig } = await import('../../dist/config.js');
lap('import dist/config.js');
const { loadEngine } = await import('../../dist/engine/index.js');
lap('import dist/engine');
const { createConductApp } = await import('../../dist/app.js');
lap('import dist/app.js (rest)');
const config = loadConfig({
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-signing-secret-8f3a1c0d9e',
  SLACK_API_URL: standIn.url,
  LOG_LEVEL: 'warn',
  PORT: '3000', // not used: start(0) picks a free port
});
lap('loadConfig');
const engine = loadEngine(config.packDir);
lap('loadEngine (pack load + compile)');
const conduct = await createConductApp(config, { engine });
lap('createConductApp (Bolt App, listeners)');
await conduct.start(0);
lap('start (app.init → auth.test, listen)');
for (const [label, step, total] of rows)
  console.log(`${label.padEnd(40)} ${step.toFixed(1).padStart(7)} ms  ${total.toFixed(1).padStart(7)} ms`);
await conduct.stop(0);
await standIn.close();
