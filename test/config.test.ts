import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-123-abc', SLACK_SIGNING_SECRET: 'a-signing-secret' };

describe('config', () => {
  it('defaults to HTTP on port 3000', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({ mode: 'http', port: 3000, logLevel: 'info', hrAdminUserIds: [] });
  });

  it('switches to Socket Mode when SLACK_APP_TOKEN is set, without needing a signing secret', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(c.mode).toBe('socket');
  });

  it.each([
    [{}, /SLACK_BOT_TOKEN is required/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, /SLACK_BOT_TOKEN must be a bot token/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET is required in HTTP mode/],
    [{ ...base, PORT: 'eighty' }, /PORT/],
    [{ ...base, PORT: '70000' }, /PORT/],
    [{ ...base, LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ ...base, HR_ADMIN_USER_IDS: 'U123,bob' }, /HR_ADMIN_USER_IDS "bob" is not a Slack user id/],
    [{ ...base, HR_ADMIN_USERGROUP_ID: 'U123' }, /HR_ADMIN_USERGROUP_ID must look like S/],
    [{ ...base, SLACK_API_URL: 'not a url' }, /SLACK_API_URL must be a URL/],
    [{ ...base, SLACK_APP_TOKEN: 'xoxb-wrong' }, /SLACK_APP_TOKEN must be an app-level token/],
  ])('fails fast with one clear line for %j', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env as Record<string, string>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it('parses admin ids, treats empty values as unset and normalises the API URL', () => {
    const c = loadConfig({
      ...base,
      HR_ADMIN_USER_IDS: ' U1AAA, W2BBB  U3CCC ',
      CONDUCT_PACK: '',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(c.hrAdminUserIds).toEqual(['U1AAA', 'W2BBB', 'U3CCC']);
    expect(c.packDir).toBeUndefined();
    expect(c.slackApiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('never echoes a secret value in an error', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-SECRETVALUE' })).toThrow(/^(?!.*SECRETVALUE)/s);
  });
});
