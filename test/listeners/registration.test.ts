import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { registerListeners } from '../../src/listeners/index.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics.js';
import { loadEngine } from '../../src/model-store.js';
import { ACTIONS, COMMAND, EVENTS, MESSAGE_SHORTCUTS, SHORTCUTS, VIEWS } from '../../src/slack/ids.js';

/** An App that records what each surface registers with Bolt's listener API. */
function recordingApp() {
  const calls: Array<{ kind: string; constraint: unknown }> = [];
  const record =
    (kind: string) =>
    (...args: unknown[]) => {
      calls.push({ kind, constraint: args.length > 1 ? args[0] : undefined });
    };
  const app = {
    use: record('use'),
    command: record('command'),
    event: record('event'),
    message: record('message'),
    shortcut: record('shortcut'),
    action: record('action'),
    view: record('view'),
    options: record('options'),
  };
  return { app: app as unknown as App, calls };
}

const deps = {
  engine: loadEngine(),
  config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123' }),
  logger: createLogger('silent'),
  metrics: createMetrics(),
  seenEvent: () => false,
};

const matches = (constraint: unknown, id: string): boolean => {
  if (typeof constraint === 'string') return constraint === id;
  if (constraint instanceof RegExp) return constraint.test(id);
  if (constraint && typeof constraint === 'object') {
    const c = constraint as { action_id?: unknown; callback_id?: unknown };
    return matches(c.action_id ?? c.callback_id, id);
  }
  return false;
};

describe('listener registration, on Bolt’s listener API', () => {
  const { app, calls } = recordingApp();
  registerListeners(app, deps);
  const of = (kind: string) => calls.filter((c) => c.kind === kind).map((c) => c.constraint);

  it('registers no global middleware: each surface uses app.command/event/message/shortcut/action/view', () => {
    expect(of('use')).toEqual([]);
    expect(of('command')[0]).toBe(COMMAND);
  });

  it('has a listener for every event, shortcut, view and button kind named in ids.ts', () => {
    for (const event of EVENTS) {
      if (event === 'message.im') expect(calls.some((c) => c.kind === 'message')).toBe(true);
      else expect(of('event'), event).toContain(event);
    }
    for (const id of [...Object.values(SHORTCUTS), ...Object.values(MESSAGE_SHORTCUTS)])
      expect(
        of('shortcut').some((c) => c === id),
        id,
      ).toBe(true);
    for (const id of Object.values(VIEWS)) expect(of('view'), id).toContain(id);
    for (const kind of Object.values(ACTIONS))
      expect(
        of('action').some((c) => matches(c, `${kind}:x`)),
        kind,
      ).toBe(true);
  });

  it('answers commands it does not own, and never twice for its own', () => {
    const others = of('command').slice(1);
    expect(others.some((c) => matches(c, '/other'))).toBe(true);
    expect(others.some((c) => matches(c, COMMAND))).toBe(false);
  });
});
