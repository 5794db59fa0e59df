// Engine benchmark: µs per question (p50, p99) and pack load time, for the default pack and a
// generated 500-rule pack. Not a test: it prints a table. Run `npm run bench` (builds first) or
// `node bench/engine.mjs` after `npm run build`. Options: --quick (fewer iterations), --json,
// --keep DIR (write the generated pack to DIR and keep it, e.g. to profile with it).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { createEngine, TOPICS } from '../dist/engine/index.js';
import { DEFAULT_PACK_DIR, loadPack } from '../dist/pack/load.js';

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, keep: { type: 'string' } },
  strict: true,
});
const SCALE = flags.quick ? 0.1 : 1;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness, so runs are comparable.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20240611);
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

// ---------------------------------------------------------------------------------------------
// Vocabulary: the words of the default pack (so generated signals look like real ones) plus
// everyday filler words that questions are mostly made of.
function packWords() {
  const words = new Set();
  const collect = (file) => {
    for (const w of readFileSync(file, 'utf8')
      .toLowerCase()
      .match(/[a-z][a-z']{2,}/g) ?? [])
      words.add(w);
  };
  collect(join(DEFAULT_PACK_DIR, 'concepts.yaml'));
  for (const f of readdirSync(join(DEFAULT_PACK_DIR, 'rules'))) collect(join(DEFAULT_PACK_DIR, 'rules', f));
  return [...words].filter((w) => !w.includes("'"));
}
const FILLER = `i my me we you he she they it the a an and or but so if when that this is was am are
  have has had do did can could would should will just really very about with for from to of in on
  at after before since because there here what how why who whether ok okay think feel know want
  week day today yesterday last next time thing way people someone person team shift office store
  desk meeting lunch break morning evening weekend job work role new old good bad little lot much
  told asked said says keep kept still again also even never always sometimes maybe probably sure`
  .split(/\s+/)
  .filter(Boolean);
const WORDS = packWords();

const phrase = (min, max) => Array.from({ length: between(min, max) }, () => pick(WORDS)).join(' ');

// ---------------------------------------------------------------------------------------------
// A generated 500-rule pack, written to a temp folder and loaded through loadPack (validated).
function generatePack(dir, ruleCount) {
  mkdirSync(join(dir, 'rules'), { recursive: true });
  writeFileSync(
    join(dir, 'pack.yaml'),
    stringify({
      name: `Generated ${ruleCount}-rule pack`,
      version: '0.0.1',
      language: 'en',
      outOfScopeThreshold: 0.4,
      relationships: {
        customer: ['@c-customer'],
        coworker: ['@c-coworker'],
        manager: ['my manager', 'my boss'],
      },
    }),
  );
  writeFileSync(
    join(dir, 'reminders.yaml'),
    stringify({
      reminders: [
        { id: 'boundary-respect', title: 'A no ends it', text: 'A no ends it.' },
        { id: 'discretion', title: 'Keep it discreet', text: 'Keep it discreet.' },
        { id: 'check-policy', title: 'Check the policy', text: 'Check the policy.' },
      ],
    }),
  );
  const concepts = {
    'c-customer': ['customer', 'client', 'guest', 'patient'],
    'c-coworker': ['coworker', 'colleague', 'teammate'],
  };
  const conceptCount = Math.max(20, Math.round(ruleCount / 4));
  for (let i = 0; i < conceptCount; i++) {
    const phrases = [...new Set(Array.from({ length: between(4, 14) }, () => phrase(1, 3)))];
    concepts[`c${i}`] = i % 10 === 0 ? { phrases, negatable: false } : phrases;
  }
  const conceptNames = Object.keys(concepts);
  writeFileSync(join(dir, 'concepts.yaml'), stringify({ concepts }));

  const signal = () => (random() < 0.5 ? `@${pick(conceptNames)}` : phrase(1, 3));
  const topics = TOPICS.filter((t) => t !== 'out-of-scope');
  const files = new Map();
  for (let i = 0; i < ruleCount; i++) {
    const topic = topics[i % topics.length];
    const romance = topic.startsWith('dating-');
    const any = Array.from({ length: between(2, 8) }, () =>
      random() < 0.3 ? { signal: signal(), weight: between(1, 3) } : signal(),
    );
    const rule = {
      id: `gen-${topic}-${i}`,
      title: `Generated rule ${i} about ${topic}`,
      topic,
      ...(topic === 'harassment-and-safety' ? { escalate: true, urgent: i % 3 === 0 } : {}),
      ...(romance ? { romance: true, relationshipMatters: true } : {}),
      weight: 1 + (i % 5) / 10,
      match: {
        all: Array.from({ length: between(0, 2) }, signal),
        any,
        not: Array.from({ length: between(0, 2) }, () => phrase(1, 2)),
      },
      guidance: {
        summary: `Generated guidance ${i}: ${phrase(8, 20)}`.slice(0, 280),
        steps: Array.from({ length: between(2, 5) }, () => `Step: ${phrase(5, 15)}.`),
        policy: [{ title: 'Generated policy', section: `G-${i}` }],
      },
      reminders: romance ? ['boundary-respect', 'discretion'] : ['check-policy'],
    };
    if (!files.has(topic)) files.set(topic, []);
    files.get(topic).push(rule);
  }
  for (const [topic, rules] of files)
    writeFileSync(join(dir, 'rules', `${topic}.yaml`), stringify({ rules }));
}

// ---------------------------------------------------------------------------------------------
// Questions: hand-written ones, generated ones of 5–60 words that mix pack words into everyday
// filler (so rules do fire), and ~4,000-character ones.
const WRITTEN = [
  'Can I ask out a regular customer who always chats with me at the till?',
  'My colleague asked me out twice and I said no, now he keeps messaging me. What do I do?',
  'A client offered me concert tickets after we closed the deal, can I accept them?',
  'Is it ok to follow my manager on Instagram?',
  'Someone at work is spreading rumours about my relationship with a coworker.',
  'How do I build better rapport with a difficult client?',
  'When will I get paid for the overtime I did last month?',
  'My supervisor touched my back in the stockroom and I froze.',
];
function question(minWords, maxWords) {
  const n = between(minWords, maxWords);
  return Array.from({ length: n }, () => (random() < 0.25 ? pick(WORDS) : pick(FILLER))).join(' ');
}
function longQuestion(chars) {
  let text = '';
  while (text.length < chars) text += `${random() < 0.3 ? pick(WRITTEN) : `${question(8, 20)}.`} `;
  return text.slice(0, chars);
}
const SHORT = [...WRITTEN, ...Array.from({ length: 400 }, () => question(5, 60))];
const LONG = Array.from({ length: 60 }, () => longQuestion(4000));

// ---------------------------------------------------------------------------------------------
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Times fn(question) one call at a time; returns µs stats. */
function timePerCall(fn, questions, iterations, warmup) {
  for (let i = 0; i < warmup; i++) fn(questions[i % questions.length]);
  const samples = new Float64Array(iterations);
  let sink = 0;
  for (let i = 0; i < iterations; i++) {
    const q = questions[i % questions.length];
    const start = process.hrtime.bigint();
    const r = fn(q);
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
    sink += r ? 1 : 0;
  }
  if (sink < 0) console.log(sink);
  samples.sort();
  let sum = 0;
  for (const s of samples) sum += s;
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: sum / iterations,
    n: iterations,
  };
}

/**
 * Each question's own cost: the median of `repeats` timed runs of that question, then the
 * p50/p99 across questions. Interrupts and scheduling on a shared machine land on single
 * calls; a median per question leaves them out, so this is what the engine itself costs.
 */
function perQuestion(fn, questions, repeats) {
  const costs = new Float64Array(questions.length);
  const runs = new Float64Array(repeats);
  questions.forEach((q, i) => {
    for (let r = 0; r < repeats; r++) {
      const start = process.hrtime.bigint();
      fn(q);
      runs[r] = Number(process.hrtime.bigint() - start) / 1000;
    }
    runs.sort();
    costs[i] = runs[Math.floor(repeats / 2)];
  });
  costs.sort();
  return { p50: percentile(costs, 50), p99: percentile(costs, 99) };
}

/**
 * The machine's own jitter: a fixed arithmetic loop of about the engine's median cost, timed
 * like the engine. Its p99 over its p50 is what interrupts and scheduling add to any call here.
 */
function jitterFloor(targetUs) {
  const loop = (n) => {
    let x = 0;
    for (let i = 0; i < n; i++) x += Math.sqrt(i);
    return x;
  };
  // Warm the loop up first, so it is calibrated as optimised code, as it is then timed.
  for (let k = 0; k < 3000; k++) loop(5000);
  let n = 1000;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < 100; k++) loop(n);
    const us = Number(process.hrtime.bigint() - start) / 1000 / 100;
    if (us >= targetUs || n > 1e7) break;
    n = Math.ceil(n * Math.max(1.05, targetUs / Math.max(us, 0.01)));
  }
  return timePerCall(() => loop(n), [0], Math.round(50_000 * SCALE) || 5_000, 2_000);
}

