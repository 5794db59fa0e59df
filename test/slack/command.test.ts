import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { buttons, limitProblems, useTestApp, visibleText } from './harness.js';

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

  it.each(['', 'help', 'topics', 'HELP'])('shows the help card for %j', async (text) => {
    const body = await ask(text);
    expect(visibleText(body.blocks)).toMatch(/Conduct Nudge/);
    expect(
      buttons(body.blocks).filter((b) => b.action_id.startsWith('topic:')).length,
    ).toBeGreaterThanOrEqual(8);
  });

  it('explains privacy honestly, including that Slack keeps DMs', async () => {
    const text = visibleText((await ask('privacy')).blocks);
    expect(text).toMatch(/keep.*nothing/is);
    expect(text).toMatch(/retention/);
    expect(text).toMatch(/\/conduct/);
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

  it('gives harassment questions the reporting contacts first, never tips', async () => {
    const body = await ask('My manager keeps touching me and said my job depends on going out with him');
    const text = visibleText(body.blocks);
    const contactsAt = text.search(/Who to contact/);
    expect(contactsAt).toBeGreaterThan(-1);
    expect(text).not.toMatch(/You could say:.*coffee/s);
    expect(text.indexOf('Who to contact')).toBeLessThan(
      text.search(/\n1\. /) === -1 ? Number.POSITIVE_INFINITY : text.search(/\n1\. /),
    );
  });
});
