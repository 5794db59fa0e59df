import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPack, type Pack, PackError, type PackIssue } from '../../src/pack/load.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/packs/${name}`, import.meta.url));

/** Loads a pack that must fail and returns its issues. */
function issuesOf(name: string): readonly PackIssue[] {
  let loaded: Pack | undefined;
  try {
    loaded = loadPack(fixture(name));
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return (error as PackError).issues;
  }
  throw new Error(`expected ${name} to fail, but it loaded ${loaded.rules.length} rules`);
}

/** Asserts the pack fails with exactly one issue and returns it. */
function onlyIssue(name: string): PackIssue {
  const issues = issuesOf(name);
  expect(issues).toHaveLength(1);
  return issues[0] as PackIssue;
}

describe('loadPack: bad packs report file, line and field path', () => {
  it('duplicate rule ids in one file', () => {
    expect(onlyIssue('bad-duplicate-ids')).toEqual({
      file: 'rules/a.yaml',
      line: 18,
      path: 'rules[2].id',
      message: 'duplicate rule id "same-id" (first defined at rules/a.yaml:2)',
    });
  });

  it('duplicate rule ids across two rule files', () => {
    expect(onlyIssue('bad-duplicate-ids-files')).toEqual({
      file: 'rules/b.yaml',
      line: 10,
      path: 'rules[1].id',
      message: 'duplicate rule id "shared-id" (first defined at rules/a.yaml:2)',
    });
  });

  it('unknown topic', () => {
    const issue = onlyIssue('bad-unknown-topic');
    expect(issue).toMatchObject({ file: 'rules/a.yaml', line: 12, path: 'rules[1].topic' });
    expect(issue.message).toMatch(/^must be one of: dating-customers, /);
  });

  it('unknown reminder', () => {
    expect(onlyIssue('bad-unknown-reminder')).toEqual({
      file: 'rules/a.yaml',
      line: 12,
      path: 'rules[0].reminders[1]',
      message: 'unknown reminder "be-nice"',
    });
  });

  it('summary over its limit (280 characters)', () => {
    expect(onlyIssue('bad-summary-too-long')).toEqual({
      file: 'rules/a.yaml',
      line: 8,
      path: 'rules[0].guidance.summary',
      message: 'must be at most 280 characters',
    });
  });

  it('more than 3 steps (a phone screen holds three: nothing is cut silently)', () => {
    expect(onlyIssue('bad-too-many-steps')).toEqual({
      file: 'rules/a.yaml',
      line: 10,
      path: 'rules[0].guidance.steps',
      message: 'must have at most 3 steps',
    });
  });

  it('missing required field is reported at its parent', () => {
    expect(onlyIssue('bad-missing-field')).toEqual({
      file: 'rules/a.yaml',
      line: 10,
      path: 'rules[1].title',
      message: 'is required',
    });
  });

  it('YAML syntax error', () => {
    const issue = onlyIssue('bad-yaml-syntax');
    expect(issue).toMatchObject({ file: 'rules/a.yaml', line: 11, path: '' });
    expect(issue.message).toMatch(/^YAML syntax: /);
  });

  it('missing required reminder', () => {
    expect(onlyIssue('bad-missing-required-reminder')).toEqual({
      file: 'reminders.yaml',
      line: 2,
      path: 'reminders',
      message: 'must define the "discretion" reminder',
    });
  });

  it('romance rule missing a required reminder', () => {
    expect(onlyIssue('bad-romance-reminder')).toEqual({
      file: 'rules/a.yaml',
      line: 11,
      path: 'rules[0].reminders',
      message: 'a romance rule must carry the "discretion" reminder',
    });
  });

  it('harassment rule that does not escalate', () => {
    expect(onlyIssue('bad-harassment-no-escalate')).toEqual({
      file: 'rules/a.yaml',
      line: 5,
      path: 'rules[0].escalate',
      message: 'harassment-and-safety rules must escalate',
    });
  });

  it('extends a folder that does not exist', () => {
    expect(onlyIssue('bad-extends-missing')).toEqual({
      file: 'pack.yaml',
      line: 4,
      path: 'extends',
      message: 'pack folder "../no-such-pack" not found',
    });
  });
});

