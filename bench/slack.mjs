// Slack benchmark: the real app (`node dist/bundle/main.js`, HTTP mode) against two references on the
// same machine, driven with signed `/conduct` requests, plus a burst of DMs. Not a test: it
// prints a table (also written to bench/results/slack.md) and compares with the goals.
//
//   npm run bench                      # builds, runs bench/engine.mjs, then this
//   node bench/slack.mjs [--quick] [--json] [--profile]
//
// --quick    about 3 s per phase instead of about 10 s
// --json     also print the results as one JSON line
// --profile  run the app with --cpu-prof; profiles go to bench/results/prof/
//
// Targets, each its own child process on 127.0.0.1 with a Slack Web API stand-in behind it:
//   app        `npm start`'s command, as deployed (filter, Bolt's receiver, engine, rendering, logging at warn)
//   bare Bolt  bench/reference-bolt.mjs: Bolt's default HTTPReceiver, /conduct acks static text
//   node:http  bench/reference-http.mjs: signature check + form parse + static JSON
// Phases per target: warm-up, saturation (autocannon, 10 connections), a fixed 300 requests/s
// (autocannon overallRate, as it defines it), and the same rate paced open-loop (bench/lib/paced).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { paced, percentile } from './lib/paced.mjs';
import { cpuMs, memoryMb, send, sendForgedBodies, startTarget } from './lib/proc.mjs';
import {
  commandBody,
  QUESTIONS,
  SLACK_PATH,
  signatureHeaders,
  signedCommandRequests,
  signedDmEvent,
  signedProbe,
  targetEnv,
} from './lib/slack-requests.mjs';
import { startStandIn } from './lib/standin.mjs';
import { START_ENV, START_NODE_ARGS, START_SCRIPT } from './lib/start-command.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    json: { type: 'boolean' },
    profile: { type: 'boolean' },
    keep: { type: 'string' }, // bench/engine.mjs's option; run.mjs passes every option to every bench
  },
  strict: true,
});

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const RESULTS = `${HERE}results/`;
const QUICK = Boolean(flags.quick);
const PHASE_S = QUICK ? 3 : 10;
const WARMUP_S = QUICK ? 1 : 2;
const PACED_S = QUICK ? 3 : 6;
const RATE = 300;
const CONNECTIONS = 10;
const COLD_STARTS = QUICK ? 1 : 3;
// Saturation rounds, interleaved app / bare Bolt / node:http; each target's median is reported,
// so one noisy moment on a shared machine does not decide the ratio.
const SAT_ROUNDS = QUICK ? 1 : 3;
const DM_COUNT = 500;
const DM_CONCURRENCY = 50;
const DM_REPLY_TIMEOUT_MS = 30_000;
// The Bolt issue's goals: what a deployment notices.
const GOALS = { throughputRatio: 0.8, coldStartMs: 800, rssMb: 120, ackMs: 3_000, p99Ms: 25 };

