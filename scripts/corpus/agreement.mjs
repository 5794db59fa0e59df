// Agreement between the two independent labellings: raw agreement and Cohen's kappa, for topic
// and escalate. Usage: node scripts/corpus/agreement.mjs A.jsonl B.jsonl [disagreements.jsonl]
import fs from 'node:fs';
const read = (f) =>
  new Map(
    fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l))
      .map((o) => [o.id, o]),
  );
const [fa, fb, fout] = process.argv.slice(2);
const a = read(fa);
const b = read(fb);
const ids = [...a.keys()].filter((id) => b.has(id));
function kappa(get) {
  const n = ids.length;
  let agree = 0;
  const ca = new Map();
  const cb = new Map();
  for (const id of ids) {
    const x = String(get(a.get(id)));
    const y = String(get(b.get(id)));
    if (x === y) agree++;
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
  }
  let pe = 0;
  for (const [k, v] of ca) pe += (v / n) * ((cb.get(k) ?? 0) / n);
  const po = agree / n;
  return { n, agreement: +po.toFixed(4), kappa: +((po - pe) / (1 - pe)).toFixed(4) };
}
const report = {
  topic: kappa((o) => o.topic),
  escalate: kappa((o) => Boolean(o.escalate)),
  asker: kappa((o) => o.asker ?? 'none'),
  topicOrAlt: {
    agreement: +(
      ids.filter((id) => {
        const x = a.get(id);
        const y = b.get(id);
        return x.topic === y.topic || x.topic === y.alt || x.alt === y.topic;
      }).length / ids.length
    ).toFixed(4),
  },
};
console.log(JSON.stringify(report, null, 1));
if (fout)
  fs.writeFileSync(
    fout,
    ids
      .filter(
        (id) =>
          a.get(id).topic !== b.get(id).topic || Boolean(a.get(id).escalate) !== Boolean(b.get(id).escalate),
      )
      .map((id) =>
        JSON.stringify({
          id,
          text: a.get(id).text,
          A: { topic: a.get(id).topic, alt: a.get(id).alt ?? null, escalate: a.get(id).escalate },
          B: { topic: b.get(id).topic, alt: b.get(id).alt ?? null, escalate: b.get(id).escalate },
        }),
      )
      .join('\n') + '\n',
  );
