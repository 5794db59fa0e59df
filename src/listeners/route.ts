import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

/**
 * How each surface's `register(app, deps)` attaches its handler: `onCommand(app, handler)`
 * where a Bolt template would write `app.command(name, handler)`.
 *
 * Bolt runs the middleware chain of every registered listener on every request, whatever its
 * kind; each costs about 6 µs a request here (bench/, in-process), which was a third of the
 * app's cost over bare Bolt. So the app registers one global middleware instead, and it hands
 * each request to the one handler for its kind. Handlers get the same arguments a Bolt
 * listener gets (command, event, action, shortcut or view, with ack, respond, say, client).
 */
export type CommandHandler = (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;
export type EventHandler = (args: SlackEventMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;
export type ShortcutHandler = (
  args: SlackShortcutMiddlewareArgs<SlackShortcut> & AllMiddlewareArgs,
) => Promise<void>;
export type ActionHandler = (
  args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs,
) => Promise<void>;
export type ViewHandler = (
  args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs,
) => Promise<void>;

export interface Routes {
  command?: CommandHandler;
  event?: EventHandler;
  shortcut?: ShortcutHandler;
  /** block_actions only: Slack's other action payloads (dialogs, legacy attachments) are not ours. */
  action?: ActionHandler;
  /** view_submission only, routed by callback_id inside the handler. */
  view?: ViewHandler;
}

const routing = new WeakMap<App, Routes>();

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** The handler for a request, by the kind Bolt recognised (it has set the matching alias). */
export function handlerFor(routes: Routes, args: Args): ((args: never) => Promise<void>) | undefined {
  const a = args as Partial<Record<'command' | 'event' | 'shortcut' | 'action' | 'view', unknown>>;
  const type = (args.body as { type?: unknown }).type;
  if (a.command !== undefined) return routes.command;
  if (a.event !== undefined) return routes.event;
  if (a.shortcut !== undefined) return routes.shortcut;
  if (a.action !== undefined) return type === 'block_actions' ? routes.action : undefined;
  if (a.view !== undefined) return type === 'view_submission' ? routes.view : undefined;
  return undefined;
}

function routesOf(app: App): Routes {
  let routes = routing.get(app);
  if (!routes) {
    const created: Routes = {};
    routes = created;
    routing.set(app, created);
    app.use(async function route(args) {
      // Middleware added later (tests' probes, say) still sees the request before its handler.
      await args.next();
      const handler = handlerFor(created, args as Args);
      if (handler) await handler(args as never);
    });
  }
  return routes;
}

function attach<K extends keyof Routes>(app: App, kind: K, handler: NonNullable<Routes[K]>): void {
  const routes = routesOf(app);
  if (routes[kind]) throw new Error(`a ${kind} handler is already registered; route inside it`);
  routes[kind] = handler;
}

export const onCommand = (app: App, handler: CommandHandler) => attach(app, 'command', handler);
export const onEvent = (app: App, handler: EventHandler) => attach(app, 'event', handler);
export const onShortcut = (app: App, handler: ShortcutHandler) => attach(app, 'shortcut', handler);
export const onAction = (app: App, handler: ActionHandler) => attach(app, 'action', handler);
export const onView = (app: App, handler: ViewHandler) => attach(app, 'view', handler);
