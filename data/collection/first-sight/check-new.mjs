// Usage: node /work/firstsight/check-new.mjs URL [URL...]   or   --file out/x.jsonl
// Prints OK, RESERVED (a page reserved for independent measurement, or its thread) or USED (a
// page, or a page of a thread, already in the training corpus). Take nothing unless it says OK.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
const root = '/work/main/packs/default/examples/';
const norm = (u) => { let s = String(u).trim().toLowerCase(); s = s.replace(/^[a-z]+:\/\//, '').replace(/^(www|m|amp)\./, '').replace(/[#?].*$/, ''); s = s.replace(/\/amp(\/|$)/, '/').replace(/\.amp(\.html?)?$/, '$1').replace(/\/+$/, ''); s = s.replace(/(-page-?\d+|\/page-?\d+|\/page\/\d+)(\.html?)?$/, '$2').replace(/\/+$/, ''); return s.replace(/^([^/]*?)\.(\/|$)/, '$1$2'); };
const thread = (n) => { const h = n.split('/')[0]; const m = n.slice(h.length).match(/(\d{4,})/g); return m ? `${h}#${m[0]}` : n; };
const used = new Set(); const usedThreads = new Set();
for (const f of ['real.jsonl', 'dev.jsonl']) for (const l of fs.readFileSync(root + f, 'utf8').split('\n').filter(Boolean)) { const s = JSON.parse(l).source; if (s) { used.add(norm(s)); usedThreads.add(thread(norm(s))); } }
let urls = process.argv.slice(2);
if (urls[0] === '--file') urls = fs.readFileSync(urls[1], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).source).filter(Boolean);
let bad = 0;
for (const u of urls) {
  let r;
  try { r = execFileSync(process.execPath, ['/work/corpus/check-url.mjs', u], { encoding: 'utf8' }).trim(); } catch (e) { r = String(e.stdout ?? 'RESERVED (check failed)').trim(); }
  if (/RESERVED/.test(r)) { console.log(r); bad++; continue; }
  const n = norm(u);
  if (used.has(n) || usedThreads.has(thread(n))) { console.log(`USED ${u}`); bad++; continue; }
  console.log(`OK ${u}`);
}
if (process.argv[2] === '--file') console.log(`${bad} reserved or used of ${urls.length}`);
