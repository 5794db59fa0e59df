import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../src/slack/ids.js';
import {
  expectApiCall,
  expectResponseUrl,
  HOOKS,
  settle,
  useTestApp,
  visibleText,
} from '../helpers/harness.js';

const t = useTestApp({}, { strict: true });

const user = { id: 'U0ASKER', username: 'asker', team_id: 'T0TEAM' };
const team = { id: 'T0TEAM', domain: 'example' };

function globalShortcut(callback_id: string) {
  return {
    type: 'shortcut',
    callback_id,
    trigger_id: '1.2.trigger',
    user,
    team,
    token: 'legacy',
    action_ts: '1.2',
  };
}

describe('global shortcuts', () => {
  it('"Ask a conduct question" opens the question modal', async () => {
    const call = expectApiCall('views.open');
    const res = await t.interact(globalShortcut(SHORTCUTS.askQuestion));
    expect(res.status).toBe(200);
    const body = await call.body;
    expect(body.trigger_id).toBe('1.2.trigger');
    const view = body.view as { callback_id: string; blocks: Array<{ type: string }> };
    expect(view.callback_id).toBe('question_modal');
    expect(view.blocks.some((b) => b.type === 'input')).toBe(true);
  });

  it.each([
    [SHORTCUTS.boundariesReminder, /A no ends it/],
    [SHORTCUTS.discretionReminder, /discreet/i],
  ])('%s opens a modal with the reminder', async (id, pattern) => {
    const call = expectApiCall('views.open');
    await t.interact(globalShortcut(id));
    expect(visibleText((await call.body).view)).toMatch(pattern);
  });

  it('tells the person privately when Slack says the trigger expired', async () => {
    const open = expectApiCall('views.open', { ok: false, error: 'expired_trigger_id' });
    const dm = expectApiCall('chat.postMessage');
    await t.interact(globalShortcut(SHORTCUTS.askQuestion));
    await open.body;
    const body = await dm.body;
    expect(body.channel).toBe('U0ASKER');
    expect(visibleText(body)).toMatch(/try the shortcut again/);
  });
});

