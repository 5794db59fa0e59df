import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import {
  APP_ID,
  BOT,
  dmFor,
  GENERAL,
  type Json,
  type Message,
  PEOPLE,
  slackEscape,
  TEAM,
  type ViewRecord,
  World,
} from './world.js';

/**
 * The playground server: serves the page, stands in for Slack's Web API and response_url hooks
 * (the app reaches it through SLACK_API_URL), and turns what a person does on the page into
 * signed Slack requests to the app's /slack/events, exactly as Slack would send them.
 */
export interface PlaygroundOptions {
  signingSecret: string;
  botToken: string;
  /** The app's base URL (http://127.0.0.1:PORT); can be set later with setAppUrl. */
  appUrl?: string;
  /** Shown on the page: which pack the app runs with. */
  packLabel?: string;
}

export interface Playground {
  world: World;
  server: Server;
  url: string;
  setAppUrl(url: string): void;
  /** Teammates' messages, then `/conduct pin` as the HR admin in #general. */
  seed(): Promise<void>;
  close(): Promise<void>;
}

const STATIC_DIR = new URL('../../playground/static/', import.meta.url);
const MRKDWN_MODULE = new URL('./mrkdwn.js', import.meta.url);
const STATIC: Record<string, { file: URL; type: string }> = {
  '/': { file: new URL('index.html', STATIC_DIR), type: 'text/html; charset=utf-8' },
  '/app.js': { file: new URL('app.js', STATIC_DIR), type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: new URL('style.css', STATIC_DIR), type: 'text/css; charset=utf-8' },
  '/mrkdwn.js': { file: MRKDWN_MODULE, type: 'text/javascript; charset=utf-8' },
  '/favicon.svg': { file: new URL('favicon.svg', STATIC_DIR), type: 'image/svg+xml' },
};
const MANIFEST = new URL('../../manifest.yml', import.meta.url);

export interface Shortcut {
  name: string;
  type: 'global' | 'message';
  callback_id: string;
  description: string;
}

/** The shortcuts Slack would list, from the app's own manifest. */
export function manifestShortcuts(): Shortcut[] {
  try {
    const manifest = parse(readFileSync(MANIFEST, 'utf8')) as { features?: { shortcuts?: Shortcut[] } };
    return (manifest.features?.shortcuts ?? []).filter(
      (s) => (s.type === 'global' || s.type === 'message') && typeof s.callback_id === 'string',
    );
  } catch {
    return [];
  }
}

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const BODY_LIMIT = 2 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'users']);

/** The Web API client form-encodes its arguments, with nested ones as JSON strings. */
export function parseApiArgs(body: string, contentType: string | undefined): Json {
  if (contentType?.includes('application/json')) {
    try {
      const parsed = JSON.parse(body) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Json) : {};
    } catch {
      return {};
    }
  }
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (JSON_FIELDS.has(key)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON: keep the string, as Slack would reject it
      }
    }
    out[key] = value;
  }
  return out;
}

