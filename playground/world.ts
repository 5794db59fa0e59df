import { randomBytes } from 'node:crypto';

/**
 * The playground's small Slack: people, channels, messages, modals and App Home, plus the Web
 * API methods and response_url hooks the app calls. Everything lives in memory and is gone when
 * the playground stops.
 */

export const TEAM = { id: 'T0PLAY', domain: 'playground', name: 'Playground' } as const;
export const APP_ID = 'A0CONDUCT';
export const BOT = { userId: 'UBOT', botId: 'BBOT', name: 'Conduct Nudge' } as const;

export interface Person {
  id: string;
  name: string;
  handle: string;
  title?: string;
}

export const PEOPLE = {
  you: { id: 'U0YOU', name: 'Alex Rivera', handle: 'alex', title: 'you' },
  hr: { id: 'U0HRADMIN', name: 'Harper Lee', handle: 'harper', title: 'HR' },
  sam: { id: 'U0SAM', name: 'Sam Okafor', handle: 'sam' },
} as const satisfies Record<string, Person>;

export const GENERAL = { id: 'C0GENERAL', name: 'general' } as const;

/** The DM between a person and the bot. */
export function dmFor(userId: string): string {
  return `D${userId.slice(1)}`;
}

export type Json = Record<string, unknown>;
export type Block = Json;

export interface Message {
  ts: string;
  channel: string;
  user: string;
  botId?: string;
  text: string;
  blocks?: Block[];
  threadTs?: string;
  /** Ephemeral: shown to `visibleTo` only, never in the channel's history. */
  ephemeral?: boolean;
  visibleTo?: string;
  pinned?: boolean;
  edited?: boolean;
  /** What produced it: chat.postMessage, a command's ack, a response_url, the person. */
  via: string;
  at: number;
}

export interface ViewRecord {
  user: string;
  view: Json & { id: string; hash: string; type: string };
  errors?: Record<string, string>;
}

export interface Hook {
  id: string;
  channel: string;
  user: string;
  /** The message an action came from, for replace_original / delete_original. */
  messageTs?: string;
  threadTs?: string;
  uses: number;
}

export interface CallRecord {
  id: number;
  at: number;
  /** to-app: a request the playground sent to the app; from-app: a Web API or response_url call. */
  direction: 'to-app' | 'from-app';
  method: string;
  ok: boolean;
  detail?: string;
  body: unknown;
}

export interface ApiResult {
  status: number;
  body: Json;
}

const TRIGGER_TTL_MS = 30_000;
const MAX_CALLS = 300;

function randomId(prefix: string, bytes = 5): string {
  return `${prefix}${randomBytes(bytes).toString('hex').toUpperCase()}`;
}

/** Slack escapes these three characters in the text people type. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack gives blocks and interactive elements ids when the app leaves them out. */
function withIds(blocks: unknown): Block[] | undefined {
  if (!Array.isArray(blocks)) return undefined;
  return blocks.map((raw) => {
    const block = { ...(raw as Block) };
    if (typeof block.block_id !== 'string') block.block_id = randomId('b', 3).toLowerCase();
    const fix = (element: unknown) => {
      if (!element || typeof element !== 'object') return element;
      const el = { ...(element as Json) };
      if ((el.type === 'button' || el.type === 'plain_text_input') && typeof el.action_id !== 'string')
        el.action_id = randomId('a', 3).toLowerCase();
      return el;
    };
    if (Array.isArray(block.elements)) block.elements = block.elements.map(fix);
    if (block.element) block.element = fix(block.element);
    if (block.accessory) block.accessory = fix(block.accessory);
    return block;
  });
}

export class World {
  readonly people: Record<string, Person> = Object.fromEntries(Object.values(PEOPLE).map((p) => [p.id, p]));
  messages: Message[] = [];
  readonly modals = new Map<string, ViewRecord[]>();
  readonly homes = new Map<string, ViewRecord>();
  readonly hooks = new Map<string, Hook>();
  readonly triggers = new Map<string, { user: string; at: number }>();
  calls: CallRecord[] = [];
  notices: Array<{ id: number; at: number; text: string }> = [];
  version = 0;
  private tsCounter = 0;
  private callCounter = 0;
  private listeners = new Set<() => void>();

