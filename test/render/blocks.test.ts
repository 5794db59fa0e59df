import { describe, expect, it } from 'vitest';
import { KNOWN_RELATIONSHIPS, TOPICS } from '../../src/engine/index.js';
import { loadEngine } from '../../src/model-store.js';
import {
  answerBlocks,
  answerFallback,
  answerMessage,
  answerModal,
  helpBlocks,
  homeView,
  messageModal,
  pinnedCardBlocks,
  privacyBlocks,
  questionModal,
  reminderModal,
} from '../../src/render/blocks/index.js';
import { assertSlackLimits } from '../helpers/slack-limits.js';
import { visibleText } from '../slack/harness.js';

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

  it('topic answers, the out-of-scope answer and classified answers', () => {
    for (const topic of TOPICS) {
      const answer = engine.answerTopic(topic);
      assertSlackLimits({ text: answerFallback(answer), blocks: answerBlocks(answer) }, 'message');
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
    assertSlackLimits({ text: 'privacy', blocks: privacyBlocks() }, 'message');
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
    assertSlackLimits(questionModal({ s: 'shortcut' }), 'modal');
    assertSlackLimits(messageModal('Sorry', 'Something went wrong'), 'modal');
    for (const reminder of pack.reminders.values()) assertSlackLimits(reminderModal(reminder), 'modal');
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
      expect(text).toMatch(/Why this answer/);
    }
  });

  it('escapes mrkdwn control characters from pack text', () => {
    const answer = engine.answerTopic('boundaries');
    const blocks = answerBlocks({ ...answer, summary: '<!channel> & <https://evil.example|click>' });
    const text = visibleText(blocks);
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
  });
});

describe('answerMessage', () => {
  const engine = loadEngine();

  it('renders a shared answer once and hands out the same frozen message', () => {
    const { answer } = engine.answer('Can I ask my coworker out for a coffee?');
    const message = answerMessage(answer);
    expect(answerMessage(answer)).toBe(message);
    expect(Object.isFrozen(message.blocks[0])).toBe(true);
    expect(message).toMatchObject({ response_type: 'ephemeral', text: answerFallback(answer) });
    expect(message.blocks).toEqual(answerBlocks(answer));
  });

  it('renders an answer someone may still change afresh each time', () => {
    const answer = engine.answerRule('coworker-ask-once', 'coworker');
    expect(answer).toBeDefined();
    if (!answer) return;
    expect(answerMessage(answer)).not.toBe(answerMessage(answer));
    expect(Object.isFrozen(answerMessage(answer))).toBe(false);
  });
});