describe('loadPack: all or nothing', () => {
  it('reports every error at once, across files and kinds', () => {
    const issues = issuesOf('bad-many-problems');
    const summary = issues.map((i) => `${i.file}:${i.line} ${i.path}`).sort();
    expect(summary).toEqual(
      [
        'pack.yaml:5 relationships.customer[0]',
        'reminders.yaml:2 reminders',
        'rules/a.yaml:18 rules[1].reminders[0]',
        'rules/a.yaml:4 rules[0].topic',
        'rules/b.yaml:10 rules[1].id',
        'rules/b.yaml:8 rules[0].guidance.summary',
      ].sort(),
    );
  });

  it('the PackError message lists every issue as file:line path: message', () => {
    try {
      loadPack(fixture('bad-many-problems'));
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/is invalid \(\d+ problems\)/);
      expect(message).toContain('rules/a.yaml:18  rules[1].reminders[0]: unknown reminder "be-nice"');
    }
  });

  it('never half-loads: a pack with valid rules and one bad one throws and returns nothing', () => {
    let result: Pack | undefined;
    expect(() => {
      result = loadPack(fixture('bad-unknown-topic'));
    }).toThrow(PackError);
    expect(result).toBeUndefined();
  });

  it('a missing folder is a PackError, not a crash', () => {
    expect(() => loadPack(fixture('no-such-pack'))).toThrow(PackError);
  });
});