// Hard stop: whatever happens, this process and its children (see lib/proc.mjs) end.
const WATCHDOG_MS = QUICK ? 90_000 : 360_000;
const watchdog = setTimeout(() => {
  console.error(`bench/slack.mjs: gave up after ${WATCHDOG_MS / 1000} s`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const log = (line) => process.stderr.write(`${line}\n`);

/** A fresh signed `/conduct` request (for the cold-start poll). */
const probe = signedProbe;

function cannon(target, options) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: target.url,
        // Signed now: each run is far shorter than the 5 minutes the app allows.
        requests: signedCommandRequests(),
        connections: CONNECTIONS,
        timeout: 10,
        ...options,
        // Latency as measured, without autocannon's synthetic back-filled samples.
        ...(options.overallRate ? { ignoreCoordinatedOmission: true } : {}),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const checkClean = (phase, target, result) => {
  const bad = (result.non2xx ?? 0) + (result.errors ?? 0) + (result.timeouts ?? 0);
  if (bad > 0)
    log(
      `  ! ${target.name} ${phase}: ${result.non2xx ?? 0} non-2xx, ${result.errors ?? 0} errors, ${result.timeouts ?? 0} timeouts`,
    );
  return bad;
};

// ---------------------------------------------------------------------------------------------
const standIn = await startStandIn();
const env = targetEnv(standIn.url);
const profileDir = `${RESULTS}prof`;
const appNodeArgs = [
  ...START_NODE_ARGS,
  ...(flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
];
if (flags.profile) mkdirSync(profileDir, { recursive: true });

const defs = [
  // The app runs as the image runs it: its node flags and its allocator settings.
  { key: 'app', name: 'app', script: `${ROOT}${START_SCRIPT}`, nodeArgs: appNodeArgs, env: START_ENV },
  { key: 'bolt', name: 'bare Bolt', script: `${HERE}reference-bolt.mjs`, nodeArgs: [] },
  { key: 'http', name: 'node:http', script: `${HERE}reference-http.mjs`, nodeArgs: [] },
];

// Cold start: spawn to the end of the first answered signed /conduct request. The app is
// started COLD_STARTS times (median reported); the last instance is the one measured.
const targets = {};
const coldStarts = {};
/** RSS (MB) of each target right after its first answer. */
const results0 = {};
for (const def of defs) {
  coldStarts[def.key] = [];
  const runs = def.key === 'app' ? COLD_STARTS : 1;
  for (let i = 0; i < runs; i++) {
    const target = await startTarget(def.name, def.script, { ...env, ...def.env }, probe, {
      nodeArgs: def.nodeArgs,
    });
    coldStarts[def.key].push(target.coldStartMs);
    results0[def.key] = memoryMb(target.child.pid).rss;
    if (i < runs - 1) await target.stop();
    else targets[def.key] = target;
  }
  log(`${def.name}: cold start ${coldStarts[def.key].map((ms) => `${Math.round(ms)} ms`).join(', ')}`);
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)];

// A sample answer from the app, to be sure the load is real work (a rendered answer).
{
  const sample = await send(targets.app.port, probe(), false);
  const parsed = JSON.parse(sample.body);
  if (!Array.isArray(parsed.blocks) || parsed.blocks.length === 0)
    throw new Error(`the app answered /conduct without blocks: ${sample.body.slice(0, 200)}`);
}

const results = Object.fromEntries(defs.map((d) => [d.key, { name: d.name }]));
let problems = 0;

// The phases run target by target within a phase, so a change in background load hits all three.
for (const def of defs) {
  log(`warm-up ${def.name} (${WARMUP_S} s)`);
  await cannon(targets[def.key], { duration: WARMUP_S });
}
const saturation = Object.fromEntries(defs.map((d) => [d.key, []]));
for (let round = 1; round <= SAT_ROUNDS; round++) {
  for (const def of defs) {
    log(`saturation ${def.name} (${CONNECTIONS} connections, ${PHASE_S} s, round ${round}/${SAT_ROUNDS})`);
    const pid = targets[def.key].child.pid;
    const cpuBefore = cpuMs(pid);
    const r = await cannon(targets[def.key], { duration: PHASE_S });
    const cpu = cpuMs(pid) - cpuBefore;
    problems += checkClean('saturation', targets[def.key], r);
    saturation[def.key].push({
      rps: r['2xx'] / r.duration,
      p50: r.latency.p50,
      p99: r.latency.p99,
      // Server CPU per answered request: what the app costs, whatever the load generator gets.
      cpuUs: r['2xx'] > 0 ? (cpu * 1000) / r['2xx'] : Number.NaN,
    });
  }
}
for (const def of defs) {
  const runs = saturation[def.key];
  const mid = (pick) => median(runs.map(pick));
  Object.assign(results[def.key], {
    satRps: mid((x) => x.rps),
    satRuns: runs.map((x) => Math.round(x.rps)),
    satP50: mid((x) => x.p50),
    satP99: mid((x) => x.p99),
    cpuUs: mid((x) => x.cpuUs),
  });
}
for (const def of defs) {
  log(`autocannon overallRate ${RATE}/s ${def.name} (${PHASE_S} s)`);
  const r = await cannon(targets[def.key], { duration: PHASE_S, overallRate: RATE });
  problems += checkClean('rate', targets[def.key], r);
  Object.assign(results[def.key], {
    rateRps: r['2xx'] / r.duration,
    rateP50: r.latency.p50,
    rateP99: r.latency.p99,
  });
}
for (const def of defs) {
  log(`paced ${RATE}/s ${def.name} (${PACED_S} s)`);
  const r = await paced(targets[def.key].port, signedCommandRequests(), {
    rate: RATE,
    durationMs: PACED_S * 1000,
  });
  problems += r.errors + r.non2xx;
  if (r.errors + r.non2xx > 0) log(`  ! ${def.name} paced: ${r.non2xx} non-2xx, ${r.errors} errors`);
  if (r.maxLag > 50) log(`  ! ${def.name} paced: the generator fell ${Math.round(r.maxLag)} ms behind`);
  Object.assign(results[def.key], { pacedRps: r.rps, pacedP50: r.p50, pacedP99: r.p99, pacedMax: r.max });
}
const memoryAfterLoad = memoryMb(targets.app.child.pid);
for (const def of defs) results[def.key].rssMb = memoryMb(targets[def.key].child.pid).rss;

// ---------------------------------------------------------------------------------------------
// DM burst: DM_COUNT signed message.im events, DM_CONCURRENCY at a time, each acked (HTTP 200)
// on its own; then every one must be answered with a chat.postMessage at the stand-in.
log(`DM burst: ${DM_COUNT} message.im events, ${DM_CONCURRENCY} at a time`);
const postsBefore = standIn.posts.length;
const timestamp = Math.floor(Date.now() / 1000);
const events = Array.from({ length: DM_COUNT }, (_, i) =>
  signedDmEvent(QUESTIONS[i % QUESTIONS.length], i, timestamp),
);
const sentAt = new Map();
const acks = [];
let ackFailures = 0;
const agent = new Agent({ keepAlive: true, maxSockets: DM_CONCURRENCY });
let next = 0;
const burstStart = performance.now();
await Promise.all(
  Array.from({ length: DM_CONCURRENCY }, async () => {
    while (next < events.length) {
      const event = events[next++];
      sentAt.set(event.ts, performance.now());
      try {
        const res = await send(
          targets.app.port,
          { path: SLACK_PATH, headers: event.headers, body: event.body },
          agent,
          10_000,
        );
        acks.push(res.ms);
        if (res.status !== 200) ackFailures++;
      } catch {
        ackFailures++;
      }
    }
  }),
);
const burstSentMs = performance.now() - burstStart;
agent.destroy();
const deadline = performance.now() + DM_REPLY_TIMEOUT_MS;
while (standIn.posts.length - postsBefore < DM_COUNT && performance.now() < deadline)
  await new Promise((r) => setTimeout(r, 10));
const replies = standIn.posts.slice(postsBefore);
const answeredThreads = new Set(replies.map((p) => p.thread_ts).filter((ts) => sentAt.has(ts)));
const replyMs = replies
  .filter((p) => sentAt.has(p.thread_ts))
  .map((p) => p.at - sentAt.get(p.thread_ts))
  .sort((a, b) => a - b);
const lastReplyMs = replies.length ? replies.at(-1).at - burstStart : NaN;
acks.sort((a, b) => a - b);
const burst = {
  sent: DM_COUNT,
  acked: acks.length - ackFailures,
  ackFailures,
  ackP50: percentile(acks, 50),
  ackP99: percentile(acks, 99),
  ackMax: acks.at(-1),
  sentInMs: burstSentMs,
  replies: replies.length,
  answered: answeredThreads.size,
  replyP50: percentile(replyMs, 50),
  replyP99: percentile(replyMs, 99),
  replyMax: replyMs.at(-1),
  lastReplyMs,
};
const memoryAfterBurst = memoryMb(targets.app.child.pid);

// ---------------------------------------------------------------------------------------------
// Memory under abuse: 10,000 signed /conduct requests spread over 3,000 team ids (Bolt once
// kept a client pool per team id), then 150 unauthenticated 1 MiB bodies at once, with
// signature-shaped headers (what the filter must not hold without bound). RSS before and after.
log('Memory: 10,000 requests over 3,000 team ids, then 150 unauthenticated 1 MiB bodies');
const TEAM_REQUESTS = QUICK ? 3_000 : 10_000;
const memoryBeforeTeams = memoryMb(targets.app.child.pid);
{
  const agent = new Agent({ keepAlive: true, maxSockets: 20 });
  const ts = Math.floor(Date.now() / 1000);
  let sent = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (sent < TEAM_REQUESTS) {
        const i = sent++;
        const body = commandBody(QUESTIONS[i % QUESTIONS.length], i).replace(
          'team_id=T0TEAM',
          `team_id=T${String(i % 3_000).padStart(6, '0')}`,
        );
        await send(
          targets.app.port,
          {
            path: SLACK_PATH,
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body, ts) },
            body,
          },
          agent,
          10_000,
        ).catch(() => undefined);
      }
    }),
  );
  agent.destroy();
}
const memoryAfterTeams = memoryMb(targets.app.child.pid);
const bodyStatuses = await sendForgedBodies(targets.app.port, SLACK_PATH);
await new Promise((r) => setTimeout(r, 1_000));
const memoryAfterBodies = memoryMb(targets.app.child.pid);
const abuse = {
  teamRequests: TEAM_REQUESTS,
  before: memoryBeforeTeams.rss,
  afterTeams: memoryAfterTeams.rss,
  afterBodies: memoryAfterBodies.rss,
  bodyStatuses,
};

