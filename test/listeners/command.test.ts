import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { buttons, limitProblems, useTestApp, visibleText } from '../helpers/harness.js';

const t = useTestApp();

async function ask(text: string) {
  const res = await t.command(text);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
  expect(limitProblems(body)).toEqual([]);
  return body;
}

describe('/conduct', () => {
  it('answers a question ephemerally in the ack itself, with both romance reminders', async () => {
    const body = await ask('Can I ask a customer out for coffee?');
    expect(body.response_type).toBe('ephemeral');
    const text = visibleText(body.blocks);
    expect(text).toMatch(/A no ends it/);
    expect(text).toMatch(/discreet/i);
    expect(text).toMatch(/Why this answer/);
    expect(text).toMatch(/not legal advice/);
    expect(text).toMatch(/v\d+\.\d+\.\d+/);
    expect(nock.pendingMocks().filter((m) => !m.includes('auth.test'))).toEqual([]);
  });

  it.each(['', 'help', 'HELP'])('explains how to ask for %j', async (text) => {
    const body = await ask(text);
    expect(visibleText(body.blocks)).toMatch(/How to ask/);
    expect(visibleText(body.blocks)).toMatch(/\/conduct topics/);
    expect(buttons(body.blocks).map((b) => b.text)).toEqual(['Ask privately', 'Browse topics']);
  });

  it('lists the topics for "topics", each one tap from its overview', async () => {
    const body = await ask('topics');
    expect(visibleText(body.blocks)).toMatch(/Topics/);
    expect(buttons(body.blocks).filter((b) => b.action_id.startsWith('topic:')).length).toBe(8);
    expect(body.text).toBe('Conduct Nudge replied privately');
  });

  it('explains privacy honestly, including that Slack keeps DMs', async () => {
    const text = visibleText((await ask('privacy')).blocks);
    expect(text).toMatch(/keep.*nothing/is);
    expect(text).toMatch(/retention/);
    expect(text).toMatch(/\/conduct/);
  });

  it('asks "Is this about…?" when two topics are too close, each choice one tap from its rule', async () => {
    // Invented: two topics' words in one question. Some of them sit between two topics with any
    // model trained on the pack; the first that does is asked.
    const words = [
      'gift',
      'number',
      'gossip',
      'date',
      'ask out',
      'hug',
      'rumour',
      'tip',
      'friend request',
      'flirt',
    ];
    const people = ['patient', 'manager', 'colleague', 'customer', 'boss', 'coworker', 'client'];
    const candidates = words.flatMap((a) =>
      people.flatMap((p) => words.filter((b) => b !== a).map((b) => `is it ok to ${a} a ${p} and ${b}`)),
    );
    const close = candidates.find((q) => t.conduct.deps.engine.answer(q).clarify);
    expect(close).toBeDefined();
    const body = await ask(close ?? '');
    const choices = buttons(body.blocks).filter((b) => b.action_id.startsWith('rule:'));
    expect(visibleText(body.blocks)).toMatch(/Is this about…\?/);
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(choices.length).toBeLessThanOrEqual(3);
    for (const c of choices) expect(JSON.parse(c.value ?? '{}').r).toBe(c.action_id.slice('rule:'.length));
    expect(body.text).toBe('Conduct Nudge replied privately');
  });

  it('never echoes the question back', async () => {
    const question = 'My coworker zyxwvu keeps flirting with me and I like it, can I ask her out';
    const body = await ask(question);
    expect(JSON.stringify(body)).not.toContain('zyxwvu');
  });

  it('answers 4,000 characters, emoji and right-to-left text without failing', async () => {
    for (const text of [
      `${'I have a crush on a colleague. '.repeat(130)}`.slice(0, 4000),
      '😍😍 can I date my coworker? 💕',
      'هل يمكنني أن أطلب من زميلتي الخروج؟ שלום',
      '\u202e\u0000 weird control chars',
    ]) {
      const body = await ask(text);
      expect(body.response_type).toBe('ephemeral');
      expect(body.blocks.length).toBeGreaterThan(0);
    }
  });

  it('gives harassment questions, in order: a line that believes them, the contacts as buttons, at most three steps', async () => {
    const body = await ask('My manager keeps touching me and said my job depends on going out with him');
    const blocks = body.blocks as Array<{
      type: string;
      block_id?: string;
      elements?: Array<Record<string, unknown>>;
    }>;
    const text = visibleText(blocks);
    expect(visibleText(blocks[0])).toBe('Conduct Nudge replied privately');
    expect(visibleText(blocks[1])).toMatch(/^Thank you for telling me\..*Nobody has been told/);
    expect(visibleText(blocks[2])).toMatch(/^\*Who can help\*/);
    const contactButtons = blocks[3]?.elements ?? [];
    expect(contactButtons.length).toBeGreaterThanOrEqual(2);
    for (const b of contactButtons) expect(String(b.action_id)).toMatch(/^(link|contact):/);
    expect(text).not.toMatch(/Escalat/);
    expect(text).not.toMatch(/You could say:.*coffee/s);
    expect((text.match(/^\d\. /gm) ?? []).length).toBeLessThanOrEqual(3);
    // No romance or saying-no topics beside harm; a way to hide the answer at once.
    expect(text).not.toMatch(/Saying or hearing no|Dating a coworker|Discretion and gossip/);
    expect(blocks.some((b) => b.elements?.some((e) => String(e.action_id).startsWith('hide:')))).toBe(true);
  });

  it('asks for no rating on an urgent answer', async () => {
    const body = await ask('honestly i want to die, i cant do this job anymore');
    const ids = (body.blocks as Array<{ elements?: Array<{ action_id?: string }> }>).flatMap((b) =>
      (b.elements ?? []).map((e) => String(e.action_id)),
    );
    expect(ids.some((id) => id.startsWith('feedback:'))).toBe(false);
    expect(visibleText(body.blocks)).toMatch(/emergency/i);
  });
});