describe('loadPack: valid packs', () => {
  it('loads a minimal pack with defaults applied', () => {
    const pack = loadPack(fixture('minimal'));
    expect(pack.meta).toMatchObject({
      name: 'Fixture minimal pack',
      version: '0.3.1',
      outOfScopeThreshold: 0.3,
    });
    expect(pack.rules.map((r) => r.id)).toEqual([
      'fixture-customer-date',
      'fixture-coworker-date',
      'fixture-harm',
      'fixture-gifts',
    ]);
    const gifts = pack.rules.find((r) => r.id === 'fixture-gifts');
    expect(gifts).toMatchObject({ escalate: false, urgent: false, romance: false, weight: 1, reminders: [] });
    expect(pack.examples.length).toBeGreaterThan(10);
    expect(pack.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect([...pack.reminders.keys()]).toEqual(['boundary-respect', 'discretion']);
  });

  it('leaves the example files unread when asked (the app), with the same content hash', () => {
    const full = loadPack(fixture('minimal'));
    const served = loadPack(fixture('minimal'), { examples: false });
    expect(served.contentHash).toBe(full.contentHash);
    expect(served.rules).toEqual(full.rules);
    expect(served.examples.filter((e) => e.file.startsWith('examples/'))).toEqual([]);
    expect(full.examples.some((e) => e.file.startsWith('examples/'))).toBe(true);
  });

  it('is deeply frozen, Maps included', () => {
    const pack = loadPack(fixture('minimal'));
    expect(Object.isFrozen(pack)).toBe(true);
    expect(Object.isFrozen(pack.rules)).toBe(true);
    const rule = pack.rules[0];
    expect(Object.isFrozen(rule)).toBe(true);
    expect(Object.isFrozen(rule?.guidance.steps)).toBe(true);
    expect(Object.isFrozen(pack.reminders.get('discretion'))).toBe(true);
    expect(Object.isFrozen(pack.examples)).toBe(true);
    expect(() => {
      (pack.rules as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => (pack.reminders as Map<string, unknown>).set('x', {})).toThrow(TypeError);
    expect(() => (pack.reminders as Map<string, unknown>).clear()).toThrow(TypeError);
  });

  it('extends a base pack: adds a rule and overrides one by id, keeping its place', () => {
    const pack = loadPack(fixture('extends'));
    expect(pack.meta).toMatchObject({ name: 'Fixture extends', version: '2.0.0' });
    expect(pack.rules.map((r) => [r.id, r.title])).toEqual([
      ['base-gifts', 'Base gifts'],
      ['base-rapport', 'Child rapport override'],
      ['child-boundaries', 'Child boundaries'],
    ]);
    // Reminders and examples come from the base too, merged before training.
    expect(pack.reminders.has('discretion')).toBe(true);
    expect(pack.examples.length).toBe(8);
    // An upper layer's example replaces the base's of the same id.
    expect(pack.examples.find((e) => e.id === 'f5')?.text).toBe('when is payday at the child company');
    expect(loadPack(fixture('base')).contentHash).not.toBe(pack.contentHash);
  });

  it('loads the base pack on its own unchanged', () => {
    const pack = loadPack(fixture('base'));
    expect(pack.rules.map((r) => r.title)).toEqual(['Base gifts', 'Base rapport']);
  });
});

/** A small pack extending the default one, with `pack` and `rules` as its own files. */
function extending(pack: string, rules?: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  try {
    writeFileSync(
      join(dir, 'pack.yaml'),
      `name: Test\nversion: 1.0.0\nlanguage: en\nextends: default\n${pack}`,
    );
    if (rules) {
      mkdirSync(join(dir, 'rules'));
      writeFileSync(join(dir, 'rules', 'extra.yaml'), rules);
    }
    loadPack(dir);
    return [];
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('topic cards, relationship routes and the footer line', () => {
  it('a topic card lists rules of that topic only', () => {
    expect(
      extending('topics:\n  boundaries:\n    questions: [decline-advance, gift-for-boss, no-such-rule]\n'),
    ).toEqual([
      'topics.boundaries.questions[1]: rule "gift-for-boss" is about gifts-and-favors, not boundaries',
      'topics.boundaries.questions[2]: unknown rule "no-such-rule"',
    ]);
  });

  it('a topic card may rename a topic and keep the default’s questions', () => {
    expect(extending('topics:\n  boundaries:\n    label: Saying no\n')).toEqual([]);
  });

  it('a relationship sends only to a known rule, never to itself or across escalation', () => {
    const rule = (see: string) =>
      `rules:\n  - id: extra\n    title: Extra\n    topic: gifts-and-favors\n    guidance:\n      summary: "Fine."\n      steps: ["One."]\n      policy: [{ title: Gifts, section: "G" }]\n      byRelationship:\n        coworker:\n          see: ${see}\n`;
    expect(extending('', rule('gift-for-boss'))).toEqual([]);
    expect(extending('', rule('nope'))).toEqual([
      'rules[0].guidance.byRelationship.coworker.see: unknown rule "nope"',
    ]);
    expect(extending('', rule('extra'))).toEqual([
      'rules[0].guidance.byRelationship.coworker.see: a rule cannot send a relationship to itself',
    ]);
    // customer-ask-once sends a coworker on to coworker-ask-once: no chains.
    expect(extending('', rule('customer-ask-once'))).toEqual([
      'rules[0].guidance.byRelationship.coworker.see: "customer-ask-once" sends this relationship on again: point to the rule that answers it',
    ]);
    expect(extending('', rule('unwanted-touching'))).toEqual([
      'rules[0].guidance.byRelationship.coworker.see: a relationship cannot turn guidance into an escalation, or change its urgency',
    ]);
  });

  it('romance words: a pack that extends the default keeps its list unless it gives its own', () => {
    const load = (extra: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'pack-'));
      try {
        writeFileSync(
          join(dir, 'pack.yaml'),
          `name: Test\nversion: 1.0.0\nlanguage: en\nextends: default\n${extra}`,
        );
        return loadPack(dir).meta.romance;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    expect(load('')).toContain('crush');
    expect(load('romance: [ausgehen]\n')).toEqual(['ausgehen']);
    expect(extending('romance: ["@flirt"]\n')).toEqual([
      'romance[0]: concepts ("@name") are gone since the engine learns from examples: write the words themselves',
    ]);
  });

  it('the footer line, with the pack name and version, fits 25 words', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    // 23 words, the name ("Test") and "v1.0.0": 25, just fits.
    expect(extending(`notices:\n  footer: "${words(23)}"\n`)).toEqual([]);
    expect(extending(`notices:\n  footer: "${words(24)}"\n`)).toEqual([
      "notices.footer: with the pack's name and version it is 26 words; at most 25 fit one line",
    ]);
  });
});