// ---------------------------------------------------------------------------------------------
for (const target of Object.values(targets)) await target.stop();
await standIn.close();

const app = results.app;
const ratio = (a, b) => a / b;
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ms = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '–');
const rows = defs.map(({ key }) => {
  const r = results[key];
  return `| ${r.name} | ${fmt(r.satRps)} | ${fmt(r.cpuUs)} | ${ms(r.pacedP50)} | ${ms(r.pacedP99)} | ${ms(r.rateP50)} | ${ms(r.rateP99)} | ${ms(r.satP50)} | ${ms(r.satP99)} | ${fmt(median(coldStarts[key]))} | ${fmt(r.rssMb, 1)} |`;
});
const ratioRow = (key) => {
  const r = results[key];
  return `| app ÷ ${r.name} | ${fmt(ratio(app.satRps, r.satRps), 2)} | ${fmt(ratio(app.cpuUs, r.cpuUs), 2)} | ${fmt(ratio(app.pacedP50, r.pacedP50), 2)} | ${fmt(ratio(app.pacedP99, r.pacedP99), 2)} | ${fmt(ratio(app.rateP50, r.rateP50), 2)} | ${fmt(ratio(app.rateP99, r.rateP99), 2)} | ${fmt(ratio(app.satP50, r.satP50), 2)} | ${fmt(ratio(app.satP99, r.satP99), 2)} | ${fmt(ratio(median(coldStarts.app), median(coldStarts[key])), 2)} | ${fmt(ratio(app.rssMb, r.rssMb), 2)} |`;
};
const headlineRatio = ratio(app.satRps, results.bolt.satRps);
const appCold = median(coldStarts.app);
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const goals = {
  throughput: headlineRatio >= GOALS.throughputRatio,
  coldStart: appCold <= GOALS.coldStartMs,
  rss: memoryAfterBurst.rss <= GOALS.rssMb,
  acks: burst.ackFailures === 0 && burst.acked === DM_COUNT && burst.ackMax <= GOALS.ackMs,
  replies: burst.answered === DM_COUNT,
};

