import { describe, expect, it } from 'vitest';
import { expectApiCall, expectResponseUrl, HOOKS, settle, useTestApp, visibleText } from './harness.js';

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

  it('feedback counts anonymously and thanks the clicker', async () => {
    const rule = t.conduct.deps.engine.pack.rules[0];
    const reply = expectResponseUrl(RESPONSE_PATH);
    await t.interact(click('feedback:yes', JSON.stringify({ r: rule?.id, f: 1 }), ephemeralAnswer, channel));
    expect(visibleText(await reply.body)).toMatch(/Thanks/);
    const counter = t.conduct.deps.metrics.snapshot().find((c) => c.name === 'conduct_feedback_total');
    expect(counter?.labels).toEqual({ rule: rule?.id, verdict: 'helpful' });
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
