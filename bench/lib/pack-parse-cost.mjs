// What the default pack costs at start-up, piece by piece, in a fresh process: YAML parsing
// (as the loader does it, with a Document and line counter), the same data as JSON, and the
// whole loadEngine. `npm run build` first; `node bench/lib/pack-parse-cost.mjs`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { DEFAULT_PACK_DIR } from '../../dist/pack/load.js';

const files = [
  ...readdirSync(DEFAULT_PACK_DIR).filter((f) => f.endsWith('.yaml')),
  ...readdirSync(join(DEFAULT_PACK_DIR, 'rules')).map((f) => `rules/${f}`),
].map((f) => readFileSync(join(DEFAULT_PACK_DIR, f), 'utf8'));

let t = performance.now();
const data = files.map((source) =>
  parseDocument(source, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true }).toJS(),
);
console.log(`YAML parseDocument+toJS, ${files.length} files, cold: ${(performance.now() - t).toFixed(1)} ms`);
const json = data.map((d) => JSON.stringify(d));
t = performance.now();
for (const s of json) JSON.parse(s);
console.log(
  `same data as JSON.parse (${json.reduce((a, s) => a + s.length, 0)} chars): ${(performance.now() - t).toFixed(1)} ms`,
);
t = performance.now();
files.map((source) => parseDocument(source, { lineCounter: new LineCounter(), prettyErrors: false }).toJS());
console.log(`YAML again, warm: ${(performance.now() - t).toFixed(1)} ms`);
const { loadEngine } = await import('../../dist/engine/index.js');
t = performance.now();
loadEngine();
console.log(`loadEngine after that (YAML code warm): ${(performance.now() - t).toFixed(1)} ms`);