const md = [
  `# Slack benchmark${QUICK ? ' (quick)' : ''}`,
  '',
  `${new Date().toISOString()} · Node ${process.version} · ${(
    await import('node:os')
  ).availableParallelism()} CPUs · ${QUESTIONS.length} distinct signed /conduct requests · load generator in the same machine`,
  '',
  `Saturation: autocannon, ${CONNECTIONS} connections, ${PHASE_S} s, median of ${SAT_ROUNDS} interleaved round(s); server CPU from /proc. Latency at ${RATE} req/s: "paced" is an open-loop`,
  `generator (one request every ${(1000 / RATE).toFixed(2)} ms, ${PACED_S} s); "autocannon" is overallRate ${RATE}`,
  `(each connection sends its share of a second back to back; whole-ms resolution), ${PHASE_S} s. Latencies in ms.`,
  '',
  '| target | req/s at saturation | server CPU µs/request | p50 @300 paced | p99 @300 paced | p50 @300 autocannon | p99 @300 autocannon | p50 saturated | p99 saturated | cold start ms | RSS MB after load |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
  ratioRow('bolt'),
  ratioRow('http'),
  '',
  `- Throughput app ÷ bare Bolt: **${fmt(headlineRatio, 2)}** (rounds: app ${app.satRuns.join(', ')}; bare Bolt ${results.bolt.satRuns.join(', ')} req/s) (goal ≥ ${GOALS.throughputRatio}: ${verdict(goals.throughput)})`,
  `- p99 at a paced ${RATE} req/s: **${ms(app.pacedP99)} ms** (goal ≤ ${GOALS.p99Ms} ms: ${verdict(app.pacedP99 <= GOALS.p99Ms)})`,
  `- Server CPU per /conduct, app ÷ bare Bolt: **${fmt(ratio(app.cpuUs, results.bolt.cpuUs), 2)}** (${fmt(app.cpuUs)} vs ${fmt(results.bolt.cpuUs)} µs; below 1 means the app costs less per request than bare Bolt)`,
  `- Cold start, spawn to first answered /conduct: **${fmt(appCold)} ms** median of ${coldStarts.app
    .map((v) => fmt(v))
    .join(', ')} (goal ≤ ${GOALS.coldStartMs} ms: ${verdict(goals.coldStart)})`,
  `- App RSS after the run: **${fmt(memoryAfterBurst.rss, 1)} MB** (after the /conduct load ${fmt(memoryAfterLoad.rss, 1)} MB; peak VmHWM ${fmt(memoryAfterBurst.peak, 1)} MB; just started ${fmt(results0.app, 1)} MB, bare Bolt just started ${fmt(results0.bolt, 1)} MB) (goal ≤ ${GOALS.rssMb} MB: ${verdict(goals.rss)})`,
  `- DM burst, ${DM_COUNT} message.im events, ${DM_CONCURRENCY} at a time, all sent in ${fmt(burst.sentInMs)} ms: ${burst.acked}/${DM_COUNT} acked 200, ack p50 ${ms(burst.ackP50)} ms, p99 ${ms(burst.ackP99)} ms, max **${ms(burst.ackMax)} ms** (goal each ≤ ${GOALS.ackMs} ms: ${verdict(goals.acks)})`,
  `- DM replies: **${burst.answered}/${DM_COUNT}** answered with chat.postMessage (${burst.replies} calls; timeout ${DM_REPLY_TIMEOUT_MS / 1000} s; ${verdict(goals.replies)}), event→reply p50 ${ms(burst.replyP50)} ms, p99 ${ms(burst.replyP99)} ms, last reply ${fmt(burst.lastReplyMs)} ms after the first event`,
  `- Memory under abuse: RSS ${fmt(abuse.before, 1)} MB before; ${fmt(abuse.afterTeams, 1)} MB after ${abuse.teamRequests} /conduct requests over 3,000 team ids (Δ ${fmt(abuse.afterTeams - abuse.before, 1)} MB); ${fmt(abuse.afterBodies, 1)} MB after 150 unauthenticated 1 MiB bodies at once (Δ ${fmt(abuse.afterBodies - abuse.afterTeams, 1)} MB; answers ${Object.entries(
    abuse.bodyStatuses,
  )
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ')}) (goal flat, ±10 MB: ${verdict(Math.abs(abuse.afterBodies - abuse.before) <= 10)})`,
  ...(problems > 0 ? [`- **${problems} failed /conduct requests** during the load phases (see stderr)`] : []),
  '',
];
const text = md.join('\n');
console.log(text);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(`${RESULTS}slack.md`, text);
if (flags.json)
  console.log(
    JSON.stringify({
      quick: QUICK,
      results,
      coldStarts,
      memoryAfterLoad,
      memoryAfterBurst,
      abuse,
      burst,
      goals,
      problems,
    }),
  );
if (flags.profile) log(`CPU profiles: ${profileDir}`);
clearTimeout(watchdog);
// Failing requests or unanswered DMs are errors; a missed performance goal is only reported.
process.exitCode = problems > 0 || !goals.replies || burst.ackFailures > 0 ? 1 : 0;
