import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadEngine } from '../../src/model-store.js';
import { ROUTED_EVENTS } from '../../src/listeners/events/index.js';
import { ACTIONS, COMMAND, EVENTS, MESSAGE_SHORTCUTS, SHORTCUTS, VIEWS } from '../../src/slack/ids.js';
import { registerListeners } from '../../src/listeners/index.js';
import { handlerFor, onCommand, type Routes } from '../../src/listeners/route.js';
import { ROUTED_SHORTCUTS } from '../../src/listeners/shortcuts/index.js';
import { ROUTED_VIEWS } from '../../src/listeners/views/index.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics.js';

/** An App that only records global middleware: the listeners must not use Bolt's per-listener API. */
function recordingApp() {
  const middleware: unknown[] = [];
  const refuse = (name: string) => () => {
    throw new Error(`app.${name}() adds a listener Bolt runs on every request; use listeners/route.ts`);
  };
  const app = {
    use: (fn: unknown) => middleware.push(fn),
    command: refuse('command'),
    event: refuse('event'),
    shortcut: refuse('shortcut'),
    action: refuse('action'),
    view: refuse('view'),
    message: refuse('message'),
    options: refuse('options'),
  };
  return { app: app as unknown as App, middleware };
}

const deps = {
  engine: loadEngine(),
  config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123' }),
  logger: createLogger('silent'),
  metrics: createMetrics(),
  seenEvent: () => false,
};

describe('listener registration', () => {
  it('adds one global middleware for all five kinds, and no Bolt listeners', () => {
    const { app, middleware } = recordingApp();
    registerListeners(app, deps);
    expect(middleware).toHaveLength(1);
  });

  it('routes the command, every event, shortcut and view named in ids.ts', () => {
    expect(COMMAND).toBe('/conduct');
    const expectedEvents = EVENTS.map((e) => (e === 'message.im' ? 'message' : e));
    expect(new Set(ROUTED_EVENTS)).toEqual(new Set(expectedEvents));
    expect(new Set(ROUTED_SHORTCUTS)).toEqual(
      new Set([...Object.values(SHORTCUTS), ...Object.values(MESSAGE_SHORTCUTS)]),
    );
    expect(new Set(ROUTED_VIEWS)).toEqual(new Set(Object.values(VIEWS)));
    expect(Object.values(ACTIONS).length).toBeGreaterThan(0);
  });

  it('refuses a second handler for a kind, so routes cannot shadow each other', () => {
    const { app } = recordingApp();
    onCommand(app, async () => undefined);
    expect(() => onCommand(app, async () => undefined)).toThrow(/already registered/);
  });
});

describe('handlerFor', () => {
  const mark = (name: string) => Object.assign(async () => undefined, { route: name });
  const routes: Routes = {
    command: mark('command'),
    event: mark('event'),
    shortcut: mark('shortcut'),
    action: mark('action'),
    view: mark('view'),
  };
  const route = (args: Record<string, unknown>) =>
    (handlerFor(routes, { body: {}, ...args } as never) as { route?: string } | undefined)?.route;

  it('picks the handler by the kind Bolt recognised', () => {
    expect(route({ command: {} })).toBe('command');
    expect(route({ event: {} })).toBe('event');
    expect(route({ shortcut: {} })).toBe('shortcut');
    expect(route({ action: {}, body: { type: 'block_actions' } })).toBe('action');
    expect(route({ view: {}, body: { type: 'view_submission' } })).toBe('view');
  });

  it('leaves payloads the app does not handle unrouted', () => {
    expect(route({ action: {}, body: { type: 'interactive_message' } })).toBeUndefined();
    expect(route({ view: {}, body: { type: 'view_closed' } })).toBeUndefined();
    expect(route({ options: {} })).toBeUndefined();
    expect(route({})).toBeUndefined();
  });
});
