import { describe, expect, it } from 'vitest';
import {
  buttons,
  expectApiCall,
  expectResponseUrl,
  HOOKS,
  settle,
  useTestApp,
  visibleText,
} from '../helpers/harness.js';

const t = useTestApp({}, { strict: true });

const RESPONSE_PATH = '/actions/T0TEAM/3/card';

function click(
  action_id: string,
  value: string | undefined,
  container: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'block_actions',
    user: { id: 'U0CLICKER', username: 'clicker', team_id: 'T0TEAM' },
    team: { id: 'T0TEAM', domain: 'example' },
    api_app_id: 'A0APP',
    token: 'legacy',
    trigger_id: '1.2.trigger',
    container,
    response_url: `${HOOKS}${RESPONSE_PATH}`,
    actions: [
      {
        type: 'button',
        action_id,
        block_id: 'b',
        action_ts: '1.2',
        ...(value === undefined ? {} : { value }),
        text: { type: 'plain_text', text: 'x' },
      },
    ],
    ...extra,
  };
}

/** A pick in a static menu, as Slack sends it: the chosen option's value, no button value. */
function pick(
  action_id: string,
  block_id: string,
  value: string,
  container: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const payload = click(action_id, undefined, container, extra);
  (payload.actions as unknown[])[0] = {
    type: 'static_select',
    action_id,
    block_id,
    action_ts: '1.2',
    selected_option: { value, text: { type: 'plain_text', text: 'x' } },
  };
  return payload;
}

/** The pinned card itself, as the message a tap on it came from. */
const pinnedMessage = {
  message: { ts: '1700000000.000500', text: 'card', blocks: [{ type: 'actions', block_id: 'card_ask' }] },
};

const pinnedCard = {
  type: 'message',
  message_ts: '1700000000.000500',
  channel_id: 'C0CHANNEL',
  is_ephemeral: false,
};
const ephemeralAnswer = {
  type: 'message',
  message_ts: '1700000000.000600',
  channel_id: 'C0CHANNEL',
  is_ephemeral: true,
};
const channel = { channel: { id: 'C0CHANNEL', name: 'general' } };

describe('topic buttons', () => {
  it('on a pinned card answer only the clicker and never change the card', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      click('topic:boundaries', '{"t":"boundaries"}', pinnedCard, {
        ...channel,
        message: { ts: '1700000000.000500', text: 'card' },
      }),
    );
    const body = await reply.body;
    expect(body.response_type).toBe('ephemeral');
    expect(body.replace_original).toBe(false);
    expect(body.delete_original).toBeUndefined();
  });

  it('open the topic itself: an overview and its common questions, never the topic file’s first rule', async () => {
    for (const [topic, first] of [
      ['harassment-and-safety', 'crisis-self-harm'],
      ['discretion', 'pda-at-work'],
    ] as const) {
      const notFirst = t.conduct.deps.engine.answerRule(first)?.summary.slice(0, 30) ?? '?';
      const reply = expectResponseUrl(RESPONSE_PATH);
      await t.interact(click(`topic:${topic}`, JSON.stringify({ t: topic }), ephemeralAnswer, channel));
      const body = await reply.body;
      const text = visibleText(body.blocks);
      expect(text).toContain(t.conduct.deps.engine.topicCard(topic).overview);
      expect(text).not.toContain(notFirst);
      const questions = buttons(body.blocks).filter((b) => b.action_id.startsWith('rule:'));
      expect(questions.length).toBeGreaterThanOrEqual(3);
      expect(questions.length).toBeLessThanOrEqual(5);
      expect(body.text).toBe('Conduct Nudge replied privately');
    }
  });

  it('harassment and safety shows the contacts first, as buttons', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      click('topic:harassment-and-safety', '{"t":"harassment-and-safety"}', ephemeralAnswer, channel),
    );
    const blocks = (await reply.body).blocks as Array<{
      type: string;
      elements?: Array<{ action_id?: string }>;
    }>;
    const firstContact = blocks.findIndex((b) =>
      b.elements?.some((e) => /^(contact|link):/.test(e.action_id ?? '')),
    );
    expect(firstContact).toBeGreaterThan(-1);
    expect(firstContact).toBeLessThan(4);
  });

  it('the pinned card’s topic menu opens the picked topic, privately', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      pick('topic:menu', 'card_topics', '{"t":"gifts-and-favors"}', pinnedCard, {
        ...channel,
        ...pinnedMessage,
      }),
    );
    const body = await reply.body;
    expect(body.replace_original).toBe(false);
    expect(visibleText(body.blocks)).toContain(t.conduct.deps.engine.topicCard('gifts-and-favors').label);
  });

  it('a common question opens its rule’s answer in one tap, in place of the card', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(click('rule:gift-for-boss', '{"r":"gift-for-boss"}', ephemeralAnswer, channel));
    const body = await reply.body;
    expect(body.replace_original).toBe(true);
    expect(visibleText(body.blocks)).toContain('Gifts for the boss');
  });

  it('in App Home open a modal with the answer', async () => {
    const call = expectApiCall('views.open');
    await t.interact(
      click(
        'topic:gifts-and-favors',
        '{"t":"gifts-and-favors"}',
        { type: 'view', view_id: 'V0HOME' },
        { view: { id: 'V0HOME', type: 'home', hash: 'h' } },
      ),
    );
    const body = await call.body;
    expect((body.view as { type: string }).type).toBe('modal');
  });

  it('in a modal update that modal', async () => {
    const call = expectApiCall('views.update');
    await t.interact(
      click(
        'topic:discretion',
        '{"t":"discretion"}',
        { type: 'view', view_id: 'V0MODAL' },
        { view: { id: 'V0MODAL', type: 'modal', hash: 'h2' } },
      ),
    );
    const body = await call.body;
    expect(body.view_id).toBe('V0MODAL');
    expect(body.hash).toBe('h2');
  });

  it('with a tampered value get a polite message', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(click('topic:nope', '{"t":"not-a-topic","x":"<script>"}', pinnedCard, channel));
    expect(visibleText(await reply.body)).toMatch(/could not show that/);
  });
});

