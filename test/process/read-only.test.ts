import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, payloadForm, SIGNING_SECRET, signedPost } from '../helpers/signing.js';
import { type AppProcess, freePort, ROOT, startAppProcess } from './app-process.js';
import { type StandIn, startStandIn } from './stand-in.js';

/**
 * Runs the real app process with its working directory (the repo) and the temp directory
 * mounted read-only in a private mount namespace, drives every surface, and expects every
 * answer to arrive with no error: the app writes nothing to disk at run time.
 */
function canUseMountNamespace(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync(
      'unshare',
      [
        '-m',
        'sh',
        '-c',
        `mount --bind ${ROOT} ${ROOT} && mount -o remount,bind,ro ${ROOT} && ! touch ${ROOT}/.ro-probe`,
      ],
      { stdio: 'ignore' },
    );
    return true;
  } catch {
    return false;
  }
}

const readOnly = canUseMountNamespace();
if (!readOnly) {
  console.warn(
    'SKIPPED: read-only disk test needs root and mount namespaces (unshare -m); run it as CI does.',
  );
}

let standIn: StandIn;
let app: AppProcess;

async function startReadOnlyApp(): Promise<AppProcess> {
  const tmp = mkdtempSync(join(tmpdir(), 'conduct-ro-'));
  return startAppProcess(
    {
      TMPDIR: tmp,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${standIn.url}/api/`,
      HR_ADMIN_USER_IDS: 'U0ADMIN',
      LOG_LEVEL: 'trace',
      METRICS: 'on',
      METRICS_PORT: String(await freePort()),
    },
    {
      wrap: (node, nodeArgs) => ({
        command: 'unshare',
        args: [
          '-m',
          'sh',
          '-c',
          [
            `mount --bind "${ROOT}" "${ROOT}"`,
            `mount -o remount,bind,ro "${ROOT}"`,
            `mount --bind "${tmp}" "${tmp}"`,
            `mount -o remount,bind,ro "${tmp}"`,
            `exec "${node}" ${nodeArgs.map((arg) => `"${arg}"`).join(' ')}`,
          ].join(' && '),
        ],
      }),
    },
  );
}

describe.skipIf(!readOnly)('no runtime disk writes', () => {
  beforeAll(async () => {
    standIn = await startStandIn();
    app = await startReadOnlyApp();
  });
  afterAll(async () => {
    app?.child.kill('SIGKILL');
    await standIn?.close();
  });

  it('answers on every surface with the repo and temp directory read-only', async () => {
    const hooks = `${standIn.url}/hooks/resp`;
    const user = { id: 'U0ADMIN', username: 'a', team_id: 'T0TEAM' };
    const base = {
      team_id: 'T0TEAM',
      team_domain: 'x',
      channel_id: 'C0CHAN',
      channel_name: 'general',
      user_id: 'U0ADMIN',
      user_name: 'a',
      command: '/conduct',
      response_url: hooks,
      trigger_id: '1.2',
    };

    const answer = await signedPost(
      app.url,
      form({ ...base, text: 'Can I ask my coworker out?' }),
      'application/x-www-form-urlencoded',
    );
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { response_type: string }).response_type).toBe('ephemeral');
    for (const text of ['help', 'privacy', 'pin boundaries']) {
      expect(
        (await signedPost(app.url, form({ ...base, text }), 'application/x-www-form-urlencoded')).status,
      ).toBe(200);
    }
    const event = (e: Record<string, unknown>) =>
      signedPost(
        app.url,
        JSON.stringify({
          type: 'event_callback',
          team_id: 'T0TEAM',
          event_id: `Ev${Math.random()}`,
          event: e,
        }),
        'application/json',
      );
    expect(
      (
        await event({
          type: 'message',
          channel_type: 'im',
          channel: 'D0',
          user: 'U1',
          ts: '1.1',
          text: 'I have a crush on a client',
        })
      ).status,
    ).toBe(200);
    expect((await event({ type: 'app_home_opened', user: 'U1', tab: 'home' })).status).toBe(200);
    for (const callback_id of ['ask_conduct_question', 'boundaries_reminder', 'discretion_reminder']) {
      await signedPost(
        app.url,
        payloadForm({ type: 'shortcut', callback_id, trigger_id: '1.2', user, team: { id: 'T0TEAM' } }),
        'application/x-www-form-urlencoded',
      );
    }
    await signedPost(
      app.url,
      payloadForm({
        type: 'message_action',
        callback_id: 'message_nudge',
        trigger_id: '1',
        response_url: hooks,
        user,
        team: { id: 'T0TEAM' },
        channel: { id: 'C0' },
        message: { text: 'want to grab a drink, colleague?', ts: '1.1' },
      }),
      'application/x-www-form-urlencoded',
    );
    const submit = await signedPost(
      app.url,
      payloadForm({
        type: 'view_submission',
        user,
        team: { id: 'T0TEAM' },
        view: {
          id: 'V1',
          type: 'modal',
          callback_id: 'question_modal',
          private_metadata: '{}',
          state: {
            values: { question: { question_text: { value: 'Can I accept a gift from a patient?' } } },
          },
        },
      }),
      'application/x-www-form-urlencoded',
    );
    expect(((await submit.json()) as { response_action: string }).response_action).toBe('update');
    const concern = await signedPost(
      app.url,
      payloadForm({
        type: 'view_submission',
        user,
        team: { id: 'T0TEAM' },
        view: {
          id: 'V2',
          type: 'modal',
          callback_id: 'message_concern',
          private_metadata: '{"s":"message","t":"dating-coworkers","r":"coworker-ask-once"}',
          state: {
            values: {
              concern: { concern_choice: { selected_option: { value: 'me-unwelcome' } } },
              concern_text: { concern_text_input: { value: null } },
            },
          },
        },
      }),
      'application/x-www-form-urlencoded',
    );
    expect(((await concern.json()) as { response_action: string }).response_action).toBe('update');
    await signedPost(
      app.url,
      payloadForm({
        type: 'block_actions',
        user,
        team: { id: 'T0TEAM' },
        trigger_id: '1',
        response_url: hooks,
        container: { type: 'message', is_ephemeral: false },
        actions: [{ type: 'button', action_id: 'topic:boundaries', value: '{"t":"boundaries"}' }],
      }),
      'application/x-www-form-urlencoded',
    );

    await standIn.waitFor((p) => p.startsWith('/api/chat.postMessage'), 2);
    await standIn.waitFor((p) => p.startsWith('/api/pins.add'));
    // Three shortcuts and the message shortcut open a window each.
    await standIn.waitFor((p) => p.startsWith('/api/views.open'), 4);
    await standIn.waitFor((p) => p.startsWith('/api/views.publish'));
    await standIn.waitFor((p) => p.startsWith('/hooks/resp'), 2);
    expect(app.child.exitCode).toBeNull();
    const output = app.stdout.join('') + app.stderr.join('');
    expect(output).not.toMatch(/EROFS|EACCES|listener_error|dispatch_error/);
  });

  it('stops cleanly on SIGTERM with exit code 0', async () => {
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });
});
