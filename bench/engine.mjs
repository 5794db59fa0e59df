// Engine benchmark for the learned engine: per-question cost (p50, p99) at ≤ 60 words and at
// 4,000 characters, pack and model load time, the loaded model's memory, and training time.
// Not a test: it prints a table. Run `npm run bench` (builds first) or `node bench/engine.mjs`
// after `npm run build`. Options: --quick (fewer iterations), --json.
// Goals (issue 11): p99 ≤ 1 ms up to 60 words, ≤ 10 ms at 4,000 characters; model ≤ 30 MB;
// training ≤ 10 s.
import { parseArgs } from 'node:util';
import { createEngine } from '../dist/engine/index.js';
import { seededRandom } from '../dist/engine/learn/linear.js';
import { buildModel, readModel } from '../dist/model-store.js';
import { loadPack } from '../dist/pack/load.js';

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean' }, json: { type: 'boolean' } },
  strict: true,
});
const SCALE = flags.quick ? 0.1 : 1;

// Deterministic randomness, so runs are comparable: the engine's own seeded generator.
const random = seededRandom(20240611);
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

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
const WORDS = `i my me we you he she they it the a and or but so if when that this is was am are have
  has had do did can could would should will just really about with for from to of in on at after
  before because there what how why who ok think feel know want week day today yesterday last
  time people someone team shift office store desk meeting lunch break job work told asked said
  keep still again never always maybe coworker boss manager customer client patient date gift
  number instagram touch comment rumour crush awkward no stop follow text message party drinks`
  .split(/\s+/)
  .filter(Boolean);
const question = (min, max) => Array.from({ length: between(min, max) }, () => pick(WORDS)).join(' ');
function longQuestion(chars) {
  let text = '';
  while (text.length < chars) text += `${random() < 0.3 ? pick(WRITTEN) : `${question(8, 20)}.`} `;
  return text.slice(0, chars);
}
const SHORT = [...WRITTEN, ...Array.from({ length: 400 }, () => question(5, 60))];
const LONG = Array.from({ length: 60 }, () => longQuestion(4000));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Every call timed once, after a warm-up: what a user's request costs, interruptions included. */
function timePerCall(fn, questions, iterations) {
  for (let i = 0; i < Math.min(2_000, iterations); i++) fn(questions[i % questions.length]);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn(questions[i % questions.length]);
    samples[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  samples.sort();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: iterations };
}

/** Each question's median over repeats, then p50/p99 across questions: the engine's own cost. */
function perQuestion(fn, questions, repeats) {
  const costs = new Float64Array(questions.length);
  const runs = new Float64Array(repeats);
  questions.forEach((q, i) => {
    for (let r = 0; r < repeats; r++) {
      const start = process.hrtime.bigint();
      fn(q);
      runs[r] = Number(process.hrtime.bigint() - start) / 1e6;
    }
    runs.sort();
    costs[i] = runs[Math.floor(repeats / 2)];
  });
  costs.sort();
  return { p50: percentile(costs, 50), p99: percentile(costs, 99) };
}

function timed(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};

const load = timed(() => loadPack(undefined, { examples: false }));
const pack = load.result;
const before = heap();
const model = timed(() => readModel(pack));
const engine = timed(() => createEngine(pack, model.result));
const modelMb = (heap() - before) / 1e6;
// What `npm run build` and `validate-pack` do: thresholds by 5-fold cross-validation, then the model.
const trainingPack = loadPack();
const training = flags.quick ? null : timed(() => buildModel(trainingPack));

const cases = [
  ['classify', '≤ 60 words', SHORT, 20_000, 1],
  ['answer', '≤ 60 words', SHORT, 20_000, 1],
  ['classify', '4,000 characters', LONG, 1_000, 10],
];
const rows = cases.map(([call, size, questions, iterations, goalMs]) => {
  const fn = call === 'answer' ? (q) => engine.result.answer(q) : (q) => engine.result.classify(q);
  return {
    call,
    questions: size,
    goalMs,
    perCall: timePerCall(fn, questions, Math.max(300, Math.round(iterations * SCALE))),
    perQuestion: perQuestion(fn, questions, flags.quick ? 3 : 9),
  };
});
const report = {
  node: process.version,
  packLoadMs: load.ms,
  modelLoadMs: model.ms,
  engineMs: engine.ms,
  modelHeapMb: globalThis.gc ? modelMb : null,
  trainingS: training ? training.ms / 1000 : null,
  examples: trainingPack.examples.length,
  rows,
};
if (flags.json) console.log(JSON.stringify(report, null, 2));
else {
  const f = (x, d = 2) => x.toFixed(d).padStart(8);
  console.log(
    `Engine benchmark (node ${process.version}${flags.quick ? ', --quick' : ''}), default pack, ${trainingPack.examples.length} examples\n`,
  );
  console.log(
    `Pack load ${load.ms.toFixed(0)} ms, model load ${model.ms.toFixed(0)} ms, engine ${engine.ms.toFixed(0)} ms`,
  );
  console.log(
    `Loaded model on the heap: ${report.modelHeapMb === null ? 'run with node --expose-gc to measure' : `${modelMb.toFixed(1)} MB (goal ≤ 30 MB: ${modelMb <= 30 ? 'met' : 'NOT met'})`}`,
  );
  if (training)
    console.log(
      `Training: ${(training.ms / 1000).toFixed(1)} s (goal ≤ 10 s: ${training.ms <= 10_000 ? 'met' : 'NOT met'})`,
    );
  console.log('\ncall      questions           p50 ms   p99 ms   p99 ms (per question)   goal p99');
  for (const r of rows)
    console.log(
      `${r.call.padEnd(9)} ${r.questions.padEnd(17)} ${f(r.perCall.p50)} ${f(r.perCall.p99)} ${f(r.perQuestion.p99).padStart(14)}          ≤ ${r.goalMs} ms: ${r.perQuestion.p99 <= r.goalMs ? 'met' : 'NOT met'}`,
    );
  console.log('\n"Per question": each question\'s median over repeated runs, then the p99 across questions.');
}
