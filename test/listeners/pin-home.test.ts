import { describe, expect, it } from 'vitest';
import { buttons, expectApiCall, expectResponseUrl, useTestApp, visibleText } from '../helpers/harness.js';

const t = useTestApp({}, { strict: true });

const asAdmin = { user_id: 'U0HRADMIN' };

/** The topics a card's menu offers, in order. */
function topicMenu(blocks: unknown): string[] {
  const menus = JSON.stringify(blocks).match(/"options":\[.*?\]\}\]/g) ?? [];
  return [...(menus[0] ?? '').matchAll(/\\"t\\":\\"([a-z-]+)\\"/g)].map((m) => m[1] as string);
}

describe('/conduct pin', () => {
  it('posts and pins the card for an HR admin, with the chosen topics plus "Ask privately"', async () => {
    const post = expectApiCall('chat.postMessage', {
      ok: true,
      ts: '1700000000.000900',
      channel: 'C0CHANNEL',
    });
    const pin = expectApiCall('pins.add');
    const reply = expectResponseUrl();
    const res = await t.command('pin boundaries discretion', asAdmin);
    expect(res.status).toBe(200);
    const card = await post.body;
    expect(card.channel).toBe('C0CHANNEL');
    expect(visibleText(card.blocks)).toMatch(/Questions about conduct\? Ask privately/);
    // "Ask privately" first, then the topics in one menu: two rows on a phone.
    expect(buttons(card.blocks).map((b) => b.action_id)).toEqual(['ask_privately']);
    expect(topicMenu(card.blocks)).toEqual(['boundaries', 'discretion']);
    expect(await pin.body).toMatchObject({ channel: 'C0CHANNEL', timestamp: '1700000000.000900' });
    expect(visibleText(await reply.body)).toMatch(/pinned/);
  });

  it('uses the pack default menu when no topics are named', async () => {
    const post = expectApiCall('chat.postMessage', { ok: true, ts: '1700000000.000901' });
    const pin = expectApiCall('pins.add');
    const reply = expectResponseUrl();
    await t.command('pin', asAdmin);
    expect(topicMenu((await post.body).blocks).length).toBeGreaterThanOrEqual(6);
    await pin.body;
    await reply.body;
  });

  it('refuses a non-admin, saying who can pin', async () => {
    const reply = expectResponseUrl();
    await t.command('pin', { user_id: 'U0SOMEONE' });
    const body = await reply.body;
    expect(body.response_type).toBe('ephemeral');
    expect(visibleText(body)).toMatch(/Only HR admins can pin.*<@U0HRADMIN>/);
  });

  it('explains how to add the bot when it is not in the channel', async () => {
    const post = expectApiCall('chat.postMessage', { ok: false, error: 'not_in_channel' });
    const reply = expectResponseUrl();
    await t.command('pin', asAdmin);
    await post.body;
    expect(visibleText(await reply.body)).toMatch(/\/invite/);
  });

  it('says so when pinning fails after posting', async () => {
    const post = expectApiCall('chat.postMessage', { ok: true, ts: '1700000000.000902' });
    const pin = expectApiCall('pins.add', { ok: false, error: 'not_in_channel' });
    const reply = expectResponseUrl();
    await t.command('pin', asAdmin);
    await post.body;
    await pin.body;
    expect(visibleText(await reply.body)).toMatch(/could not pin it/);
  });

  it('explains that cards are for channels in a DM or group DM', async () => {
    for (const extra of [
      { channel_id: 'D0DM', channel_name: 'directmessage' },
      { channel_id: 'G0MPIM', channel_name: 'mpdm-a--b-1' },
    ]) {
      const res = await t.command('pin', { ...asAdmin, ...extra });
      expect(visibleText(await res.json())).toMatch(/Cards are for channels/);
    }
  });

  it('lists the real topics when given an unknown one', async () => {
    const res = await t.command('pin romance-stuff', asAdmin);
    const text = visibleText(await res.json());
    expect(text).toMatch(/don't know that topic.*dating-coworkers/);
    // What was typed is never echoed back.
    expect(text).not.toContain('romance-stuff');
  });
});

describe('/conduct pin with an HR user group', () => {
  const g = useTestApp({ HR_ADMIN_USER_IDS: '', HR_ADMIN_USERGROUP_ID: 'S0HRGROUP' });

  it('checks membership on every request', async () => {
    const members = expectApiCall('usergroups.users.list', { ok: true, users: ['U0MEMBER'] });
    const post = expectApiCall('chat.postMessage', { ok: true, ts: '1.1' });
    const pin = expectApiCall('pins.add');
    const reply = expectResponseUrl();
    await g.command('pin', { user_id: 'U0MEMBER' });
    expect((await members.body).usergroup).toBe('S0HRGROUP');
    await post.body;
    await pin.body;
    await reply.body;

    const again = expectApiCall('usergroups.users.list', { ok: true, users: ['U0MEMBER'] });
    const refusal = expectResponseUrl();
    await g.command('pin', { user_id: 'U0OUTSIDER' });
    await again.body;
    expect(visibleText(await refusal.body)).toMatch(/subteam\^S0HRGROUP/);
  });
});

describe('App Home', () => {
  it('publishes "Ask privately" first, then the topics, then what it reads and keeps, and HR contacts', async () => {
    const call = expectApiCall('views.publish');
    await t.event({
      type: 'app_home_opened',
      user: 'U0ASKER',
      channel: 'D0DM',
      tab: 'home',
      event_ts: '1.1',
    });
    const body = await call.body;
    expect(body.user_id).toBe('U0ASKER');
    const text = visibleText(body.view);
    const ids = buttons(body.view).map((b) => b.action_id);
    expect(ids[0]).toBe('ask_privately');
    expect(ids.filter((id) => id.startsWith('topic:')).length).toBeGreaterThanOrEqual(8);
    expect(text.indexOf('What I read and keep')).toBeGreaterThan(text.indexOf('Short, private guidance'));
    expect(text).toMatch(/kept by Slack, under your workspace’s retention/);
    expect(text).toMatch(/HR and reporting contacts/);
    // No repository file names for employees.
    expect(text).not.toMatch(/PRIVACY\.md|repository/);
  });

  it('does nothing for the Messages tab', async () => {
    const res = await t.event({
      type: 'app_home_opened',
      user: 'U0ASKER',
      channel: 'D0DM',
      tab: 'messages',
      event_ts: '1.2',
    });
    expect(res.status).toBe(200);
  });
});
