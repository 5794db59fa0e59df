import { loadPack } from '../../src/pack/load.js';
import type { Pack } from '../../src/pack/load.js';
import type { ConceptDef, Rule } from '../../src/pack/schema.js';
import { ruleSchema } from '../../src/pack/schema.js';

export const defaultPack: Pack = loadPack();

/** A small in-memory pack for matching tests: same shape the loader produces. */
export function tinyPack(
  rules: Array<Record<string, unknown>>,
  concepts: Record<string, string[] | ConceptDef> = {},
  meta: Partial<Pack['meta']> = {},
): Pack {
  const guidance = { summary: 'Summary.', steps: ['Step.'] };
  return {
    dir: '/tmp/tiny-pack',
    meta: {
      name: 'Tiny',
      version: '0.0.1',
      language: 'en',
      outOfScopeThreshold: 0.4,
      notices: {},
      relationships: {},
      ...meta,
    } as Pack['meta'],
    organisation: { policyLinks: [] },
    reminders: new Map([
      ['boundary-respect', { id: 'boundary-respect', title: 'No ends it', text: 'A no ends it.' }],
      ['discretion', { id: 'discretion', title: 'Discreet', text: 'Keep it discreet.' }],
    ]),
    concepts: new Map(
      Object.entries(concepts).map(([name, def]) => [
        name,
        Array.isArray(def) ? { phrases: def, negatable: true } : def,
      ]),
    ),
    rules: rules.map((r) => ruleSchema.parse({ guidance, ...r }) as Rule),
  };
}
