import { describe, expect, it } from 'vitest';
import { parseApiArgs, signature } from '../../playground/server.js';
import { BOT, dmFor, GENERAL, PEOPLE, World } from '../../playground/world.js';
import { sign } from '../helpers/signing.js';

/** The playground's Slack stand-in without a browser: Web API methods and response_url hooks. */
const TOKEN = 'xoxb-playground-test';

describe('playground Web API stand-in', () => {
  it('refuses calls without the bot token it gave the app', () => {
    const world = new World(TOKEN);
    expect(world.api('auth.test', {}, undefined).body).toEqual({ ok: false, error: 'not_authed' });
    expect(world.api('auth.test', {}, 'xoxb-other').body).toEqual({ ok: false, error: 'invalid_auth' });
    expect(world.api('auth.test', {}, TOKEN).body).toMatchObject({ ok: true, user_id: BOT.userId });
  });

  it('posts, threads and pins messages; a user id means the DM with that user', () => {
    const world = new World(TOKEN);
    const posted = world.api('chat.postMessage', { channel: GENERAL.id, text: 'card', blocks: [] }, TOKEN);
    const ts = posted.body.ts as string;
    expect(world.api('pins.add', { channel: GENERAL.id, timestamp: ts }, TOKEN).body.ok).toBe(true);
    expect(world.findMessage(GENERAL.id, ts)?.pinned).toBe(true);
    const dm = world.api('chat.postMessage', { channel: PEOPLE.you.id, text: 'hi' }, TOKEN);
    expect(dm.body.channel).toBe(dmFor(PEOPLE.you.id));
    expect(world.api('chat.postMessage', { channel: 'C0NOPE', text: 'x' }, TOKEN).body.error).toBe(
      'channel_not_found',
    );
    expect(
      world.api('chat.postMessage', { channel: GENERAL.id, text: 'x', thread_ts: '1.2' }, TOKEN).body.error,
    ).toBe('thread_not_found');
    expect(world.api('no.such.method', {}, TOKEN).body.error).toBe('unknown_method');
    expect(world.calls.map((c) => c.method)).toContain('pins.add');
  });

  it('opens modals only with a trigger, and updates them by id with a matching hash', () => {
    const world = new World(TOKEN);
    const view = { type: 'modal', title: { type: 'plain_text', text: 'Ask' }, blocks: [{ type: 'divider' }] };
    expect(world.api('views.open', { trigger_id: 'made-up', view }, TOKEN).body.error).toBe(
      'invalid_trigger_id',
    );
    const trigger = world.newTrigger(PEOPLE.you.id);
    const opened = world.api('views.open', { trigger_id: trigger, view }, TOKEN).body.view as {
      id: string;
      hash: string;
      blocks: Array<{ block_id?: string }>;
    };
    expect(opened.blocks[0]?.block_id).toBeTruthy();
    expect(world.api('views.open', { trigger_id: trigger, view }, TOKEN).body.error).toBe(
      'invalid_trigger_id',
    );
    expect(world.api('views.update', { view_id: opened.id, hash: 'stale', view }, TOKEN).body.error).toBe(
      'hash_conflict',
    );
    const updated = world.api('views.update', { view_id: opened.id, hash: opened.hash, view }, TOKEN).body
      .view as { id: string };
    expect(updated.id).toBe(opened.id);
    expect(world.topModal(PEOPLE.you.id)?.view.id).toBe(opened.id);
    expect(world.api('views.publish', { user_id: PEOPLE.you.id, view }, TOKEN).body.error).toBe(
      'invalid_arguments',
    );
    expect(
      world.api('views.publish', { user_id: PEOPLE.you.id, view: { type: 'home', blocks: [] } }, TOKEN).body
        .ok,
    ).toBe(true);
  });
});

describe('playground response_url hooks', () => {
  it('answers ephemerally to the clicker and never touches the original unless asked', () => {
    const world = new World(TOKEN);
    const card = world.addMessage({ channel: GENERAL.id, user: BOT.userId, text: 'card', via: 'test' });
    const hook = world.newHook({ channel: GENERAL.id, user: PEOPLE.you.id, messageTs: card.ts });
    expect(
      world.hook(hook.id, { response_type: 'ephemeral', replace_original: false, text: 'answer' }).status,
    ).toBe(200);
    const reply = world.messages.at(-1);
    expect(reply).toMatchObject({ ephemeral: true, visibleTo: PEOPLE.you.id, text: 'answer' });
    expect(world.findMessage(GENERAL.id, card.ts)?.text).toBe('card');

    const own = world.newHook({ channel: GENERAL.id, user: PEOPLE.you.id, messageTs: reply?.ts });
    world.hook(own.id, { replace_original: true, text: 'replaced' });
    expect(world.findMessage(GENERAL.id, reply?.ts as string)).toMatchObject({
      text: 'replaced',
      ephemeral: true,
    });
    expect(world.hook('nope', { text: 'x' }).status).toBe(404);
  });

  it('allows five uses of a response_url, as Slack does', () => {
    const world = new World(TOKEN);
    const hook = world.newHook({ channel: GENERAL.id, user: PEOPLE.you.id });
    for (let i = 0; i < 5; i++) expect(world.hook(hook.id, { text: `${i}` }).status).toBe(200);
    expect(world.hook(hook.id, { text: 'sixth' }).body.error).toBe('used_url');
  });
});

describe('playground request plumbing', () => {
  it('signs requests exactly as Slack does', () => {
    const timestamp = 1_700_000_000;
    const body = 'payload=%7B%7D';
    expect(signature('test-signing-secret-0123456789', timestamp, body)).toBe(
      sign(body, timestamp)['x-slack-signature'],
    );
  });

  it('decodes the Web API client form bodies, JSON-encoded fields included', () => {
    const body = new URLSearchParams({
      channel: 'C1',
      text: '[not json]',
      blocks: JSON.stringify([{ type: 'divider' }]),
    }).toString();
    expect(parseApiArgs(body, 'application/x-www-form-urlencoded')).toEqual({
      channel: 'C1',
      text: '[not json]',
      blocks: [{ type: 'divider' }],
    });
    expect(parseApiArgs('{"channel":"C1"}', 'application/json; charset=utf-8')).toEqual({ channel: 'C1' });
  });
});
