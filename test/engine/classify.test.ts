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

  it('gives the same answer in lower case and without punctuation', () => {
    for (const q of [
      'Can I ask my coworker out for coffee?',
      'A client gave me a gift card. Can I keep it?',
      'How many sick days do I get?',
    ]) {
      const base = engine.classify(q).topic;
      expect(engine.classify(q.toLowerCase()).topic).toBe(base);
      expect(engine.classify(q.replace(/[.?,]/g, '')).topic).toBe(base);
    }
  });
});
