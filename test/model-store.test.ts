import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, loadEngine, MODEL_FILE, ModelError, writeModel } from '../src/model-store.js';
import { loadPack } from '../src/pack/load.js';

/** The model artifact: refused with the command that rebuilds it, whatever is wrong with it. */
const dir = mkdtempSync(join(tmpdir(), 'conduct-nudge-model-'));
const pack = join(dir, 'pack');
cpSync(new URL('./fixtures/packs/minimal', import.meta.url), pack, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the model artifact', () => {
  it.each([
    ['missing', null],
    ['not JSON', '{not json'],
    ['JSON null', 'null'],
    ['from other pack files', JSON.stringify({ format: 2, key: 'other', model: {} })],
    [
      'without thresholds',
      JSON.stringify({
        format: 2,
        key: 'x',
        model: { featuriser: 'f', labels: {}, escalate: {}, asker: {}, rules: [] },
      }),
    ],
  ])('is refused when %s, naming validate-pack', (_, content) => {
    rmSync(join(pack, MODEL_FILE), { force: true });
    if (content !== null) writeFileSync(join(pack, MODEL_FILE), content);
    expect(() => loadEngine(pack)).toThrow(ModelError);
    expect(() => loadEngine(pack)).toThrow(/conduct-nudge validate-pack /);
  });
});

describe('the pack as built', () => {
  const built = join(dir, 'built');
  cpSync(new URL('./fixtures/packs/minimal', import.meta.url), built, { recursive: true });
  const full = loadPack(built);
  writeModel(full, buildModel(full).model);

  it('is what the app starts from while the pack’s files are unchanged: the pack the YAML gives', () => {
    const engine = loadEngine(built);
    expect(engine.pack).toEqual(loadPack(built, { examples: false }));
    expect(Object.isFrozen(engine.pack)).toBe(true);
    expect(engine.pack.reminders.get('boundary-respect')?.id).toBe('boundary-respect');
  });

  it('starts the app without parsing any YAML', () => {
    const script = `import { createRequire } from 'node:module';
      const { loadEngine } = await import(${JSON.stringify(new URL('../dist/model-store.js', import.meta.url).href)});
      loadEngine(${JSON.stringify(built)});
      const cache = createRequire(import.meta.url).cache;
      process.stdout.write(String(Object.keys(cache).some((k) => k.includes('/node_modules/yaml/'))));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out).toBe('false');
  });

  it('is not trusted once a file changes, or one is added: the YAML is read, and the model refused', () => {
    const edited = join(dir, 'edited');
    cpSync(built, edited, { recursive: true });
    const rules = readdirSync(join(edited, 'rules'))[0] as string;
    writeFileSync(
      join(edited, 'rules', rules),
      readFileSync(join(edited, 'rules', rules), 'utf8').replace(/title: /, 'title: Edited '),
    );
    expect(() => loadEngine(edited)).toThrow(/built from other pack files/);
    const added = join(dir, 'added');
    cpSync(built, added, { recursive: true });
    writeFileSync(
      join(added, 'examples', 'more.jsonl'),
      '{"id":"more-1","text":"is a small gift ok?","topic":"gifts-and-favors","escalate":false}\n',
    );
    expect(() => loadEngine(added)).toThrow(/built from other pack files/);
  });
});
