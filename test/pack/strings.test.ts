import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Answer, contactsFor } from '../../src/engine/answer.js';
import { loadEngine } from '../../src/model-store.js';
import { loadPack, type Pack, PackError } from '../../src/pack/load.js';
import { fill, STRING_KEYS, STRING_LIMITS, type UiStrings } from '../../src/pack/strings.js';
import {
  answerBlocks,
  answerModal,
  clarifyBlocks,
  contactsMessage,
  contactText,
  helpBlocks,
  homeView,
  messageConcernModal,
  pinnedCardBlocks,
  privacyBlocks,
  questionModal,
  reminderModal,
  topicCardBlocks,
  topicsModal,
} from '../../src/render/blocks/index.js';
import { renderText } from '../../src/render/text.js';
import { visibleText } from '../helpers/harness.js';

const tmp = mkdtempSync(join(tmpdir(), 'strings-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** A pack folder with the given pack.yaml body and strings.yaml (when given). */
function packWith(packYaml: string, strings?: string): string {
  const dir = join(tmp, `p${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'pack.yaml'), `name: Test\nversion: 1.0.0\nlanguage: en\n${packYaml}`);
  if (strings !== undefined) writeFileSync(join(dir, 'strings.yaml'), strings);
  return dir;
}

function problems(dir: string): string[] {
  try {
    loadPack(dir);
    return [];
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    return error.issues.map((i) => `${i.file} ${i.path}: ${i.message}`);
  }
}

const engine = loadEngine();
const base = engine.pack;

describe('the pack’s strings (strings.yaml)', () => {
  it('the default pack words every string the app shows, within Slack’s limits', () => {
    expect(Object.keys(base.strings).sort()).toEqual([...STRING_KEYS].sort());
    for (const key of STRING_KEYS)
      expect(base.strings[key].length, key).toBeLessThanOrEqual(STRING_LIMITS[key]);
  });

  it('a pack that extends the default rewords only what it gives', () => {
    const pack = loadPack(packWith('extends: default\n', 'strings:\n  helpTitle: "Asking, step by step"\n'));
    expect(pack.strings.helpTitle).toBe('Asking, step by step');
    expect(pack.strings.askPrivately).toBe(base.strings.askPrivately);
    expect(visibleText(helpBlocks(pack))).toContain('Asking, step by step');
  });

  it('refuses a string over Slack’s limit, or one that drops a mark the app fills in', () => {
    const dir = packWith(
      'extends: default\n',
      `strings:\n  appTitle: "${'x'.repeat(25)}"\n  unknownCommand: "I only answer one command."\n  noSuchKey: "hi"\n`,
    );
    const found = problems(dir);
    expect(found.some((p) => p.startsWith('strings.yaml strings.appTitle'))).toBe(true);
    expect(found.some((p) => /strings\.unknownCommand: must keep \{command\}/.test(p))).toBe(true);
    expect(found.some((p) => /noSuchKey/.test(p))).toBe(true);
  });

  it('refuses a window button longer than Slack allows, and any mention of people or channels', () => {
    const found = problems(
      packWith(
        'extends: default\n',
        `strings:\n  done: "${'d'.repeat(25)}"\n  cardIntro: "Hi <!channel>, ask me"\n`,
      ),
    );
    expect(found.some((p) => p.startsWith('strings.yaml strings.done'))).toBe(true);
    expect(found.some((p) => /strings\.cardIntro: must not mention/.test(p))).toBe(true);
  });

  it('a pack that does not extend the default gets its strings, notices and topic names', () => {
    const dir = packWith('');
    mkdirSync(join(dir, 'rules'));
    writeFileSync(
      join(dir, 'rules', 'gifts.yaml'),
      'rules:\n  - id: small-gifts\n    title: Small gifts\n    topic: gifts-and-favors\n    examples: ["can I accept a small gift?"]\n    guidance:\n      summary: "Small tokens are fine."\n      steps: ["Say thank you."]\n',
    );
    writeFileSync(
      join(dir, 'reminders.yaml'),
      'reminders:\n  - id: boundary-respect\n    title: A no ends it\n    text: "A no ends it."\n  - id: discretion\n    title: Keep it private\n    text: "Keep it private."\n',
    );
    const pack = loadPack(dir);
    expect(pack.strings).toEqual(base.strings);
    expect(pack.meta.notices.notification).toBe(base.meta.notices.notification);
    expect(pack.meta.notices.escalationOpening).toBe(base.meta.notices.escalationOpening);
    expect(pack.meta.topics['gifts-and-favors']?.label).toBe(base.meta.topics['gifts-and-favors']?.label);
    // Never the default pack's common questions: those are its rules, not this pack's.
    expect(pack.meta.topics['gifts-and-favors']?.questions).toBeUndefined();
  });

  it('words every way to reach a contact in the pack’s strings, in Slack and in plain text alike', () => {
    const dir = packWith(
      'extends: default\n',
      'strings:\n  contactCall: "appeler le {phone}"\n  contactEmail: "écrire à {email}"\n  contactSlack: "sur Slack {slack}"\n  contactOpen: "ouvrir"\n',
    );
    writeFileSync(
      join(dir, 'organisation.yaml'),
      'name: Exemple\nhrContact: { label: "RH", phone: "+33 1 23 45 67 89", email: rh@example.com, slack: "#rh", url: "https://example.com/rh", note: "du lundi au vendredi" }\n',
    );
    const pack = loadPack(dir);
    const hr = contactsFor(pack, false).find((c) => c.kind === 'hr');
    expect(hr).toBeDefined();
    if (!hr) return;
    expect(contactText(hr, pack.strings)).toBe(
      '• *RH* · appeler le +33 1 23 45 67 89 · sur Slack #rh · écrire à <mailto:rh@example.com|rh@example.com> · <https://example.com/rh|ouvrir> · _du lundi au vendredi_',
    );
    const answer = {
      ...engine.answer('my manager keeps touching my waist').answer,
      ui: pack.strings,
      contacts: [hr],
    };
    expect(renderText(answer)).toContain(
      '  - RH: appeler le +33 1 23 45 67 89, sur Slack #rh, écrire à rh@example.com, ouvrir https://example.com/rh (du lundi au vendredi)',
    );
    expect(visibleText(contactsMessage(pack, false).blocks)).toContain('appeler le +33 1 23 45 67 89');
    // A wording that drops the number, the address or the channel is refused.
    const found = problems(
      packWith(
        'extends: default\n',
        'strings:\n  contactCall: "appeler"\n  contactEmail: "écrire"\n  contactSlack: "Slack"\n',
      ),
    );
    for (const key of ['contactCall', 'contactEmail', 'contactSlack'])
      expect(
        found.some((p) => p.includes(`strings.${key}: must keep {`)),
        key,
      ).toBe(true);
  });

  it('fills in marks, and leaves unknown ones as they are', () => {
    expect(fill('run `{command} pin` {x}', { command: '/conduct' })).toBe('run `/conduct pin` {x}');
  });
});

/** Every string replaced by a marker: whatever the app shows must come from here. */
function markedPack(): Pack {
  const lines = STRING_KEYS.map((key) => {
    const marks = (base.strings[key].match(/\{\w+\}/g) ?? []).join(' ');
    return `  ${key}: "⟦${key.slice(0, 12)}⟧${marks ? ` ${marks}` : ''}"`;
  });
  return loadPack(packWith('extends: default\n', `strings:\n${lines.join('\n')}\n`));
}

describe('no words in code', () => {
  const marked = markedPack();
  const ui: UiStrings = marked.strings;
  // The default pack's wording of each string (the long ones: short ones like "Ask" occur in guidance).
  const defaults = STRING_KEYS.map((k) => base.strings[k].replace(/\{\w+\}/g, '')).filter(
    (s) => s.length >= 14,
  );
  const shown = (text: string) => defaults.filter((d) => text.includes(d));

  it('every surface shows the pack’s strings, and none of the default wording from code', () => {
    const marks = (a: Answer): Answer => ({ ...a, ui, contacts: contactsFor(marked, a.urgent) });
    const guidance = marks(engine.answer('Can I ask my coworker out for a coffee?').answer);
    const escalation = marks(
      engine.answer('my manager keeps touching my waist and I told him to stop').answer,
    );
    const card = engine.topicCard('harassment-and-safety');
    const clarify = {
      choices: [],
      asker: 'unknown' as const,
      relationship: 'unknown' as const,
      notices: guidance.notices,
      ui,
      pack: guidance.pack,
    };
    const reminder = [...base.reminders.values()][0];
    const surfaces = [
      visibleText(answerBlocks(guidance, { why: true })),
      visibleText(answerBlocks(escalation)),
      JSON.stringify(answerModal(guidance)),
      visibleText(clarifyBlocks(clarify)),
      visibleText(topicCardBlocks({ ...card, ui, contacts: contactsFor(marked, false) })),
      visibleText(helpBlocks(marked)),
      visibleText(privacyBlocks(marked)),
      JSON.stringify(topicsModal(marked)),
      JSON.stringify(homeView(marked, 'https://example.com/privacy')),
      visibleText(pinnedCardBlocks(marked, ['boundaries'])),
      visibleText(contactsMessage(marked, false).blocks),
      JSON.stringify(questionModal(ui)),
      JSON.stringify(messageConcernModal(ui, { s: 'message' })),
      reminder ? JSON.stringify(reminderModal(ui, reminder)) : '',
      renderText(escalation),
    ];
    for (const text of surfaces) {
      expect(shown(text)).toEqual([]);
      expect(text).toContain('⟦');
    }
    // Every button, title, label and placeholder: the pack's strings, or the pack's own content
    // (topic names, rule titles, contacts, reminders).
    const content = new Set([
      ...[...marked.rules].map((r) => r.title),
      ...Object.values(marked.meta.topics).map((t) => t?.label),
      ...[...marked.reminders.values()].map((r) => r.title),
      base.meta.name,
    ]);
    const plain: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.type === 'plain_text' && typeof o.text === 'string') plain.push(o.text);
        Object.values(o).forEach(collect);
      }
    };
    collect([
      answerBlocks(guidance, { why: true }),
      answerBlocks(escalation),
      answerModal(guidance),
      topicCardBlocks({ ...card, ui, contacts: contactsFor(marked, false) }),
      helpBlocks(marked),
      topicsModal(marked),
      homeView(marked),
      pinnedCardBlocks(marked, ['boundaries']),
      questionModal(ui),
      messageConcernModal(ui, { s: 'message' }),
    ]);
    const fromCode = plain.filter(
      (t) => !t.startsWith('⟦') && !content.has(t) && !/^(Call|Email|Open|Message) /.test(t),
    );
    expect(fromCode).toEqual([]);
  });
});