describe('"Who is it?" buttons', () => {
  it('replace the ephemeral answer in place with the specific one', async () => {
    const engine = t.conduct.deps.engine;
    const rule = engine.pack.rules.find((r) => Object.keys(r.guidance.byRelationship).length > 0);
    expect(rule).toBeDefined();
    const relationship = Object.keys(rule?.guidance.byRelationship ?? {})[0] as string;
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      click(
        `who_is_it:${relationship}`,
        JSON.stringify({ r: rule?.id, w: relationship }),
        ephemeralAnswer,
        channel,
      ),
    );
    const body = await reply.body;
    expect(body.replace_original).toBe(true);
    expect(visibleText(body.blocks)).toContain((rule?.title ?? '').slice(0, 20));
  });

  it('"A coworker" on a customer answer gives the coworker guidance', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      pick(
        'who_is_it:menu',
        'who_is_it',
        '{"r":"customer-ask-once","w":"coworker"}',
        ephemeralAnswer,
        channel,
      ),
    );
    const text = visibleText((await reply.body).blocks);
    expect(text).toContain('Asking a coworker out');
    expect(text).not.toContain('Asking a customer out');
  });

  it('with an unknown rule id get a polite message', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      click('who_is_it:customer', '{"r":"no-such-rule","w":"customer"}', ephemeralAnswer, channel),
    );
    expect(visibleText(await reply.body)).toMatch(/could not show that/);
  });
});

