import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEngine, MODEL_FILE, ModelError } from '../src/model-store.js';

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
