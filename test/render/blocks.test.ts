import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { ASKERS, KNOWN_RELATIONSHIPS, TOPICS } from '../../src/engine/index.js';
import { countWords } from '../../src/pack/schema.js';
import { loadEngine } from '../../src/model-store.js';
import {
  answerBlocks,
  answerFallback,
  answerMessage,
  answerModal,
  helpBlocks,
  homeView,
  messageModal,
  messageConcernModal,
  pinnedCardBlocks,
  privacyBlocks,
  questionModal,
  reminderModal,
  topicCardBlocks,
  topicModal,
  topicsBlocks,
} from '../../src/render/blocks/index.js';
import { assertSlackLimits } from '../helpers/slack-limits.js';
import { visibleText } from '../helpers/harness.js';

const engine = loadEngine();
const pack = engine.pack;

describe('every Block Kit payload the app can produce fits Slack’s limits', () => {
  it('answers for every rule and every relationship, as messages and as modals', () => {
    let checked = 0;
    for (const rule of pack.rules) {
      for (const relationship of ['unknown', ...KNOWN_RELATIONSHIPS] as const) {
        const answer = engine.answerRule(rule.id, relationship);
        expect(answer).toBeDefined();
        if (!answer) continue;
        assertSlackLimits({ text: answerFallback(answer), blocks: answerBlocks(answer) }, 'message');
        assertSlackLimits(answerModal(answer), 'modal');
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(pack.rules.length * 6);
  });

  it('topic cards, the out-of-scope answer and classified answers', () => {
    for (const topic of TOPICS) {
      const card = engine.topicCard(topic);
      assertSlackLimits({ text: 'topic', blocks: topicCardBlocks(card) }, 'message');
      assertSlackLimits(topicModal(card), 'modal');
    }
    for (const question of [
      '',
      'asdf',
      'x'.repeat(40_000),
      'Can I ask my patient out?',
      'He touched me and threatened me',
    ]) {
      const { answer } = engine.answer(question);
      assertSlackLimits({ text: answerFallback(answer), blocks: answerBlocks(answer) }, 'message');
    }
  });

  it('cards, help, privacy, App Home and modals', () => {
    assertSlackLimits({ text: 'help', blocks: helpBlocks(pack) }, 'message');
    assertSlackLimits({ text: 'privacy', blocks: privacyBlocks(pack) }, 'message');
    assertSlackLimits({ text: 'topics', blocks: topicsBlocks(pack) }, 'message');
    assertSlackLimits(
      messageConcernModal(pack.strings, { s: 'message', r: 'decline-advance', y: ['t:boundaries'] }),
      'modal',
    );
    assertSlackLimits(
      {
        text: 'card',
        blocks: pinnedCardBlocks(
          pack,
          TOPICS.filter((t) => t !== 'out-of-scope'),
        ),
      },
      'message',
    );
    assertSlackLimits(homeView(pack), 'home');
    assertSlackLimits(homeView(pack, 'https://example.com/PRIVACY.md'), 'home');
    assertSlackLimits(questionModal(pack.strings, { s: 'shortcut' }), 'modal');
    assertSlackLimits(messageModal(pack.strings, 'Sorry', 'Something went wrong'), 'modal');
    for (const reminder of pack.reminders.values())
      assertSlackLimits(reminderModal(pack.strings, reminder), 'modal');
  });
});

describe('answers as people see them', () => {
  it('romance answers carry both reminders; escalations lead with contacts and carry no steps from other topics', () => {
    for (const rule of pack.rules) {
      const answer = engine.answerRule(rule.id);
      if (!answer) continue;
      const text = visibleText(answerBlocks(answer));
      if (rule.romance) {
        expect(text).toContain(pack.reminders.get('boundary-respect')?.title);
        expect(text).toContain(pack.reminders.get('discretion')?.title);
      }
      if (rule.escalate) {
        const contacts = text.indexOf('Who can help');
        expect(contacts).toBeGreaterThan(-1);
        expect(contacts).toBeLessThan(text.indexOf(answer.summary.slice(0, 20).replace(/&/g, '&amp;')));
        expect(text).not.toMatch(/Who is it\?/);
        // At most three steps, no romance or saying-no topics, a way to hide it.
        expect(answer.steps.length).toBeLessThanOrEqual(3);
        expect(answer.related).toEqual([]);
        expect(text).toContain('Hide this');
      }
      expect(text).toContain(`v${pack.meta.version}`);
      expect(JSON.stringify(answerBlocks(answer))).toMatch(/Why this answer\?/);
    }
  });

  it('"Why this answer?" expands the pack’s reasons in place, and feedback gives way to thanks', () => {
    const { answer } = engine.answer('my coworker keeps asking me out and I want to say no kindly');
    const closed = visibleText(answerBlocks(answer));
    expect(closed).not.toMatch(/\*Why this answer:\*/);
    const open = visibleText(answerBlocks(answer, { why: true }));
    expect(open).toContain(`*Why this answer:* ${answer.why}`);
    const thanked = answerBlocks(answer, { feedbackGiven: true });
    expect(visibleText(thanked)).toContain('Thanks, noted.');
    expect(JSON.stringify(thanked)).not.toContain('"Helpful"');
  });

  it('escapes mrkdwn control characters from pack text', () => {
    const answer = engine.answerRule('decline-advance');
    expect(answer).toBeDefined();
    if (!answer) return;
    const blocks = answerBlocks({ ...answer, summary: '<!channel> & <https://evil.example|click>' });
    const text = visibleText(blocks);
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
  });
});

/** The words a person reads: every block but buttons, and the one footer line aside. */
function readWords(blocks: readonly KnownBlock[]): number {
  const footer = blocks.at(-1);
  let words = 0;
  for (const block of blocks) {
    if (block === footer && block.type === 'context') continue;
    const texts: string[] = [];
    if (block.type === 'header') texts.push(block.text.text);
    if (block.type === 'section' && block.text) texts.push(block.text.text);
    if (block.type === 'context')
      for (const e of block.elements) if ('text' in e && typeof e.text === 'string') texts.push(e.text);
    for (const t of texts)
      words += countWords(
        t
          .replace(/<[^|>]*\|([^>]*)>/g, '$1')
          .replace(/:[a-z_]+:/g, '')
          .replace(/[*_>]/g, ' '),
      );
  }
  return words;
}

describe('phone-sized guidance', () => {
  it('every rule × relationship × asker answer: guidance at most 150 words to read, escalations at most 180, one context line of at most 25', () => {
    const counts: number[] = [];
    for (const rule of pack.rules) {
      for (const relationship of ['unknown', ...KNOWN_RELATIONSHIPS] as const) {
        for (const asker of ['unknown', ...ASKERS] as const) {
          const answer = engine.answerRef({ ruleId: rule.id, relationship, asker });
          expect(answer).toBeDefined();
          if (!answer) continue;
          const blocks = answerBlocks(answer);
          const words = readWords(blocks);
          counts.push(words);
          expect(words, `${rule.id} × ${relationship} × ${asker}`).toBeLessThanOrEqual(
            answer.kind === 'escalation' ? 180 : 150,
          );
          expect(answer.steps.length).toBeLessThanOrEqual(3);
          const footer = blocks.at(-1);
          expect(footer?.type).toBe('context');
          expect(countWords(visibleText(footer)), rule.id).toBeLessThanOrEqual(25);
          // The footer is the only context line of notices: they are not repeated above it.
          expect(visibleText(blocks.slice(0, -1))).not.toContain(answer.notices.notLegalAdvice);
        }
      }
    }
    expect(counts.length).toBeGreaterThanOrEqual(pack.rules.length * 6 * 6);
  });

  it('the pack mentions the policy at most once per answer', () => {
    for (const rule of pack.rules) {
      const answer = engine.answerRule(rule.id);
      if (!answer) continue;
      const text = visibleText(answerBlocks(answer)).toLowerCase();
      expect(
        text.match(/check (?:your|the|any)[a-z -]{0,30} polic/g)?.length ?? 0,
        rule.id,
      ).toBeLessThanOrEqual(1);
    }
  });

  it('discretion’s "no public displays" reaches romance answers only', () => {
    for (const rule of pack.rules) {
      const answer = engine.answerRule(rule.id);
      const text = visibleText(answerBlocks(answer ?? ({} as never))).toLowerCase();
      if (!rule.romance && rule.topic !== 'discretion')
        expect(text, rule.id).not.toMatch(/public displays of affection/);
    }
  });
});

describe('escalating answers', () => {
  it('have a contact button in their first four blocks and no romance or saying-no topics', () => {
    for (const rule of pack.rules.filter((r) => r.escalate)) {
      for (const urgent of [false, true]) {
        const answer = engine.answerRef({ ruleId: rule.id, urgent });
        const blocks = answerBlocks(answer ?? ({} as never));
        const early = JSON.stringify(blocks.slice(0, 4));
        expect(early, rule.id).toMatch(/"action_id":"(contact|link):/);
        // Every topic a button or menu option on it could open, decoded from its value.
        const values = [...JSON.stringify(blocks).matchAll(/"value":"((?:[^"\\]|\\.)*)"/g)].map(
          (m) => JSON.parse(JSON.parse(`"${m[1]}"`) as string) as { t?: string },
        );
        expect(values.length, rule.id).toBeGreaterThan(0);
        for (const v of values) expect(v.t ?? '', rule.id).not.toMatch(/^(dating-|boundaries|discretion)/);
        expect(visibleText(blocks), rule.id).not.toMatch(/Escalated/);
      }
    }
  });
});

describe('answerMessage', () => {
  it('is the ephemeral answer, with the neutral line as its text', () => {
    const { answer } = engine.answer('Can I ask my coworker out for a coffee?');
    const message = answerMessage(answer);
    expect(message).toMatchObject({ response_type: 'ephemeral', text: answerFallback(answer) });
    expect(message.text).toBe(pack.meta.notices.notification);
    expect(message.blocks).toEqual(answerBlocks(answer));
  });
});