  constructor(readonly botToken: string) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  nextTs(): string {
    this.tsCounter++;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  record(direction: CallRecord['direction'], method: string, ok: boolean, body: unknown, detail?: string) {
    this.calls.push({ id: ++this.callCounter, at: Date.now(), direction, method, ok, body, detail });
    if (this.calls.length > MAX_CALLS) this.calls.splice(0, this.calls.length - MAX_CALLS);
    this.changed();
  }

  notice(text: string): void {
    this.notices.push({ id: ++this.callCounter, at: Date.now(), text });
    if (this.notices.length > 20) this.notices.shift();
    this.changed();
  }

  channelExists(id: string): boolean {
    if (id === GENERAL.id) return true;
    return Object.values(this.people).some((p) => dmFor(p.id) === id);
  }

  channelName(id: string): string {
    return id === GENERAL.id ? GENERAL.name : 'directmessage';
  }

  /** Resolves a channel argument as Slack does: a user id means the DM with that user. */
  resolveChannel(channel: unknown): string | undefined {
    if (typeof channel !== 'string') return undefined;
    if (/^[UW]/.test(channel) && this.people[channel]) return dmFor(channel);
    return this.channelExists(channel) ? channel : undefined;
  }

  findMessage(channel: string, ts: string): Message | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  addMessage(message: Omit<Message, 'ts' | 'at'> & { ts?: string }): Message {
    const stored: Message = {
      ...message,
      ts: message.ts ?? this.nextTs(),
      at: Date.now(),
      blocks: withIds(message.blocks),
    };
    this.messages.push(stored);
    this.changed();
    return stored;
  }

  newHook(context: Omit<Hook, 'id' | 'uses'>): Hook {
    const hook: Hook = { id: randomId('H', 8), uses: 0, ...context };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  newTrigger(user: string): string {
    const id = `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { user, at: Date.now() });
    return id;
  }

  findView(viewId: string): ViewRecord | undefined {
    for (const stack of this.modals.values()) {
      const found = stack.find((record) => record.view.id === viewId);
      if (found) return found;
    }
    for (const record of this.homes.values()) if (record.view.id === viewId) return record;
    return undefined;
  }

  topModal(user: string): ViewRecord | undefined {
    const stack = this.modals.get(user);
    return stack?.[stack.length - 1];
  }

  /** The view as Slack stores and returns it. */
  makeView(input: unknown, user: string, previous?: ViewRecord['view'], root?: string): ViewRecord['view'] {
    const view = (input && typeof input === 'object' ? input : {}) as Json;
    const id = previous?.id ?? randomId('V', 5);
    return {
      private_metadata: '',
      callback_id: '',
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
      ...view,
      blocks: withIds(view.blocks) ?? [],
      id,
      team_id: TEAM.id,
      type: typeof view.type === 'string' ? view.type : 'modal',
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      root_view_id: root ?? id,
      previous_view_id: null,
      app_id: APP_ID,
      app_installed_team_id: TEAM.id,
      bot_id: BOT.botId,
      user_id: user,
    };
  }

  /** A response_url call from the app. */
  hook(id: string, body: Json): ApiResult {
    const hook = this.hooks.get(id);
    if (!hook) {
      this.record('from-app', 'response_url', false, body, 'unknown hook');
      return { status: 404, body: { ok: false, error: 'invalid_response_url' } };
    }
    hook.uses++;
    if (hook.uses > 5) {
      this.record('from-app', 'response_url', false, body, 'used more than 5 times');
      return { status: 404, body: { ok: false, error: 'used_url' } };
    }
    const original = hook.messageTs ? this.findMessage(hook.channel, hook.messageTs) : undefined;
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? (body.blocks as Block[]) : undefined;
    let detail: string;
    if (body.delete_original === true && original) {
      this.messages = this.messages.filter((m) => m !== original);
      detail = 'deleted the original';
    } else if (body.replace_original === true && original) {
      original.text = text;
      original.blocks = withIds(blocks);
      original.edited = true;
      detail = original.ephemeral ? 'replaced the ephemeral message' : 'replaced the message for everyone';
    } else {
      // Only `in_channel` is public; anything else from a response_url is ephemeral.
      const inChannel = body.response_type === 'in_channel';
      this.addMessage({
        channel: hook.channel,
        user: BOT.userId,
        botId: BOT.botId,
        text,
        blocks,
        threadTs: hook.threadTs,
        ...(inChannel ? {} : { ephemeral: true, visibleTo: hook.user }),
        via: 'response_url',
      });
      detail = inChannel ? 'posted in the channel' : `ephemeral to ${hook.user}`;
    }
    this.record('from-app', 'response_url', true, body, detail);
    return { status: 200, body: { ok: true } };
  }

  /** One Web API call from the app. */
  api(method: string, args: Json, token: string | undefined): ApiResult {
    const result = this.apiResult(method, args, token);
    const detail = result.body.ok ? summary(method, args) : String(result.body.error);
    this.record('from-app', method, result.body.ok === true, args, detail);
    if (result.body.ok) this.changed();
    return result;
  }

  private apiResult(method: string, args: Json, token: string | undefined): ApiResult {
    const ok = (body: Json = {}) => ({ status: 200, body: { ok: true, ...body } });
    const fail = (error: string) => ({ status: 200, body: { ok: false, error } });
    if (token !== this.botToken) return fail(token ? 'invalid_auth' : 'not_authed');

    switch (method) {
      case 'auth.test':
        return ok({
          url: `https://${TEAM.domain}.slack.local/`,
          team: TEAM.name,
          user: 'conduct_nudge',
          team_id: TEAM.id,
          user_id: BOT.userId,
          bot_id: BOT.botId,
          is_enterprise_install: false,
        });
      case 'chat.postMessage': {
        const channel = this.resolveChannel(args.channel);
        if (!channel) return fail('channel_not_found');
        if (typeof args.text !== 'string' && !Array.isArray(args.blocks)) return fail('no_text');
        const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
        if (threadTs && !this.findMessage(channel, threadTs)) return fail('thread_not_found');
        const message = this.addMessage({
          channel,
          user: BOT.userId,
          botId: BOT.botId,
          text: typeof args.text === 'string' ? args.text : '',
          blocks: args.blocks as Block[] | undefined,
          threadTs,
          via: 'chat.postMessage',
        });
        return ok({
          channel,
          ts: message.ts,
          message: {
            type: 'message',
            text: message.text,
            user: BOT.userId,
            bot_id: BOT.botId,
            ts: message.ts,
          },
        });
      }
      case 'chat.postEphemeral': {
        const channel = this.resolveChannel(args.channel);
        if (!channel) return fail('channel_not_found');
        if (typeof args.user !== 'string' || !this.people[args.user]) return fail('user_not_found');
        const message = this.addMessage({
          channel,
          user: BOT.userId,
          botId: BOT.botId,
          text: typeof args.text === 'string' ? args.text : '',
          blocks: args.blocks as Block[] | undefined,
          threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : undefined,
          ephemeral: true,
          visibleTo: args.user,
          via: 'chat.postEphemeral',
        });
        return ok({ message_ts: message.ts });
      }
      case 'pins.add': {
        const channel = this.resolveChannel(args.channel);
        if (!channel) return fail('channel_not_found');
        const message =
          typeof args.timestamp === 'string' ? this.findMessage(channel, args.timestamp) : undefined;
        if (!message || message.ephemeral) return fail('message_not_found');
        if (message.pinned) return fail('already_pinned');
        message.pinned = true;
        return ok();
      }
      case 'usergroups.users.list':
        return ok({ users: [] });
      case 'views.open':
      case 'views.push': {
        const trigger = typeof args.trigger_id === 'string' ? this.triggers.get(args.trigger_id) : undefined;
        if (!trigger) return fail('invalid_trigger_id');
        if (Date.now() - trigger.at > TRIGGER_TTL_MS) return fail('expired_trigger_id');
        this.triggers.delete(args.trigger_id as string);
        const stack = method === 'views.open' ? [] : (this.modals.get(trigger.user) ?? []);
        if (method === 'views.push' && stack.length === 0) return fail('not_found');
        const previous = stack[stack.length - 1]?.view;
        const view = this.makeView(args.view, trigger.user, undefined, previous?.root_view_id as string);
        if (previous) view.previous_view_id = previous.id;
        stack.push({ user: trigger.user, view });
        this.modals.set(trigger.user, stack);
        return ok({ view });
      }
      case 'views.update': {
        const record =
          typeof args.view_id === 'string'
            ? this.findView(args.view_id)
            : [...this.modals.values()].flat().find((r) => r.view.external_id === args.external_id);
        if (!record) return fail('not_found');
        if (typeof args.hash === 'string' && args.hash !== record.view.hash) return fail('hash_conflict');
        record.view = this.makeView(args.view, record.user, record.view, record.view.root_view_id as string);
        delete record.errors;
        return ok({ view: record.view });
      }
      case 'views.publish': {
        const user = typeof args.user_id === 'string' ? args.user_id : '';
        if (!this.people[user]) return fail('user_not_found');
        const existing = this.homes.get(user);
        if (typeof args.hash === 'string' && existing && args.hash !== existing.view.hash)
          return fail('hash_conflict');
        const view = this.makeView(args.view, user, existing?.view);
        if (view.type !== 'home') return fail('invalid_arguments');
        this.homes.set(user, { user, view });
        return ok({ view });
      }
      default:
        return fail('unknown_method');
    }
  }
}

function summary(method: string, args: Json): string {
  const bits: string[] = [];
  for (const key of ['channel', 'user', 'user_id', 'thread_ts', 'timestamp', 'view_id', 'usergroup']) {
    if (typeof args[key] === 'string') bits.push(`${key}=${args[key] as string}`);
  }
  const view = args.view as Json | undefined;
  if (view && typeof view === 'object') {
    const title = (view.title as Json | undefined)?.text;
    bits.push(`view=${String(view.type)}${title ? ` “${String(title)}”` : ''}`);
  }
  if (Array.isArray(args.blocks)) bits.push(`${args.blocks.length} blocks`);
  return `${method} ${bits.join(' ')}`.trim();
}
