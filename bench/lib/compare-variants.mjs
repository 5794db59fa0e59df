// Saturation throughput of the app, the references and the variants in bench/lib/variants.mjs,
// interleaved over a few rounds. `node bench/lib/compare-variants.mjs [seconds] [rounds]`.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startTarget } from './proc.mjs';
import { signedCommandRequests, signedProbe, targetEnv } from './slack-requests.mjs';
import { startStandIn } from './standin.mjs';

const seconds = Number(process.argv[2] ?? 4);
const rounds = Number(process.argv[3] ?? 2);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const standIn = await startStandIn();
const env = targetEnv(standIn.url);
const probe = signedProbe;
const defs = [
  ['app', `${ROOT}dist/bundle/main.js`, {}],
  ['app-memo', `${ROOT}bench/lib/variants.mjs`, { VARIANT: 'app-memo' }],
  ['bolt', `${ROOT}bench/reference-bolt.mjs`, {}],
  ['bolt-17', `${ROOT}bench/lib/variants.mjs`, { VARIANT: 'bolt-17' }],
  ['bolt-bigack', `${ROOT}bench/lib/variants.mjs`, { VARIANT: 'bolt-bigack' }],
  ['bolt-convo-off', `${ROOT}bench/lib/variants.mjs`, { VARIANT: 'bolt-convo-off' }],
];
const targets = [];
for (const [name, script, extra] of defs)
  targets.push(await startTarget(name, script, { ...env, ...extra }, probe));
const run = (t, duration) =>
  new Promise((resolve, reject) =>
    autocannon({ url: t.url, requests: signedCommandRequests(), connections: 10, duration }, (e, r) =>
      e ? reject(e) : resolve(r),
    ),
  );
for (const t of targets) await run(t, 1);
const rps = Object.fromEntries(targets.map((t) => [t.name, []]));
for (let i = 0; i < rounds; i++)
  for (const t of targets) {
    const r = await run(t, seconds);
    if (r.non2xx) console.log(`${t.name}: ${r.non2xx} non-2xx`);
    rps[t.name].push(r['2xx'] / r.duration);
  }
for (const [name, list] of Object.entries(rps)) {
  const mean = list.reduce((a, b) => a + b, 0) / list.length;
  console.log(
    `${name.padEnd(16)} ${mean.toFixed(0).padStart(6)} req/s  (${list.map((v) => v.toFixed(0)).join(', ')})  ${(1000 / mean).toFixed(3)} ms/req`,
  );
}
for (const t of targets) await t.stop();
await standIn.close();
