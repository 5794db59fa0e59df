// A probe of memory under unauthenticated bodies alone (the last phase of bench/slack.mjs): the
// app as deployed, warmed by 2,000 signed /conduct requests, then ROUNDS rounds of 150 forged
// 1 MiB bodies at once. Prints RSS before and after each round, and after a pause.
// Usage: node bench/lib/bodies-probe.mjs [rounds] [app|bolt|http]   (after npm run build)
// bolt and http are the benchmark's references (bare Bolt, node:http), run with the same
// allocator settings, for comparison.
import { fileURLToPath } from 'node:url';
import { Agent } from 'node:http';
import { memoryMb, send, sendForgedBodies, startTarget } from './proc.mjs';
import {
  commandBody,
  QUESTIONS,
  SLACK_PATH,
  signatureHeaders,
  signedProbe,
  targetEnv,
} from './slack-requests.mjs';
import { startStandIn } from './standin.mjs';
import { START_ENV, START_NODE_ARGS, START_SCRIPT } from './start-command.mjs';

const ROUNDS = Number(process.argv[2] ?? 3);
const TARGET = process.argv[3] ?? 'app';
const SCRIPTS = { bolt: 'bench/reference-bolt.mjs', http: 'bench/reference-http.mjs' };
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const standIn = await startStandIn();
const env = {
  ...targetEnv(standIn.url),
  ...START_ENV,
  // An allocator setting to try instead of the image's: MALLOC_…=value in this probe's environment.
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('MALLOC_'))),
};
const app = await startTarget(TARGET, `${ROOT}${SCRIPTS[TARGET] ?? START_SCRIPT}`, env, signedProbe, {
  nodeArgs: SCRIPTS[TARGET] ? [] : START_NODE_ARGS,
});
const rss = () => memoryMb(app.child.pid).rss.toFixed(1);
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
{
  const agent = new Agent({ keepAlive: true, maxSockets: 20 });
  let sent = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (sent < 2_000) {
        const body = commandBody(QUESTIONS[sent % QUESTIONS.length], sent++);
        const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) };
        await send(app.port, { path: SLACK_PATH, headers, body }, agent, 10_000).catch(() => undefined);
      }
    }),
  );
  agent.destroy();
}
await pause(1_000);
const line = [`warm ${rss()}`];
for (let round = 0; round < ROUNDS; round++) {
  const statuses = await sendForgedBodies(app.port, SLACK_PATH);
  await pause(1_000);
  line.push(
    `round ${round + 1} ${rss()} (${Object.entries(statuses)
      .map(([s, n]) => `${n}x${s}`)
      .join(' ')})`,
  );
}
await pause(10_000);
line.push(`after 10 s ${rss()}`);
console.log(line.join(' | '));
await app.stop();
await standIn.close?.();
process.exit(0);
