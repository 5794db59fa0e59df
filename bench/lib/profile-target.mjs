// Profiles one target under saturation: starts it with --cpu-prof, drives it with autocannon
// (10 connections) for N seconds, stops it, and summarises the profile. `npm run build` first;
// `node bench/lib/profile-target.mjs [app|bolt|http] [seconds]`. Profiles go to bench/results/prof/.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { send, startTarget } from './proc.mjs';
import { signedCommandRequests, signedProbe, targetEnv } from './slack-requests.mjs';
import { startStandIn } from './standin.mjs';

const which = process.argv[2] ?? 'app';
const seconds = Number(process.argv[3] ?? 10);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scripts = {
  app: `${ROOT}dist/bundle/main.js`,
  bolt: `${ROOT}bench/reference-bolt.mjs`,
  http: `${ROOT}bench/reference-http.mjs`,
};
const dir = `${ROOT}bench/results/prof/${which}-${Date.now()}`;
mkdirSync(dir, { recursive: true });

const standIn = await startStandIn();
const probe = signedProbe;
const target = await startTarget(which, scripts[which], targetEnv(standIn.url), probe, {
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
});
await send(target.port, probe());
const result = await new Promise((resolve, reject) =>
  autocannon(
    { url: target.url, requests: signedCommandRequests(), connections: 10, duration: seconds },
    (error, r) => (error ? reject(error) : resolve(r)),
  ),
);
console.log(`${which}: ${(result['2xx'] / result.duration).toFixed(0)} req/s, non-2xx ${result.non2xx}`);
await target.stop();
await standIn.close();
const file = readdirSync(dir)
  .map((f) => `${dir}/${f}`)
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
console.log(file);
spawnSync(process.execPath, [`${ROOT}bench/lib/prof-summary.mjs`, file, '--top', '40'], { stdio: 'inherit' });
