// Quick accuracy check used while writing packs: node scripts/dev-eval.mjs [packDir] [file]
import { readFileSync } from 'node:fs';
import { loadEngine } from '../dist/engine/index.js';

const engine = loadEngine(process.argv[2] || undefined);
const file = process.argv[3] || new URL('../../shared/eval/dev.jsonl', import.meta.url).pathname;
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
let ok = 0;
let escTP = 0;
let escP = 0;
let escFP = 0;
let escN = 0;
for (const r of rows) {
  const res = engine.classify(r.text);
  if (res.topic === r.topic) ok++;
  else
    console.log(
      `MISS ${r.id} want=${r.topic} got=${res.topic} conf=${res.confidence} | ${res.why.slice(0, 160)}`,
    );
  if (r.escalate) {
    escP++;
    if (res.escalate) escTP++;
  } else {
    escN++;
    if (res.escalate) escFP++;
  }
}
console.log(
  `top1 ${((100 * ok) / rows.length).toFixed(1)}%  esc recall ${escTP}/${escP}  false esc ${escFP}/${escN}`,
);