function timeOnce(fn, runs) {
  const samples = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { ms: percentile(samples, 50), result };
}

const tmp = flags.keep ?? mkdtempSync(join(tmpdir(), 'conduct-nudge-bench-'));
try {
  const generatedDir = join(tmp, 'generated-500');
  generatePack(generatedDir, 500);

  const packs = [
    { name: 'default', dir: DEFAULT_PACK_DIR },
    { name: 'generated-500', dir: generatedDir },
  ];
  const loadRows = [];
  const speedRows = [];
  const perQuestionRows = [];
  for (const { name, dir } of packs) {
    let load;
    try {
      load = timeOnce(() => loadPack(dir), flags.quick ? 3 : 10);
    } catch (error) {
      // The default pack may be mid-edit; measure what can be measured.
      console.error(`Skipping the ${name} pack: ${error.message.split('\n')[0]}`);
      continue;
    }
    const compile = timeOnce(() => createEngine(load.result), flags.quick ? 3 : 10);
    const engine = compile.result;
    loadRows.push({
      pack: name,
      rules: engine.pack.rules.length,
      concepts: engine.pack.concepts.size,
      loadMs: load.ms,
      compileMs: compile.ms,
    });
    const firing = SHORT.filter((q) => engine.classify(q).rules.length > 0).length;
    const cases = [
      ['classify', '≤60 words', (q) => engine.classify(q), SHORT, 100_000],
      ['answer', '≤60 words', (q) => engine.answer(q), SHORT, 100_000],
      ['classify', '4,000 chars', (q) => engine.classify(q), LONG, 5_000],
    ];
    for (const [call, size, fn, questions, iterations] of cases) {
      const n = Math.max(500, Math.round(iterations * SCALE));
      const stats = timePerCall(fn, questions, n, Math.round(n / 5));
      speedRows.push({ pack: name, call, questions: size, ...stats, firing: `${firing}/${SHORT.length}` });
    }
    perQuestionRows.push({
      pack: name,
      ...perQuestion((q) => engine.classify(q), SHORT, flags.quick ? 5 : 21),
    });
  }

  const goalRow = speedRows.find(
    (r) => r.pack === 'generated-500' && r.call === 'classify' && r.questions === '≤60 words',
  );
  const jitter = jitterFloor(goalRow.p50);
  if (flags.json) {
    console.log(
      JSON.stringify(
        { node: process.version, load: loadRows, speed: speedRows, perQuestion: perQuestionRows, jitter },
        null,
        2,
      ),
    );
  } else {
    const f = (x, d = 1) => x.toFixed(d).padStart(8);
    console.log(`Engine benchmark (node ${process.version}${flags.quick ? ', --quick' : ''})\n`);
    console.log('pack            rules  concepts   load ms  compile ms');
    for (const r of loadRows)
      console.log(
        `${r.pack.padEnd(14)} ${String(r.rules).padStart(6)} ${String(r.concepts).padStart(9)}  ${f(r.loadMs)}  ${f(r.compileMs).padStart(10)}`,
      );
    console.log('\npack           call      questions       p50 µs    p99 µs   mean µs   samples');
    for (const r of speedRows)
      console.log(
        `${r.pack.padEnd(14)} ${r.call.padEnd(9)} ${r.questions.padEnd(12)} ${f(r.p50)}  ${f(r.p99)}  ${f(r.mean)}  ${String(r.n).padStart(8)}`,
      );
    const goal = goalRow;
    console.log("\nclassify, ≤60 words: each question's median of repeated runs, then across questions");
    for (const r of perQuestionRows)
      console.log(`${r.pack.padEnd(14)} p50 ${f(r.p50)} µs   p99 ${f(r.p99)} µs`);
    console.log(
      `\nMachine jitter: a fixed loop of p50 ${jitter.p50.toFixed(1)} µs measures p99 ${jitter.p99.toFixed(1)} µs here` +
        ` (×${(jitter.p99 / jitter.p50).toFixed(1)}); per-call p99s above include it.`,
    );
    const own = perQuestionRows.find((r) => r.pack === 'generated-500');
    console.log(
      `Goal p99 ≤ 50 µs at 500 rules, ≤60 words: per call ${goal.p99 <= 50 ? 'met' : 'NOT met'} (p99 ${goal.p99.toFixed(1)} µs);` +
        ` per question ${own.p99 <= 50 ? 'met' : 'NOT met'} (p99 ${own.p99.toFixed(1)} µs).`,
    );
    for (const r of speedRows.filter((row) => row.call === 'answer'))
      console.log(`Questions of ≤60 words where some rule fired, ${r.pack}: ${r.firing}`);
  }
} finally {
  if (!flags.keep) rmSync(tmp, { recursive: true, force: true });
}
