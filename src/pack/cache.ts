import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { ConceptDef, Organisation, PackMeta, Reminder, Rule } from './schema.js';

/**
 * A build-time snapshot of a validated pack, so start-up skips YAML parsing and validation
 * (most of the pack's load time). It is used only while every source file still hashes the
 * same; otherwise the pack is read from YAML as usual. Written by `npm run build` for the
 * default pack and by `conduct-nudge compile-pack DIR`; never written at run time.
 */
export const CACHE_FILE = '.compiled.json';
const FORMAT = 1;

export interface PackSnapshot {
  meta: PackMeta;
  organisation: Organisation;
  reminders: Reminder[];
  concepts: Array<[string, ConceptDef]>;
  rules: Rule[];
}

/** Stems of every pack phrase, built with the engine's normaliser of that version. */
export interface StemsTable {
  version: number;
  table: Record<string, string[]>;
}

interface CacheFile {
  format: number;
  /** Pack folders from base to top, relative to the pack folder. */
  chain: string[];
  /** Source file (relative to the pack folder) → sha256. */
  files: Record<string, string>;
  pack: PackSnapshot;
  stems?: StemsTable;
}

function sourceFiles(layerDir: string): string[] {
  const files = ['pack.yaml', 'organisation.yaml', 'reminders.yaml', 'concepts.yaml'].filter((f) =>
    existsSync(join(layerDir, f)),
  );
  const rulesDir = join(layerDir, 'rules');
  if (existsSync(rulesDir)) {
    for (const name of readdirSync(rulesDir).sort())
      if (/\.ya?ml$/.test(name)) files.push(join('rules', name));
  }
  return files.map((f) => join(layerDir, f));
}

function hashes(dir: string, chain: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const layer of chain) {
    for (const file of sourceFiles(resolve(dir, layer))) {
      out[relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
    }
  }
  return out;
}

/** The snapshot for `dir`, if one exists and every source file is unchanged. */
export function readSnapshot(dir: string): { pack: PackSnapshot; stems?: StemsTable } | undefined {
  const path = join(dir, CACHE_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
    if (cache.format !== FORMAT || !Array.isArray(cache.chain)) return undefined;
    const now = hashes(dir, cache.chain);
    const before = cache.files;
    const keys = Object.keys(now);
    if (keys.length !== Object.keys(before).length || keys.some((k) => before[k] !== now[k]))
      return undefined;
    return cache.stems ? { pack: cache.pack, stems: cache.stems } : { pack: cache.pack };
  } catch {
    return undefined;
  }
}

function chainOf(dir: string, defaultDir: string): string[] {
  const chain: string[] = [];
  for (let current: string | undefined = dir; current && !chain.includes(current);) {
    chain.unshift(current);
    // Only when writing a snapshot: the YAML parser stays out of start-up (see load.ts).
    const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
    const meta = parse(readFileSync(join(current, 'pack.yaml'), 'utf8')) as { extends?: string } | null;
    const next = meta?.extends;
    current = next === undefined ? undefined : next === 'default' ? defaultDir : resolve(current, next);
  }
  return chain;
}

/** Writes the snapshot of an already validated pack. `defaultDir` resolves `extends: default`. */
export function writeSnapshot(
  dir: string,
  pack: PackSnapshot,
  defaultDir: string,
  stems?: StemsTable,
): string {
  const chain = chainOf(dir, resolve(defaultDir)).map((layer) => relative(dir, layer) || '.');
  const cache: CacheFile = {
    format: FORMAT,
    chain,
    files: hashes(dir, chain),
    pack,
    ...(stems ? { stems } : {}),
  };
  const path = join(dir, CACHE_FILE);
  writeFileSync(path, `${JSON.stringify(cache)}\n`);
  return path;
}