/** Slack's v0 request signature. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function person(id: string) {
  const p = Object.values(PEOPLE).find((x) => x.id === id);
  return { id, username: p?.handle ?? id, name: p?.handle ?? id, team_id: TEAM.id };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export async function startPlayground(
  options: PlaygroundOptions,
  port = 0,
  host = '127.0.0.1',
): Promise<Playground> {
  const world = new World(options.botToken);
  /** Who the page acts as: you, or (the HR admin switch) the HR admin who may pin cards. */
  let ME: string = PEOPLE.you.id;
  const shortcuts = manifestShortcuts();
  let appUrl = options.appUrl;
  const sse = new Set<ServerResponse>();
  let pending = false;

  world.onChange(() => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      const data = `event: state\ndata: ${JSON.stringify(snapshot())}\n\n`;
      for (const client of sse) client.write(data);
    });
  });

  function snapshot() {
    const visible = (m: Message) =>
      (!m.ephemeral || m.visibleTo === ME) && (m.channel === GENERAL.id || m.channel === dmFor(ME));
    const top = world.topModal(ME);
    return {
      version: world.version,
      me: ME,
      packLabel: options.packLabel ?? 'default pack',
      shortcuts,
      appReady: Boolean(appUrl),
      people: Object.fromEntries(
        [...Object.values(PEOPLE), { id: BOT.userId, name: BOT.name, handle: 'conduct_nudge' }].map((p) => [
          p.id,
          { name: p.name, title: (p as { title?: string }).title ?? '' },
        ]),
      ),
      bot: BOT,
      channels: [
        { id: GENERAL.id, name: GENERAL.name, kind: 'channel' },
        { id: dmFor(ME), name: BOT.name, kind: 'im' },
      ],
      messages: world.messages.filter(visible),
      modal: top
        ? { view: top.view, errors: top.errors ?? {}, depth: world.modals.get(ME)?.length ?? 0 }
        : null,
      home: world.homes.get(ME)?.view ?? null,
      calls: world.calls.slice(-120),
      notices: world.notices.slice(-5),
    };
  }

  /** Sends one signed request to the app, as Slack would, and records it. */
  async function toApp(
    kind: string,
    body: string,
    contentType: string,
    logged: unknown,
  ): Promise<{ status: number; text: string }> {
    if (!appUrl) {
      world.notice('The app is not running yet.');
      return { status: 0, text: '' };
    }
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(`${appUrl}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature(options.signingSecret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(3_000),
      });
      const text = await response.text();
      world.record(
        'to-app',
        kind,
        response.ok,
        logged,
        `HTTP ${response.status}${text ? ' with a body' : ''}`,
      );
      if (!response.ok) world.notice(`The app answered ${kind} with HTTP ${response.status}.`);
      return { status: response.status, text };
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      world.record('to-app', kind, false, logged, timedOut ? 'no ack within 3 s' : 'request failed');
      world.notice(
        timedOut
          ? `The app did not acknowledge ${kind} within 3 seconds (Slack would show an error).`
          : `Could not reach the app for ${kind}.`,
      );
      return { status: 0, text: '' };
    }
  }

  const interaction = (kind: string, payload: Json) =>
    toApp(
      kind,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      payload,
    );

  function event(event: Json) {
    const envelope = {
      token: 'playground-verification-token',
      team_id: TEAM.id,
      api_app_id: APP_ID,
      event,
      type: 'event_callback',
      event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: TEAM.id,
          user_id: BOT.userId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    };
    return toApp(`event ${String(event.type)}`, JSON.stringify(envelope), 'application/json', envelope);
  }

  function parseAck(text: string): Json | undefined {
    if (!text.trim()) return undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Json) : { text };
    } catch {
      return { text };
    }
  }

  async function slashCommand(user: string, channel: string, input: string): Promise<void> {
    const match = /^(\/\S+)\s*([\s\S]*)$/.exec(input.trim());
    if (!match) return;
    const [, command = '', text = ''] = match;
    const hook = world.newHook({ channel, user });
    const fields = {
      token: 'playground-verification-token',
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: channel,
      channel_name: world.channelName(channel),
      user_id: user,
      user_name: person(user).username,
      command,
      text: slackEscape(text),
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: `${playgroundUrl}/hooks/${hook.id}`,
      trigger_id: world.newTrigger(user),
    };
    const { status, text: ackText } = await toApp(
      `command ${command}`,
      new URLSearchParams(fields).toString(),
      'application/x-www-form-urlencoded',
      fields,
    );
    const ack = status === 200 ? parseAck(ackText) : undefined;
    if (ack && (typeof ack.text === 'string' || Array.isArray(ack.blocks))) {
      world.addMessage({
        channel,
        user: BOT.userId,
        botId: BOT.botId,
        text: str(ack.text) ?? '',
        blocks: ack.blocks as Json[] | undefined,
        ephemeral: ack.response_type !== 'in_channel',
        visibleTo: user,
        via: 'command ack',
      });
    }
  }

  async function say(user: string, channel: string, input: string, threadTs?: string): Promise<void> {
    if (input.trim().startsWith('/')) return slashCommand(user, channel, input);
    const message = world.addMessage({ channel, user, text: slackEscape(input), threadTs, via: 'you' });
    if (channel === dmFor(user)) {
      await event({
        type: 'message',
        client_msg_id: randomBytes(16).toString('hex'),
        text: message.text,
        user,
        ts: message.ts,
        team: TEAM.id,
        channel,
        event_ts: message.ts,
        channel_type: 'im',
        ...(threadTs
          ? { thread_ts: threadTs, parent_user_id: world.findMessage(channel, threadTs)?.user }
          : {}),
      });
    }
  }

  function messagePayload(message: Message): Json {
    return {
      type: 'message',
      ts: message.ts,
      text: message.text,
      ...(message.botId ? { bot_id: message.botId, user: message.user } : { user: message.user }),
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    };
  }

  function findButton(blocks: unknown, blockId: string, actionId: string): Json | undefined {
    if (!Array.isArray(blocks)) return undefined;
    const block = (blocks as Json[]).find((b) => b.block_id === blockId);
    if (!block) return undefined;
    const elements = [
      ...(Array.isArray(block.elements) ? (block.elements as Json[]) : []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    return elements.find((e) => e.action_id === actionId);
  }

  /** The index of a picked menu option, as the page sent it; anything else is no pick. */
  function selectedOf(raw: unknown): number | undefined {
    return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw < 100 ? raw : undefined;
  }

  function actionFrom(element: Json, blockId: string, selected?: number): Json {
    const options = Array.isArray(element.options) ? (element.options as Json[]) : [];
    const picked = selected === undefined ? undefined : options[selected];
    return {
      type: element.type,
      ...(picked ? { selected_option: picked } : {}),
      action_id: element.action_id,
      block_id: blockId,
      text: element.text,
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.url !== undefined ? { url: element.url } : {}),
      ...(element.style !== undefined ? { style: element.style } : {}),
      action_ts: `${Date.now() / 1000}`,
    };
  }

  /** Turns the page's {block: {action: value}} into Slack's typed view state. */
  function viewState(view: ViewRecord['view'], values: unknown): Json {
    const out: Record<string, Record<string, Json>> = {};
    const given = (values && typeof values === 'object' ? values : {}) as Record<
      string,
      Record<string, unknown>
    >;
    for (const block of (view.blocks as Json[]) ?? []) {
      if (block.type !== 'input') continue;
      const element = block.element as Json | undefined;
      const blockId = str(block.block_id);
      const actionId = str(element?.action_id);
      if (!element || !blockId || !actionId) continue;
      const raw = given[blockId]?.[actionId];
      const value = typeof raw === 'string' && raw.length > 0 ? raw : null;
      if (element.type === 'radio_buttons') {
        const options = Array.isArray(element.options) ? (element.options as Json[]) : [];
        const option = options.find((o) => o.value === value) ?? null;
        out[blockId] = { [actionId]: { type: element.type, selected_option: option } };
      } else out[blockId] = { [actionId]: { type: element.type, value } };
    }
    return { values: out };
  }

  async function clickMessageButton(
    user: string,
    channel: string,
    ts: string,
    blockId: string,
    actionId: string,
    selected?: number,
  ) {
    const message = world.findMessage(channel, ts);
    if (!message || (message.ephemeral && message.visibleTo !== user)) return;
    const element = findButton(message.blocks, blockId, actionId);
    if (!element) return;
    const hook = world.newHook({ channel, user, messageTs: ts, threadTs: message.threadTs });
    await interaction('block_actions', {
      type: 'block_actions',
      user: person(user),
      api_app_id: APP_ID,
      token: 'playground-verification-token',
      container: {
        type: 'message',
        message_ts: ts,
        channel_id: channel,
        is_ephemeral: Boolean(message.ephemeral),
      },
      trigger_id: world.newTrigger(user),
      team: { id: TEAM.id, domain: TEAM.domain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: world.channelName(channel) },
      // Slack sends the message itself only for messages everyone sees.
      ...(message.ephemeral ? {} : { message: messagePayload(message) }),
      state: { values: {} },
      response_url: `${playgroundUrl}/hooks/${hook.id}`,
      actions: [actionFrom(element, blockId, selected)],
    });
  }

  async function clickViewButton(
    user: string,
    viewId: string,
    blockId: string,
    actionId: string,
    values: unknown,
    selected?: number,
  ) {
    const record = world.findView(viewId);
    if (!record || record.user !== user) return;
    const element = findButton(record.view.blocks, blockId, actionId);
    if (!element) return;
    await interaction('block_actions', {
      type: 'block_actions',
      user: person(user),
      api_app_id: APP_ID,
      token: 'playground-verification-token',
      container: { type: 'view', view_id: viewId },
      trigger_id: world.newTrigger(user),
      team: { id: TEAM.id, domain: TEAM.domain },
      enterprise: null,
      is_enterprise_install: false,
      view: { ...record.view, state: viewState(record.view, values) },
      actions: [actionFrom(element, blockId, selected)],
    });
  }

  async function submitView(user: string, viewId: string, values: unknown): Promise<void> {
    const stack = world.modals.get(user) ?? [];
    const index = stack.findIndex((r) => r.view.id === viewId);
    const record = stack[index];
    if (!record) return;
    const { status, text } = await interaction('view_submission', {
      type: 'view_submission',
      team: { id: TEAM.id, domain: TEAM.domain },
      user: person(user),
      api_app_id: APP_ID,
      token: 'playground-verification-token',
      trigger_id: world.newTrigger(user),
      view: { ...record.view, state: viewState(record.view, values) },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
    if (status !== 200) return;
    const ack = parseAck(text) ?? {};
    switch (ack.response_action) {
      case 'update':
        record.view = world.makeView(ack.view, user, record.view, record.view.root_view_id as string);
        delete record.errors;
        break;
      case 'push': {
        const view = world.makeView(ack.view, user, undefined, record.view.root_view_id as string);
        view.previous_view_id = record.view.id;
        stack.push({ user, view });
        break;
      }
      case 'errors':
        record.errors = (ack.errors ?? {}) as Record<string, string>;
        break;
      case 'clear':
        world.modals.delete(user);
        break;
      default:
        stack.splice(index, 1);
        if (stack.length === 0) world.modals.delete(user);
    }
    world.changed();
  }

  async function closeView(user: string, viewId: string): Promise<void> {
    const stack = world.modals.get(user) ?? [];
    const record = stack.find((r) => r.view.id === viewId);
    if (!record) return;
    stack.splice(stack.indexOf(record), 1);
    if (stack.length === 0) world.modals.delete(user);
    world.changed();
    if (record.view.notify_on_close === true) {
      await interaction('view_closed', {
        type: 'view_closed',
        team: { id: TEAM.id, domain: TEAM.domain },
        user: person(user),
        api_app_id: APP_ID,
        view: record.view,
        is_cleared: false,
      });
    }
  }

  async function shortcut(user: string, callbackId: string): Promise<void> {
    await interaction(`shortcut ${callbackId}`, {
      type: 'shortcut',
      token: 'playground-verification-token',
      action_ts: `${Date.now() / 1000}`,
      team: { id: TEAM.id, domain: TEAM.domain },
      user: person(user),
      is_enterprise_install: false,
      enterprise: null,
      callback_id: callbackId,
      trigger_id: world.newTrigger(user),
    });
  }

  async function messageShortcut(
    user: string,
    callbackId: string,
    channel: string,
    ts: string,
  ): Promise<void> {
    const message = world.findMessage(channel, ts);
    if (!message || message.ephemeral) return;
    const hook = world.newHook({ channel, user, threadTs: message.threadTs });
    await interaction(`message_action ${callbackId}`, {
      type: 'message_action',
      token: 'playground-verification-token',
      action_ts: `${Date.now() / 1000}`,
      team: { id: TEAM.id, domain: TEAM.domain },
      user: person(user),
      channel: { id: channel, name: world.channelName(channel) },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: callbackId,
      trigger_id: world.newTrigger(user),
      response_url: `${playgroundUrl}/hooks/${hook.id}`,
      message_ts: ts,
      message: messagePayload(message),
    });
  }

  async function openHome(user: string): Promise<void> {
    const home = world.homes.get(user)?.view;
    await event({
      type: 'app_home_opened',
      user,
      channel: dmFor(user),
      tab: 'home',
      event_ts: `${Date.now() / 1000}`,
      ...(home ? { view: home } : {}),
    });
  }

  /** Page → playground: what the person did. Always acts as "you". */
  async function ui(path: string, input: Json): Promise<void> {
    const channel = str(input.channel) ?? '';
    switch (path) {
      case '/ui/send': {
        const text = str(input.text) ?? '';
        if (!text.trim() || !world.channelExists(channel) || text.length > 40_000) return;
        if (channel !== GENERAL.id && channel !== dmFor(ME)) return;
        return say(ME, channel, text, str(input.threadTs));
      }
      case '/ui/shortcut':
        return shortcut(ME, str(input.callbackId) ?? '');
      case '/ui/message-shortcut':
        return messageShortcut(ME, str(input.callbackId) ?? '', channel, str(input.ts) ?? '');
      case '/ui/action':
        if (input.viewId)
          return clickViewButton(
            ME,
            str(input.viewId) ?? '',
            str(input.blockId) ?? '',
            str(input.actionId) ?? '',
            input.values,
            selectedOf(input.selected),
          );
        return clickMessageButton(
          ME,
          channel,
          str(input.ts) ?? '',
          str(input.blockId) ?? '',
          str(input.actionId) ?? '',
          selectedOf(input.selected),
        );
      case '/ui/submit':
        return submitView(ME, str(input.viewId) ?? '', input.values);
      case '/ui/close':
        return closeView(ME, str(input.viewId) ?? '');
      case '/ui/home':
        return openHome(ME);
      case '/ui/as': {
        ME = input.admin === true ? PEOPLE.hr.id : PEOPLE.you.id;
        world.changed();
        return;
      }
      case '/ui/dismiss': {
        const ts = str(input.ts);
        world.messages = world.messages.filter((m) => !(m.ephemeral && m.visibleTo === ME && m.ts === ts));
        world.changed();
        return;
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://playground.local');
    const path = url.pathname;
    if (req.method === 'POST' && path.startsWith('/api/')) {
      const args = parseApiArgs(await readBody(req), req.headers['content-type']);
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const result = world.api(path.slice('/api/'.length), args, bearer ?? str(args.token));
      return send(res, result.status, result.body);
    }
    if (req.method === 'POST' && path.startsWith('/hooks/')) {
      const raw = await readBody(req);
      let body: Json;
      try {
        body = JSON.parse(raw) as Json;
      } catch {
        body = parseApiArgs(raw, 'application/x-www-form-urlencoded');
      }
      const result = world.hook(path.slice('/hooks/'.length), body);
      return send(res, result.status, result.body);
    }
    if (req.method === 'POST' && path.startsWith('/ui/')) {
      // Only this page may drive the playground: JSON bodies force a CORS preflight elsewhere.
      const origin = req.headers.origin;
      if (
        !req.headers['content-type']?.includes('application/json') ||
        (origin && origin !== playgroundUrl)
      ) {
        req.resume();
        return send(res, 403, { ok: false });
      }
      let input: Json;
      try {
        input = JSON.parse(await readBody(req)) as Json;
      } catch {
        return send(res, 400, { ok: false });
      }
      if (!input || typeof input !== 'object') return send(res, 400, { ok: false });
      await ui(path, input);
      return send(res, 200, { ok: true });
    }
    if (req.method === 'GET' && path === '/ui/state') return send(res, 200, snapshot());
    if (req.method === 'GET' && path === '/ui/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(`retry: 1000\nevent: state\ndata: ${JSON.stringify(snapshot())}\n\n`);
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    const file = req.method === 'GET' ? STATIC[path] : undefined;
    // As in Slack, ephemeral messages vanish when the page reloads.
    if (file && path === '/') {
      const before = world.messages.length;
      world.messages = world.messages.filter((m) => !(m.ephemeral && m.visibleTo === ME));
      if (world.messages.length !== before) world.changed();
    }
    if (file) {
      try {
        const content = await readFile(file.file);
        res.writeHead(200, {
          'content-type': file.type,
          'cache-control': 'no-store',
          'content-security-policy': CSP,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        });
        res.end(content);
      } catch {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`Missing ${path}: run "npm run build" first.`);
      }
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const playgroundUrl = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    world,
    server,
    url: playgroundUrl,
    setAppUrl(url) {
      appUrl = url;
      world.changed();
    },
    async seed() {
      world.addMessage({
        channel: GENERAL.id,
        user: PEOPLE.sam.id,
        text: 'Morning all! Drinks after the quarterly review on Friday? :wave:',
        via: 'seed',
      });
      world.addMessage({
        channel: GENERAL.id,
        user: PEOPLE.sam.id,
        text: 'Also: a customer asked for my personal number so she can text me about her order. Fine to give it?',
        via: 'seed',
      });
      await slashCommand(PEOPLE.hr.id, GENERAL.id, '/conduct pin');
      // The app acks first and pins afterwards; wait for the card so the page starts complete.
      const deadline = Date.now() + 10_000;
      while (!world.messages.some((m) => m.channel === GENERAL.id && m.pinned)) {
        if (Date.now() > deadline) throw new Error('the app did not pin its card in #general');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      for (const client of sse) client.end();
      sse.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
