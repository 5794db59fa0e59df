import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_FILE, readSnapshot } from '../../src/pack/cache.js';
import { createEngine } from '../../src/engine/index.js';
import { NORMALIZE_VERSION, phraseStems } from '../../src/engine/normalize.js';
import {
  compilePackSnapshot,
  DEFAULT_PACK_DIR,
  loadPack,
  loadPackFromYaml,
  phrasesOf,
} from '../../src/pack/load.js';

function copyOfDefault(): string {
  const dir = mkdtempSync(join(tmpdir(), 'conduct-pack-'));
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true, filter: (src) => !src.endsWith(CACHE_FILE) });
  return dir;
}

const plain = (pack: ReturnType<typeof loadPack>) => ({
  meta: pack.meta,
  organisation: pack.organisation,
  reminders: [...pack.reminders.entries()],
  concepts: [...pack.concepts.entries()],
  rules: pack.rules,
});

describe('pack snapshot', () => {
  it('loads the same frozen pack from the snapshot as from YAML', () => {
    const dir = copyOfDefault();
    compilePackSnapshot(dir);
    expect(readSnapshot(dir)).toBeDefined();
    const fromSnapshot = loadPack(dir);
    expect(plain(fromSnapshot)).toEqual(plain(loadPackFromYaml(dir)));
    expect(Object.isFrozen(fromSnapshot.rules[0])).toBe(true);
    expect(() => (fromSnapshot.reminders as Map<string, unknown>).set('x', {})).toThrow();
  });

  it('carries the stems of every phrase, so the engine compiles the same without stemming', () => {
    const dir = copyOfDefault();
    compilePackSnapshot(dir);
    const fromSnapshot = loadPack(dir);
    const fromYaml = loadPackFromYaml(dir);
    expect(fromYaml.phraseStems).toBeUndefined();
    expect(fromSnapshot.phraseStems?.size).toBe(phrasesOf(fromYaml).length);
    for (const [phrase, stems] of fromSnapshot.phraseStems ?? []) expect(stems).toEqual(phraseStems(phrase));
    const questions = [
      'Can I ask my coworker out?',
      'a client gave me a $50 tip',
      'my boss keeps touching me',
    ];
    const [a, b] = [createEngine(fromSnapshot), createEngine(fromYaml)];
    for (const q of questions) expect(a.classify(q)).toEqual(b.classify(q));
  });

  it('ignores stems made by another version of the normaliser', () => {
    const dir = copyOfDefault();
    compilePackSnapshot(dir);
    const file = join(dir, CACHE_FILE);
    const cache = JSON.parse(readFileSync(file, 'utf8')) as { stems: { version: number } };
    cache.stems.version = NORMALIZE_VERSION + 1;
    writeFileSync(file, JSON.stringify(cache));
    const pack = loadPack(dir);
    expect(pack.rules.length).toBeGreaterThan(0);
    expect(pack.phraseStems).toBeUndefined();
  });

  it('is ignored as soon as a source file changes, and the YAML is validated again', () => {
    const dir = copyOfDefault();
    compilePackSnapshot(dir);
    appendFileSync(join(dir, 'reminders.yaml'), '  - id: BAD ID\n    title: x\n    text: y\n');
    expect(readSnapshot(dir)).toBeUndefined();
    expect(() => loadPack(dir)).toThrow(/reminders/);
  });

  it('is ignored when a rule file is added, and when it is corrupt', () => {
    const dir = copyOfDefault();
    compilePackSnapshot(dir);
    writeFileSync(
      join(dir, 'rules', 'zz-extra.yaml'),
      readFileSync(join(dir, 'rules', 'gifts-and-favors.yaml')),
    );
    expect(readSnapshot(dir)).toBeUndefined();
    const other = copyOfDefault();
    writeFileSync(join(other, CACHE_FILE), '{not json');
    expect(readSnapshot(other)).toBeUndefined();
    expect(loadPack(other).rules.length).toBeGreaterThan(0);
  });

  it('covers the base pack of a pack that extends default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conduct-ext-'));
    writeFileSync(join(dir, 'pack.yaml'), 'name: Child\nversion: 1.0.0\nlanguage: en\nextends: default\n');
    compilePackSnapshot(dir);
    const snapshot = JSON.parse(readFileSync(join(dir, CACHE_FILE), 'utf8')) as {
      files: Record<string, string>;
    };
    expect(Object.keys(snapshot.files).some((f) => f.includes('rules'))).toBe(true);
    expect(loadPack(dir).meta.name).toBe('Child');
  });
});