describe('other buttons', () => {
  it('"Ask privately" opens the question modal', async () => {
    const call = expectApiCall('views.open');
    await t.interact(click('ask_privately', '{}', pinnedCard, channel));
    expect((await call.body).view).toMatchObject({ callback_id: 'question_modal' });
  });

  it('"Ask privately" with an expired trigger tells the clicker to tap again', async () => {
    const call = expectApiCall('views.open', { ok: false, error: 'expired_trigger_id' });
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(click('ask_privately', '{}', pinnedCard, channel));
    await call.body;
    expect(visibleText(await reply.body)).toMatch(/tap \*Ask privately\* again/);
  });

  it('feedback counts anonymously and replaces its buttons in place with thanks, posting nothing new', async () => {
    const rule = t.conduct.deps.engine.pack.rules[0];
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(click('feedback:yes', JSON.stringify({ r: rule?.id, f: 1 }), ephemeralAnswer, channel));
    const body = await reply.body;
    expect(body.replace_original).toBe(true);
    expect(visibleText(body.blocks)).toContain('Thanks, noted.');
    expect(visibleText(body.blocks)).toContain(rule?.title);
    // Once given, the answer offers no second verdict.
    expect(buttons(body.blocks).some((b) => b.action_id.startsWith('feedback:'))).toBe(false);
    const counter = t.conduct.deps.metrics.snapshot().find((c) => c.name === 'conduct_feedback_total');
    expect(counter?.labels).toEqual({ rule: rule?.id, verdict: 'helpful' });
  });

  it('feedback in a modal updates that modal; on a DM answer it replaces that message', async () => {
    const update = expectApiCall('views.update');
    await t.interact(
      click(
        'feedback:no',
        '{"r":"gift-for-boss","f":0}',
        { type: 'view', view_id: 'V0MODAL' },
        { view: { id: 'V0MODAL', type: 'modal', hash: 'h3' } },
      ),
    );
    const view = (await update.body).view;
    expect(visibleText(typeof view === 'string' ? JSON.parse(view) : view)).toContain('Thanks, noted.');
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      click('feedback:yes', '{"r":"gift-for-boss","f":1}', {
        type: 'message',
        message_ts: '1.3',
        channel_id: 'D0DM',
        is_ephemeral: false,
      }),
    );
    expect((await reply.body).replace_original).toBe(true);
  });

  it('a pinned card is never changed, even in a DM-like channel id', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      click(
        'feedback:yes',
        '{"r":"gift-for-boss","f":1}',
        { ...pinnedCard, channel_id: 'D0SOMEWHERE' },
        pinnedMessage,
      ),
    );
    expect((await reply.body).replace_original).toBe(false);
  });

  it('a stale button in a modal updates the modal with a short note', async () => {
    const update = expectApiCall('views.update');
    await t.interact(
      click(
        'why:answer',
        '{"r":"no-such-rule"}',
        { type: 'view', view_id: 'V0MODAL' },
        { view: { id: 'V0MODAL', type: 'modal', hash: 'h4' } },
      ),
    );
    const view = (await update.body).view;
    expect(visibleText(typeof view === 'string' ? JSON.parse(view) : view)).toMatch(/could not show that/);
  });

  it('feedback on an answer opened from a pinned card replaces that answer, never the card', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      click('feedback:yes', '{"r":"gift-for-boss","f":1}', pinnedCard, {
        ...channel,
        ...pinnedMessage,
      }),
    );
    expect((await reply.body).replace_original).toBe(false);
  });

  it('"Why this answer?" expands the pack’s reasons in place, never the question', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(
      click(
        'why:answer',
        '{"r":"decline-advance","w":"manager","y":["t:boundaries","r:manager"]}',
        ephemeralAnswer,
        channel,
      ),
    );
    const body = await reply.body;
    expect(body.replace_original).toBe(true);
    const text = visibleText(body.blocks);
    expect(text).toMatch(
      /\*Why this answer:\* It reads as a question about saying or hearing no; the other person seems to have power over your job\./,
    );
    expect(text).toMatch(/\*Policy:\*/);
    expect(buttons(body.blocks).some((b) => b.action_id.startsWith('why:'))).toBe(false);
  });

  it('"Send contacts to my DM" sends only the contacts, on request', async () => {
    const post = expectApiCall('chat.postMessage', { ok: true, ts: '1.9', channel: 'D0DM' });
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(click('contacts_to_dm:answer', '{}', ephemeralAnswer, channel));
    const message = await post.body;
    expect(message.channel).toBe('U0CLICKER');
    expect(message.text).toBe('Conduct Nudge replied privately');
    expect(visibleText(message.blocks)).toMatch(/Who can help/);
    expect(visibleText(await reply.body)).toMatch(/Sent/);
  });

  it('unknown action ids get a polite message, not a crash', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    const res = await t.interact(click('something_else', 'x', pinnedCard, channel));
    expect(res.status).toBe(200);
    expect(visibleText(await reply.body)).toMatch(/could not show that/);
  });

  it('a contact without a link shows its details to the clicker only', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(click('contact:0', JSON.stringify({ k: 'hr' }), ephemeralAnswer, channel));
    const body = await reply.body;
    expect(body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Conduct Nudge replied privately',
    });
    expect(visibleText(body.blocks)).toMatch(/HR/);
  });

  it('"Hide this" deletes the answer at once', async () => {
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(click('hide:answer', '{}', ephemeralAnswer, channel));
    expect(await reply.body).toEqual({ delete_original: true });
  });

  it('link buttons are only acknowledged', async () => {
    const res = await t.interact(click('link:contact-0', undefined, ephemeralAnswer, channel));
    expect(res.status).toBe(200);
    await settle(50);
  });
});
