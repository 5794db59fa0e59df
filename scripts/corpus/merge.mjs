// Merges collectors' files into the default pack's examples, with deduplication by source and
// near-identical text, and cross-validation groups that keep a page (and its near-duplicates
// anywhere: dev set, invented questions, safety set) on one side of every fold.
// Usage: node scripts/corpus/merge.mjs COLLECTED_DIR [LABELS_B.jsonl]
import fs from 'node:fs';
import path from 'node:path';
import { pageKey, shingles, jaccard } from './similarity.mjs';

const [inDir] = process.argv.slice(2);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const out = path.join(root, 'packs/default/examples');
// Labels are checked against the engine's topic list by test/pack/corpus.test.ts, not here.
const readJsonl = (f) =>
  fs
    .readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

const collected = [];
const dropped = { duplicate: 0, badLabel: 0 };
for (const f of fs
  .readdirSync(inDir)
  .filter((f) => f.endsWith('.jsonl') && !f.includes('skips'))
  .sort()) {
  for (const o of readJsonl(path.join(inDir, f))) {
    if (typeof o.topic !== 'string' || !o.topic || typeof o.text !== 'string') {
      dropped.badLabel++;
      continue;
    }
    const invented = o.invented === true || !o.source || o.source === 'invented';
    collected.push({
      id: o.id,
      text: o.text.trim().slice(0, 300),
      topic: o.topic,
      alt: typeof o.alt === 'string' && o.alt && o.alt !== o.topic ? o.alt : null,
      escalate: Boolean(o.escalate),
      asker: ['pursuer', 'pursued', 'bystander', 'manager', 'other'].includes(o.asker) ? o.asker : null,
      rule: typeof o.rule === 'string' && o.rule ? o.rule : null,
      kind: o.kind ?? null,
      ...(invented ? { invented: true } : { source: o.source, invented: false }),
      short: o.text.trim().length < 100,
    });
  }
}
// Deduplicate: the same page and near-identical text (Jaccard of word 3-grams ≥ 0.8).
const kept = [];
const sh = new Map();
for (const item of collected) {
  const s = shingles(item.text);
  const twin = kept.find((k) => jaccard(sh.get(k.id), s) >= 0.8);
  if (twin) {
    dropped.duplicate++;
    continue;
  }
  sh.set(item.id, s);
  kept.push(item);
}
// The project's own invented questions (from the rule engine's days) and the dev set.
const invented = [];
for (const [file, prefix] of [
  ['invented-questions.tsv', 'inv'],
  ['heldout-2.tsv', 'inv2'],
]) {
  const p = path.join(inDir, '..', 'legacy', file);
  if (!fs.existsSync(p)) continue;
  let n = 0;
  for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [topic, esc, text] = line.split('\t');
    invented.push({
      id: `${prefix}-${String(++n).padStart(3, '0')}`,
      text,
      topic,
      escalate: esc === '1',
      invented: true,
    });
  }
}
const dev = readJsonl(path.join(root, '../shared/eval/dev.jsonl')).map((d) => ({
  id: d.id,
  text: d.text,
  topic: d.topic,
  escalate: d.escalate,
  source: d.source,
  invented: false,
}));
const safety = readJsonl(path.join(out, 'safety.jsonl'));

// Groups: union-find over page keys and near-duplicate texts (Jaccard ≥ 0.5).
const all = [...kept, ...invented, ...dev, ...safety.map((s) => ({ ...s, safety: true }))];
const parent = all.map((_, i) => i);
const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
const unite = (a, b) => {
  parent[find(a)] = find(b);
};
const byPage = new Map();
all.forEach((item, i) => {
  if (!item.source) return;
  const key = pageKey(item.source);
  if (byPage.has(key)) unite(i, byPage.get(key));
  else byPage.set(key, i);
});
const shAll = all.map((x) => shingles(x.text));
let nearDup = 0;
for (let i = 0; i < all.length; i++)
  for (let j = i + 1; j < all.length; j++)
    if (jaccard(shAll[i], shAll[j]) >= 0.5) {
      unite(i, j);
      nearDup++;
    }
const groupName = (i) => {
  const r = all[find(i)];
  return r.source ? pageKey(r.source) : `item:${r.id}`;
};
all.forEach((item, i) => {
  item.group = groupName(i);
});
// An invented question in a real question's group is derived from it: training only.
for (const item of all)
  if (item.invented && !item.group.startsWith('item:'))
    item.derivedFrom = all.find((x) => x.group === item.group && !x.invented)?.id ?? null;

const write = (name, items) =>
  fs.writeFileSync(
    path.join(out, name),
    items
      .map((x) => {
        const { safety: _s, ...rest } = x;
        return JSON.stringify(
          Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined)),
        );
      })
      .join('\n') + '\n',
  );
fs.mkdirSync(out, { recursive: true });
write(
  'real.jsonl',
  kept.filter((x) => !x.invented),
);
write('invented.jsonl', [...kept.filter((x) => x.invented), ...invented]);
write('dev.jsonl', dev);
write(
  'safety.jsonl',
  all.filter((x) => x.safety),
);
const sites = new Map();
for (const x of kept)
  if (x.source) {
    const h = new URL(x.source).hostname.replace(/^www\./, '');
    sites.set(h, (sites.get(h) ?? 0) + 1);
  }
const real = kept.filter((x) => !x.invented).length;
console.log(
  JSON.stringify({
    collected: collected.length,
    kept: kept.length,
    real,
    invented: kept.length - real + invented.length,
    dropped,
    nearDupPairs: nearDup,
    topSites: [...sites]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([h, n]) => `${h} ${n} (${((100 * n) / real).toFixed(1)}%)`),
  }),
);
