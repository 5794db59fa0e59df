import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REQUIRED_REMINDERS, TOPICS } from '../../src/engine/index.js';
import { loadEngine } from '../../src/model-store.js';

const engine = loadEngine();
const pack = engine.pack;

describe('answer composition', () => {
  it('romance answers carry both required reminders', () => {
    const { answer } = engine.answer('I have a crush on a colleague and want to ask him out for a drink');
    expect(answer.topic).toBe('dating-coworkers');
    const ids = answer.reminders.map((r) => r.id);
    for (const id of REQUIRED_REMINDERS) expect(ids).toContain(id);
  });

  it('every romance rule in the pack carries both reminders', () => {
    for (const rule of pack.rules.filter((r) => r.romance)) {
      for (const id of REQUIRED_REMINDERS) expect(rule.reminders, rule.id).toContain(id);
    }
  });

  it('escalation answers list contacts and give no dating steps', () => {
    const { result, answer } = engine.answer(
      'I like my coworker but yesterday he grabbed my arm and would not let go after I said no',
    );
    expect(result.escalate).toBe(true);
    expect(answer.kind).toBe('escalation');
    expect(answer.contacts.length).toBeGreaterThan(0);
    expect(answer.contacts.some((c) => c.kind === 'hr' || c.kind === 'reporting')).toBe(true);
    const text = [answer.summary, ...answer.steps, answer.script ?? ''].join(' ').toLowerCase();
    expect(text).not.toMatch(/ask (them|her|him) out|grab a coffee|ask once/);
    expect(answer.reminders.map((r) => r.id)).not.toContain('boundary-respect');
  });

  it('urgent answers start with the emergency line', () => {
    const { result, answer } = engine.answer('I keep thinking about ending my life and work makes it worse');
    expect(result.urgent).toBe(true);
    expect(answer.contacts[0]?.kind).toBe('emergency');
    expect(answer.contacts[1]?.kind).toBe('eap');
    expect(answer.steps[0]?.toLowerCase()).toMatch(/emergency/);
  });

  it('every answer has both notices and the pack name and version', () => {
    const texts = [
      'my boss asked me out',
      'a client gave me a bottle of wine',
      'how many sick days do I get',
      'qwertyuiop',
      'someone followed me home from work',
    ];
    for (const text of texts) {
      const { answer } = engine.answer(text);
      expect(answer.notices.notReporting.length).toBeGreaterThan(10);
      expect(answer.notices.notLegalAdvice.length).toBeGreaterThan(10);
      expect(answer.pack).toEqual({ name: pack.meta.name, version: pack.meta.version });
    }
  });

  it('asks who it is when the relationship is unknown and matters', () => {
    const { result, answer } = engine.answer('I have feelings for someone and want to ask them out');
    expect(result.relationship).toBe('unknown');
    expect(answer.askRelationship).toBe(true);
  });

  it('does not ask who it is when the relationship is known', () => {
    const { answer } = engine.answer('I have feelings for my supervisor and want to ask him out');
    expect(answer.relationship).toBe('manager');
    expect(answer.askRelationship).toBe(false);
  });

  it('gives relationship-specific guidance when the relationship is known', () => {
    const report = engine.answer('I am attracted to someone who reports to me, can I ask her out?').answer;
    expect(report.relationship).toBe('direct-report');
    expect(`${report.summary} ${report.steps.join(' ')}`.toLowerCase()).toMatch(/reporting line/);
    const vendor = engine.answer('I want to ask out the rep from our supplier').answer;
    expect(vendor.relationship).toBe('vendor');
    expect(vendor.summary.toLowerCase()).toMatch(/conflict of interest/);
    const customer = engine.answer('I want to ask out a customer I serve every week').answer;
    expect(customer.relationship).toBe('customer');
    expect(customer.topic).toBe('dating-customers');
  });

  it('a relationship the rule sends elsewhere gets that rule: a coworker on a customer answer', () => {
    const coworker = engine.answerRule('customer-ask-once', 'coworker');
    expect(coworker?.topic).toBe('dating-coworkers');
    expect(coworker?.ruleId).toBe('coworker-ask-once');
    const boss = engine.answerRule('customer-ask-once', 'manager');
    expect(boss?.ruleId).toBe('reporting-line-romance');
    // "Who is it?" offers only the relationships whose advice differs.
    const plain = engine.answerRule('customer-ask-once');
    expect(plain?.relationships).toEqual(expect.arrayContaining(['coworker', 'vendor']));
    expect(plain?.relationships).not.toContain('customer');
  });

  it('offers "Who is it?" only where the rule has variants that differ, and every tap changes the answer', () => {
    for (const rule of pack.rules) {
      const base = engine.answerRule(rule.id);
      for (const w of base?.relationships ?? []) {
        const specific = engine.answerRule(rule.id, w);
        const text = (a: typeof base) => JSON.stringify([a?.ruleId, a?.summary, a?.steps, a?.script]);
        expect(text(specific), `${rule.id} × ${w}`).not.toBe(text(base));
      }
      if (!rule.relationshipMatters) expect(base?.askRelationship, rule.id).toBe(false);
    }
  });

  it('words the reminders for the asker’s side, and for either side when unknown', () => {
    const rule = pack.rules.find((r) => r.id === 'decline-advance');
    expect(rule).toBeDefined();
    const asked = engine.answerRef({ ruleId: 'hearing-no', asker: 'pursuer' });
    const declining = engine.answerRef({ ruleId: 'decline-advance', asker: 'pursued' });
    const either = engine.answerRef({ ruleId: 'decline-advance' });
    const respect = (a: typeof asked) => a?.reminders.find((r) => r.id === 'boundary-respect');
    expect(respect(asked)?.text).toMatch(/don't ask again/i);
    expect(respect(declining)?.title).toMatch(/owe no explanation/i);
    expect(respect(declining)?.text).not.toMatch(/don't ask again/i);
    expect(respect(either)?.text).toMatch(/nobody owes a reason/i);
  });

  it('an answer with many reasons still fits a button: at most six, the relationship kept', async () => {
    const { encodeValue, decodeValue } = await import('../../src/render/values.js');
    const { refOf } = await import('../../src/render/blocks/index.js');
    const { answer } = engine.answer(
      'My coworker keeps touching me, comments on my looks, won’t take no, threatens me, follows me home, sends late-night messages, and says I’ll lose my job if I don’t date him',
    );
    expect(answer.kind).toBe('escalation');
    expect(answer.reasons.length).toBeLessThanOrEqual(6);
    expect(answer.reasons).toContain('r:coworker');
    expect(decodeValue(encodeValue(refOf(answer)))).toBeDefined();
  });

  it('after a relationship sends to another rule, the reasons name that rule’s topic', () => {
    const routed = engine.answerRef({
      ruleId: 'customer-ask-once',
      relationship: 'coworker',
      reasons: ['t:dating-customers'],
    });
    expect(routed?.topic).toBe('dating-coworkers');
    expect(routed?.why).toMatch(/someone you work with/);
    expect(routed?.why).not.toMatch(/someone you serve/);
  });

  it('rebuilds an answer from the ids a button carries, with the same reasons', () => {
    const { answer } = engine.answer('my boss keeps asking me out after I said no');
    const again = engine.answerRef({
      ruleId: answer.ruleId,
      relationship: answer.relationship,
      asker: answer.asker,
      reasons: answer.reasons,
      urgent: answer.urgent,
    });
    expect(again?.why).toBe(answer.why);
    expect(again?.summary).toBe(answer.summary);
    expect(engine.answerRef({ ruleId: 'no-such-rule' })).toBeUndefined();
    // Reasons that are not pack ids are dropped, never shown.
    expect(engine.answerRef({ ruleId: answer.ruleId, reasons: ['t:<script>', 'zz'] })?.why).not.toMatch(
      /script|zz/,
    );
    // Well-formed ids the pack does not know are dropped too, never carried on.
    expect(
      engine.answerRef({ ruleId: answer.ruleId, reasons: ['t:made-up', 'f:nope'] })?.reasons,
    ).not.toContain('t:made-up');
  });

  it('an explicit relationship overrides detection', () => {
    const { answer } = engine.answer('I want to ask someone out', 'manager');
    expect(answer.relationship).toBe('manager');
  });

  it('out-of-scope answers are kind and point to HR', () => {
    const { answer } = engine.answer('How do I negotiate a higher salary?');
    expect(answer.kind).toBe('out-of-scope');
    expect(answer.contacts.some((c) => c.kind === 'hr')).toBe(true);
  });

  it('a topic button opens the topic: an overview and its common questions, contacts first for harm', () => {
    for (const topic of TOPICS) {
      const card = engine.topicCard(topic);
      expect(card.topic).toBe(topic);
      expect(card.overview.length, topic).toBeGreaterThan(20);
      expect(card.questions.length, topic).toBeGreaterThanOrEqual(3);
      expect(card.questions.length, topic).toBeLessThanOrEqual(5);
      for (const q of card.questions)
        expect(pack.rules.find((r) => r.id === q.ruleId)?.topic, `${topic}: ${q.ruleId}`).toBe(topic);
    }
    const harm = engine.topicCard('harassment-and-safety');
    expect(harm.contacts.length).toBeGreaterThan(0);
    expect(harm.questions[0]?.ruleId).not.toBe('crisis-self-harm');
    expect(engine.topicCard('discretion').questions[0]?.ruleId).not.toBe('pda-at-work');
  });

  it('answers a rule button', () => {
    const rule = pack.rules[0];
    expect(rule).toBeDefined();
    expect(engine.answerRule(rule?.id ?? '')?.ruleId).toBe(rule?.id);
    expect(engine.answerRule('no-such-rule')).toBeUndefined();
  });
});

describe('default pack shape', () => {
  it('has at least four rules for every topic', () => {
    for (const topic of TOPICS) {
      expect(pack.rules.filter((r) => r.topic === topic).length, topic).toBeGreaterThanOrEqual(4);
    }
  });

  it('every rule cites a policy section and stays within the reading limits', () => {
    for (const rule of pack.rules) {
      expect(rule.guidance.policy[0]?.section, rule.id).toBeTruthy();
      expect(rule.guidance.summary.length, rule.id).toBeLessThanOrEqual(280);
      expect(rule.guidance.steps.length, rule.id).toBeLessThanOrEqual(3);
    }
  });

  it('harassment rules escalate, and crisis rules are urgent with the emergency step first', () => {
    const harassment = pack.rules.filter((r) => r.topic === 'harassment-and-safety');
    expect(harassment.every((r) => r.escalate)).toBe(true);
    const urgent = harassment.filter((r) => r.urgent);
    expect(urgent.length).toBeGreaterThanOrEqual(5);
    for (const rule of urgent) expect(rule.guidance.steps[0]?.toLowerCase(), rule.id).toMatch(/emergency/);
  });

  it('rules whose advice depends on the person give per-relationship guidance', () => {
    const matters = pack.rules.filter((r) => r.relationshipMatters && r.topic.startsWith('dating'));
    expect(matters.length).toBeGreaterThan(0);
    for (const rule of matters)
      expect(Object.keys(rule.guidance.byRelationship).length, rule.id).toBeGreaterThan(0);
  });

  it('restores the default menu', () => {
    expect(pack.meta.defaultMenu?.length).toBeGreaterThanOrEqual(6);
  });
});

describe('answers and privacy', () => {
  it('never carries words from the question, so no answer can show one person’s words to another', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'my coworker asked me out, QQ, what do I say',
          'a customer gave me a gift QQ',
          'my boss touches my shoulder QQ',
          'QQ what is the wifi password',
          'should I add QQ on instagram, she is a client',
        ),
        fc.stringMatching(/^[a-z]{6,12}$/),
        (template, canary) => {
          const word = `zq${canary}`;
          const { answer } = engine.answer(template.replace('QQ', word));
          expect(JSON.stringify(answer)).not.toContain(word);
        },
      ),
      { numRuns: 300 },
    );
  });
});