describe('message shortcut', () => {
  const messageShortcut = (text: string | undefined) => ({
    type: 'message_action',
    callback_id: 'message_nudge',
    trigger_id: '1.2.trigger',
    response_url: `${HOOKS}/actions/T0TEAM/2/xyz`,
    user,
    team,
    channel: { id: 'C0CHANNEL', name: 'general' },
    message: {
      type: 'message',
      user: 'U0OTHER',
      ts: '1700000000.000300',
      ...(text === undefined ? {} : { text }),
    },
    message_ts: '1700000000.000300',
    token: 'legacy',
    action_ts: '1.2',
  });

  const concern = (choice: string | undefined, metadata: string, extra?: string) => ({
    type: 'view_submission',
    team,
    user,
    trigger_id: '1.3.trigger',
    token: 'legacy',
    view: {
      id: 'V0CONCERN',
      team_id: 'T0TEAM',
      type: 'modal',
      callback_id: 'message_concern',
      private_metadata: metadata,
      hash: 'h1',
      state: {
        values: {
          concern: {
            concern_choice: {
              type: 'radio_buttons',
              selected_option: choice ? { value: choice, text: { type: 'plain_text', text: choice } } : null,
            },
          },
          concern_text: { concern_text_input: { type: 'plain_text_input', value: extra ?? null } },
        },
      },
      blocks: [],
    },
  });

  async function openConcern(text: string) {
    const open = expectApiCall('views.open');
    const res = await t.interact(messageShortcut(text));
    expect(res.status).toBe(200);
    const body = await open.body;
    expect(body.trigger_id).toBe('1.2.trigger');
    const view = typeof body.view === 'string' ? JSON.parse(body.view) : body.view;
    return view as { callback_id: string; private_metadata: string; blocks: unknown[] };
  }

  it('asks what worries the person, says the message is not kept, and carries ids only', async () => {
    const message = 'Want to grab a drink after work? I have a crush on you, colleague';
    const view = await openConcern(message);
    expect(view.callback_id).toBe('message_concern');
    const text = visibleText(view);
    expect(text).toMatch(/What worries you about this message\?/);
    expect(text).toMatch(/read the message only to answer you, and I don’t keep it/);
    for (const choice of ['It’s about me', 'someone else', 'not sure it’s OK'])
      expect(text).toContain(choice);
    // Ids from the pack only: no word of the message, no threshold, no internal score.
    const meta = JSON.parse(view.private_metadata) as Record<string, unknown>;
    for (const key of Object.keys(meta)) expect(['s', 'r', 't', 'w', 'e', 'u', 'a', 'y']).toContain(key);
    for (const word of ['drink', 'crush', 'colleague']) expect(view.private_metadata).not.toContain(word);
    expect(JSON.stringify(view)).not.toMatch(/0\.\d|threshold|<\s*0/);
  });

  it('an ordinary message never shows thresholds or the out-of-scope card; "unwelcome" gets contacts first', async () => {
    const view = await openConcern('Can someone send me the Q3 numbers before lunch?');
    const res = await t.interact(concern('me-unwelcome', view.private_metadata));
    const body = (await res.json()) as { response_action: string; view: unknown };
    expect(body.response_action).toBe('update');
    const text = visibleText(body.view);
    expect(text).not.toMatch(/\(0|< 0|Something else|Not something I can help with/);
    expect(text).toMatch(/Who can help/);
    expect(text).toMatch(/Harassment and safety/);
  });

  it('answers a harassing message with the contacts first, whatever the choice', async () => {
    const view = await openConcern('send me a pic in that tight top or your review suffers');
    for (const choice of ['me-unwelcome', 'other-unwelcome', 'not-sure']) {
      const res = await t.interact(concern(choice, view.private_metadata));
      const text = visibleText(((await res.json()) as { view: unknown }).view);
      expect(text.indexOf('Who can help'), choice).toBeGreaterThan(-1);
      expect(text.indexOf('Who can help'), choice).toBeLessThan(text.indexOf('1.'));
    }
  });

  it('words the reminders for the side the person is on', async () => {
    const view = await openConcern(
      'Would you like to go out for dinner with me on Friday? Just the two of us',
    );
    const mine = visibleText(
      ((await (await t.interact(concern('my-draft', view.private_metadata))).json()) as { view: unknown })
        .view,
    );
    // The writer reads the words for the one asking.
    expect(mine).toMatch(/discomfort all mean no/);
    const theirs = visibleText(
      ((await (await t.interact(concern('me-unwelcome', view.private_metadata))).json()) as { view: unknown })
        .view,
    );
    // The one it was aimed at gets how to say no, never the asker's script.
    expect(theirs).not.toMatch(/Don't ask again|Would you like/);
    expect(theirs).toMatch(/Saying or hearing no/);
  });

  it('someone unsure about a harassing message they wrote gets the contacts card, not words for the person harmed', async () => {
    const view = await openConcern('send me a pic in that tight top or your review suffers');
    const res = await t.interact(concern('my-draft', view.private_metadata));
    const text = visibleText(((await res.json()) as { view: unknown }).view);
    expect(text).toMatch(/Who can help/);
    expect(text).toMatch(/Harassment and safety/);
  });

  it('asks again, politely, when no choice was picked, and reads the person’s own words when given', async () => {
    const view = await openConcern('hey gorgeous');
    const none = (await (await t.interact(concern(undefined, view.private_metadata))).json()) as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(none.response_action).toBe('errors');
    expect(none.errors.concern).toMatch(/pick/);
    const own = await t.interact(
      concern('not-sure', view.private_metadata, 'he keeps touching my shoulder after I said no'),
    );
    const text = visibleText(((await own.json()) as { view: unknown }).view);
    expect(text).toMatch(/Who can help/);
    expect(text).not.toContain('shoulder');
  });

  it('tampered or lost metadata asks to use the shortcut again, never guesses and never crashes', async () => {
    for (const metadata of ['{"r":"<script>","y":["zz"]}', '', '{"t":"boundaries"}']) {
      const res = await t.interact(concern('not-sure', metadata));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { response_action: string; view: unknown };
      expect(body.response_action).toBe('update');
      expect(visibleText(body.view)).toMatch(/use \*Get a private nudge\* on it again/);
    }
  });

  it('says so politely when the message has no text', async () => {
    const reply = expectResponseUrl('/actions/T0TEAM/2/xyz');
    await t.interact(messageShortcut(undefined));
    expect(visibleText(await reply.body)).toMatch(/no text/);
  });

  it('tells the person privately when Slack cannot open the window, and survives a failing response_url', async () => {
    expectApiCall('views.open', { ok: false, error: 'expired_trigger_id' });
    const reply = expectResponseUrl('/actions/T0TEAM/2/xyz');
    await t.interact(messageShortcut('Is it OK to accept a gift from a client?'));
    expect(visibleText(await reply.body)).toMatch(/took too long/);
    expectApiCall('views.open', { ok: false, error: 'expired_trigger_id' });
    nock(HOOKS).post('/actions/T0TEAM/2/xyz').reply(500, 'nope');
    const res = await t.interact(messageShortcut('Is it OK to accept a gift from a client?'));
    expect(res.status).toBe(200);
    await settle(100);
  });
});
