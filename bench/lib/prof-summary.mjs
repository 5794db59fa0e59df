// Summarises a V8 .cpuprofile (from node --cpu-prof): self time by package or file, and the
// hottest functions. `node bench/lib/prof-summary.mjs FILE.cpuprofile [--top N] [--files]`
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    top: { type: 'string', default: '25' },
    files: { type: 'boolean' },
    callers: { type: 'string' },
  },
  allowPositionals: true,
});
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const top = Number(values.top);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++)
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function bucket(url) {
  if (!url) return '(native/gc/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    return values.files ? `${pkg}/${rest.slice(pkg.split('/').length).join('/')}` : pkg;
  }
  if (url.startsWith('node:')) return 'node: internals';
  if (values.files) return url.replace(/^file:\/\/.*?\/(dist|bench|src)\//, '$1/');
  const m = /\/(dist|bench)\/([^/]+)/.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
}
const groups = new Map();
const fns = new Map();
for (const [id, us] of self) {
  const node = byId.get(id);
  const { url, functionName, lineNumber } = node.callFrame;
  const name = url ? bucket(url) : functionName || '(anonymous)';
  groups.set(name, (groups.get(name) ?? 0) + us);
  const fn = `${functionName || '(anonymous)'} ${url ? `${bucket(url)}:${lineNumber + 1}` : ''}`;
  fns.set(fn, (fns.get(fn) ?? 0) + us);
}
const show = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`,
    );
};
show('self time by package / file', groups);
show('self time by function', fns);

// --callers NAME: where the self time of functions named NAME comes from (3 frames up).
if (values.callers) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frame = (n) =>
    `${n.callFrame.functionName || '(anonymous)'} ${bucket(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const paths = new Map();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (node.callFrame.functionName !== values.callers) continue;
    const chain = [];
    for (let p = parent.get(id); p !== undefined && chain.length < 4; p = parent.get(p))
      chain.push(frame(byId.get(p)));
    const key = chain.join(' < ');
    paths.set(key, (paths.get(key) ?? 0) + us);
  }
  show(`callers of ${values.callers}`, paths);
}
