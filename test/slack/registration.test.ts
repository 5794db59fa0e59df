import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadEngine } from '../../src/engine/index.js';
import { ACTIONS, COMMAND, EVENTS, MESSAGE_SHORTCUTS, SHORTCUTS, VIEWS } from '../../src/listeners/ids.js';
import { registerListeners } from '../../src/listeners/index.js';
import { ROUTED_EVENTS } from '../../src/listeners/events/index.js';
import { ROUTED_SHORTCUTS } from '../../src/listeners/shortcuts/index.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics.js';

/** Records what registerListeners wires, so the manifest ids and the listeners cannot drift. */
function recordingApp() {
  const seen = {
    commands: [] as string[],
    events: [] as string[],
    shortcuts: [] as string[],
    actions: [] as string[],
    views: [] as string[],
  };
  const name = (c: unknown) =>
    c instanceof RegExp ? c.source : typeof c === 'object' ? JSON.stringify(c) : String(c);
  const app = {
    command: (c: unknown) => seen.commands.push(name(c)),
    event: (e: unknown) => seen.events.push(name(e)),
    shortcut: (s: unknown) => seen.shortcuts.push(name(s)),
    action: (a: unknown) => seen.actions.push(name(a)),
    view: (v: unknown) => seen.views.push(name(v)),
    message: () => {
      throw new Error('use app.event("message") so subtypes are filtered in one place');
    },
  };
  return { app: app as unknown as App, seen };
}

describe('listener registration', () => {
  const { app, seen } = recordingApp();
  registerListeners(app, {
    engine: loadEngine(),
    config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123' }),
    logger: createLogger('silent'),
    metrics: createMetrics(),
    seenEvent: () => false,
  });

  it('registers exactly the command and views in ids.ts, and routes every shortcut id', () => {
    expect(seen.commands).toEqual(['.*']);
    expect(COMMAND).toBe('/conduct');
    expect(seen.views).toEqual(Object.values(VIEWS));
    expect(seen.shortcuts).toEqual(['.*']);
    expect(new Set(ROUTED_SHORTCUTS)).toEqual(
      new Set([...Object.values(SHORTCUTS), ...Object.values(MESSAGE_SHORTCUTS)]),
    );
  });

  it('routes every event in ids.ts (message for message.im) through one listener', () => {
    expect(seen.events).toEqual(['.*']);
    const expected = EVENTS.map((e) => (e === 'message.im' ? 'message' : e));
    expect(new Set(ROUTED_EVENTS)).toEqual(new Set(expected));
  });

  it('routes every button through one block_actions listener', () => {
    expect(seen.actions).toEqual([JSON.stringify({ type: 'block_actions' })]);
    expect(Object.values(ACTIONS).length).toBeGreaterThan(0);
  });
});
