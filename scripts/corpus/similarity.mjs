// Page keys and near-duplicate measures for the question corpus (merge, tests and reports).
/** A page's address without scheme, www., AMP, page numbers, query or trailing slash. */
export function pageKey(url) {
  let s = String(url).trim().toLowerCase();
  s = s
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^(www|m|amp)\./, '')
    .replace(/[#?].*$/, '');
  s = s
    .replace(/\/amp(\/|$)/, '/')
    .replace(/\.amp(\.html?)?$/, '$1')
    .replace(/\/+$/, '');
  s = s.replace(/(-page-?\d+|\/page-?\d+|\/page\/\d+)(\.html?)?$/, '$2').replace(/\/+$/, '');
  return s.replace(/^([^/]*?)\.(\/|$)/, '$1$2');
}
/** A thread's key: the page key's host and the first long number in its path (a thread id). */
export function threadKey(url) {
  const key = pageKey(url);
  const host = key.split('/')[0];
  const id = key.slice(host.length).match(/\d{5,}/);
  return id ? `${host}#${id[0]}` : key;
}
export function shingles(text) {
  const w = String(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const s = new Set();
  for (let i = 0; i + 3 <= w.length; i++) s.add(w.slice(i, i + 3).join(' '));
  if (w.length < 3 && w.length > 0) s.add(w.join(' '));
  return s;
}
export function jaccard(a, b) {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}
