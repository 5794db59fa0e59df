// Quick accuracy check used while writing packs: node scripts/dev-eval.mjs [packDir] [file]
// Prints every miss, then top-1, top-2, per-topic top-1, escalation recall and false escalations.
// Needs a build first (npm run -s build): it uses dist/.
import { readFileSync } from 'node:fs';
import { loadEngine } from '../dist/engine/index.js';

const engine = loadEngine(process.argv[2] || undefined);
const file = process.argv[3] || new URL('../../shared/eval/dev.jsonl', import.meta.url).pathname;
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

let ok = 0;
let top2 = 0;
let escTP = 0;
let escP = 0;
let escFP = 0;
let escN = 0;
const perTopic = new Map();
for (const r of rows) {
  const res = engine.classify(r.text);
  const t = perTopic.get(r.topic) ?? { ok: 0, n: 0 };
  t.n++;
  perTopic.set(r.topic, t);
  if (res.topic === r.topic) {
    ok++;
    t.ok++;
  } else {
    console.log(
      `MISS ${r.id} want=${r.topic} got=${res.topic} conf=${res.confidence} | ${res.why.slice(0, 160)}`,
    );
  }
  if (res.topics.slice(0, 2).some((x) => x.topic === r.topic) || res.topic === r.topic) top2++;
  if (r.escalate) {
    escP++;
    if (res.escalate) escTP++;
    else console.log(`MISSED ESCALATION ${r.id}`);
  } else {
    escN++;
    if (res.escalate) {
      escFP++;
      console.log(`FALSE ESCALATION ${r.id} | ${res.why.slice(0, 160)}`);
    }
  }
}
const pct = (a, b) => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
for (const [topic, t] of [...perTopic].sort())
  console.log(`  ${topic.padEnd(34)} ${pct(t.ok, t.n)} (${t.ok}/${t.n})`);
console.log(
  `top1 ${pct(ok, rows.length)}  top2 ${pct(top2, rows.length)}  esc recall ${escTP}/${escP}  false esc ${escFP}/${escN} (${pct(escFP, escN)})`,
);
