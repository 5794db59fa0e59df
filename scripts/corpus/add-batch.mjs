// Adds a batch of collected, twice-labelled questions to the default pack's examples, as a file of
// its own, with the settled labels and cross-validation groups that keep it honest:
//   - labels: labeller A's where A and B agree on topic and escalate, the settled label where not;
//   - dropped: a page already in the pack (or another page of its thread), and a text
//     near-identical (word 3-gram Jaccard >= 0.8) to an example or to an earlier item;
//   - group: the item's page, or the group of any example it nearly repeats (Jaccard >= 0.5),
//     so near-duplicates are on one side of every fold;
//   - left out: an item with no topic, as settled or as labelled (too ambiguous to label).
// Usage: node scripts/corpus/add-batch.mjs A.jsonl SETTLED.jsonl OUT_NAME.jsonl [B.jsonl]
// With B.jsonl, every item where A and B disagree on topic or escalate must be settled, or
// nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jaccard, pageKey, shingles, threadKey } from './similarity.mjs';

const [aFile, settledFile, outName, bFile] = process.argv.slice(2);
if (!aFile || !settledFile || !outName?.endsWith('.jsonl')) {
  console.error('Usage: node scripts/corpus/add-batch.mjs A.jsonl SETTLED.jsonl OUT_NAME.jsonl');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'packs/default/examples');
const readJsonl = (f) =>
  fs
    .readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

const existing = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl') && f !== outName)
  .flatMap((f) => readJsonl(path.join(dir, f)));
const pages = new Set(existing.filter((e) => e.source).map((e) => pageKey(e.source)));
const threads = new Set(existing.filter((e) => e.source).map((e) => threadKey(e.source)));
const known = existing.map((e) => ({ group: e.group ?? `item:${e.id}`, sh: shingles(e.text) }));
const settled = new Map(readJsonl(settledFile).map((s) => [s.id, s]));
if (bFile) {
  const b = new Map(readJsonl(bFile).map((x) => [x.id, x]));
  const unsettled = readJsonl(aFile).filter((a) => {
    const other = b.get(a.id);
    return (
      other &&
      (other.topic !== a.topic || Boolean(other.escalate) !== Boolean(a.escalate)) &&
      !settled.has(a.id)
    );
  });
  if (unsettled.length > 0) {
    console.error(
      `add-batch: ${unsettled.length} disagreements are not settled: ${unsettled.map((a) => a.id).join(', ')}`,
    );
    process.exit(1);
  }
}

const kept = [];
const dropped = { page: 0, duplicate: 0, ambiguous: 0 };
for (const a of readJsonl(aFile)) {
  if (pages.has(pageKey(a.source)) || threads.has(threadKey(a.source))) {
    dropped.page++;
    continue;
  }
  const sh = shingles(a.text);
  if ([...known, ...kept].some((k) => jaccard(k.sh, sh) >= 0.8)) {
    dropped.duplicate++;
    continue;
  }
  const s = settled.get(a.id);
  // Settled with no topic: too ambiguous to label by the guide, so it is left out (and counted).
  if (s ? !s.topic : !a.topic) {
    dropped.ambiguous++;
    continue;
  }
  const label = s ? { topic: s.topic, alt: s.alt ?? null, escalate: s.escalate } : a;
  const near = [...known, ...kept].find((k) => jaccard(k.sh, sh) >= 0.5);
  kept.push({
    sh,
    // A group is at most 200 characters (the example schema's limit): pages that share the first
    // 200 characters of their address share a group, which only keeps them further apart.
    // Pages of one thread share a group too, so a thread is on one side of every fold.
    group: near?.group ?? threadKey(a.source).slice(0, 200),
    item: {
      id: a.id,
      text: a.text.trim().slice(0, 300),
      topic: label.topic,
      ...(label.alt && label.alt !== label.topic ? { alt: label.alt } : {}),
      escalate: Boolean(label.escalate),
      ...(a.asker ? { asker: a.asker } : {}),
      // A's rule and kind belong to A's topic: kept only when the settled topic is A's.
      ...(a.rule && label.topic === a.topic ? { rule: a.rule } : {}),
      ...(label.topic === 'harassment-and-safety' && label.topic === a.topic && a.kind
        ? { kind: a.kind }
        : {}),
      source: a.source,
      invented: false,
      short: a.text.trim().length < 100,
    },
  });
}
fs.writeFileSync(
  path.join(dir, outName),
  kept.map((k) => JSON.stringify({ ...k.item, group: k.group })).join('\n') + '\n',
);
console.log(JSON.stringify({ kept: kept.length, dropped, settled: settled.size }));
