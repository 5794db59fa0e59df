import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/index.js';
import { loadEngine } from '../../src/model-store.js';

let engine: Engine;
beforeAll(() => {
  engine = loadEngine();
});

describe('questions the engine does not answer with a topic', () => {
  it('sends emoji-only text to help, never to out of scope', () => {
    expect(engine.classify('😬😬😬').special).toBe('emoji-only');
  });

  it('notices another language instead of guessing', () => {
    expect(
      engine.classify('Mi jefe me toca y hace comentarios sobre mi cuerpo, no sé qué hacer').special,
    ).toBe('other-language');
    expect(engine.classify('Mon collègue prend toujours mes affaires sans demander, que faire').special).toBe(
      'other-language',
    );
  });

  it("answers questions about the app from the pack's intents", () => {
    expect(engine.classify('does HR find out if I ask you this?').special).toBe('app-privacy');
  });
});

describe('a classification', () => {
  it("says who the other person is and who the asker is, and explains in the pack's words only", () => {
    const text = 'My boss keeps touching my waist when we are alone in the office';
    const result = engine.classify(text);
    expect(result.escalate).toBe(true);
    expect(result.relationship).toBe('manager');
    expect(result.why).toMatch(/touched without agreeing|power over your job/);
    for (const word of ['waist', 'alone', 'office']) expect(result.why).not.toContain(word);
  });

  it('reads romance with someone the asker serves as dating a customer, one tap away at most', () => {
    for (const q of [
      'Can I ask a regular customer out for a drink after my shift?',
      'I have a crush on a regular at the cafe where I work',
    ]) {
      const result = engine.classify(q);
      expect({ q, topic: result.topic }).toEqual({ q, topic: 'dating-customers' });
      // Where the ranker itself already reads it so but not by much, "Is this about…?" may
      // ask; dating a customer is then one of the choices. Where the romance signal decided,
      // it never asks.
      if (result.clarify) expect(result.choices.map((c) => c.topic)).toContain('dating-customers');
      expect(result.relationship).toBe('customer');
    }
    // Never over what must escalate, and never without someone the asker serves.
    const pursued = engine.classify('A customer keeps asking me out even after I said no');
    expect(pursued.escalate).toBe(true);
    expect(pursued.topic).toBe('harassment-and-safety');
    expect(engine.classify('Can I ask my coworker out for coffee?').topic).toBe('dating-coworkers');
    // Everyday words that only look like romance, or romance with a coworker: never turned.
    for (const q of [
      'How do I build a good relationship with my customers?',
      'I really fancy working with this client, how do I build rapport?',
      'How do I stay up to date with what my regular customers like?',
      'A customer is being rude, can I ask them to get out of the shop?',
      'I have a crush on my coworker who serves the same customers as me',
      'My coworker and I started dating, is it ok if a customer finds out?',
    ])
      expect({ q, topic: engine.classify(q).topic }).not.toEqual({ q, topic: 'dating-customers' });
  });

  it('reports escalate exactly when the answer it leads to puts the contacts first', () => {
    const texts = readFileSync(new URL('../../packs/default/examples/dev.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { text: string }).text);
    texts.push(
      'my boss commented that we need to trim the fat from the budget',
      'My boss told me I am not good looking',
    );
    for (const text of texts) {
      const { result, answer } = engine.answer(text);
      if (result.special) continue;
      expect({ text, escalate: result.escalate }).toEqual({ text, escalate: answer.kind === 'escalation' });
    }
  });

  it('never clarifies an escalating question, and clarify choices carry a topic and a rule', () => {
    const result = engine.classify('he grabbed my bum in the stockroom');
    expect(result.clarify).toBe(false);
    for (const q of [
      'can i give my client a gift card and ask her out',
      'is it ok to add a coworker on instagram and ask her out',
    ]) {
      const r = engine.classify(q);
      if (r.clarify)
        for (const c of r.choices)
          expect(engine.pack.rules.some((rule) => rule.id === c.rule && rule.topic === c.topic)).toBe(true);
    }
  });

  // One clear question per topic, written for this test (invented).
  const CLEAR = [
    'Can I ask a regular customer out for a drink after my shift?',
    'Can I ask my coworker out for coffee?',
    'How do I tell a colleague I am not interested without making things awkward?',
    'My supervisor keeps touching my lower back and I have told him to stop.',
    'Two people on my team are dating and everyone is gossiping about it, what should I do?',
    'A customer asked for my personal phone number, should I give it to him?',
    'A client gave me a gift card. Can I keep it?',
    'How do I make small talk with patients without being too personal?',
    'How many sick days do I get?',
  ];
  /** A deterministic typo, as thumbs make them: the last two letters of the longest word swapped. */
  const typo = (q: string) => {
    const word =
      [...q.matchAll(/[A-Za-z]{6,}/g)].map((m) => m[0]).sort((a, b) => b.length - a.length)[0] ?? '';
    return q.replace(word, word.slice(0, -2) + word.slice(-1) + word.slice(-2, -1));
  };
  const filler =
    'We moved offices last spring and the new kitchen has a better coffee machine than the old one. ' +
    'The car park is being resurfaced so most of us take the bus, which is fine in summer. ';

  it.each(CLEAR)(
    'gives the same answer to "%s" under typos, lower case, no punctuation, and buried in 4,000 characters',
    (q) => {
      const base = engine.answer(q).answer;
      const buried = `${filler.repeat(11)}${q} ${filler.repeat(11)}`;
      expect(buried.length).toBeGreaterThan(4_000);
      for (const variant of [q.toLowerCase(), q.replace(/[.?,!']/g, ''), typo(q), buried]) {
        const answer = engine.answer(variant).answer;
        expect({ variant: variant.slice(0, 60), topic: answer.topic, kind: answer.kind }).toEqual({
          variant: variant.slice(0, 60),
          topic: base.topic,
          kind: base.kind,
        });
      }
    },
  );
});
