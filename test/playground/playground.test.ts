import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The playground end to end in a real browser: `node dist/playground/main.js` starts the real
 * app and the playground, and Debian's chromium (driven by playwright-core, never downloaded)
 * uses the page as a person would.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `\n!!! SKIPPED: playground browser tests need chromium at ${CHROMIUM}.\n!!! Install it with: apt-get update && apt-get install -y chromium\n`,
  );
}

const reminders = (
  parse(readFileSync(join(ROOT, 'packs/default/reminders.yaml'), 'utf8')) as {
    reminders: Array<{ id: string; title: string }>;
  }
).reminders;
const title = (id: string) => reminders.find((r) => r.id === id)?.title ?? `missing reminder ${id}`;

let demo: ChildProcess;
let url: string;
let profile: string;
let context: BrowserContext;
let page: Page;
const demoErr: string[] = [];

async function startDemo(): Promise<string> {
  demo = spawn(process.execPath, [join(ROOT, 'dist/playground/main.js'), '--port', '0'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  demo.stderr?.on('data', (d: Buffer) => demoErr.push(String(d)));
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${demoErr.join('')}`)), 30_000);
    demo.stdout?.on('data', (d: Buffer) => {
      out += String(d);
      // The demo prints only the page's address.
      const match = /^(http:\/\/\S+?)\/?\n/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    demo.once('exit', (code) => reject(new Error(`demo exited (${code}): ${demoErr.join('')}`)));
  });
}

interface Snapshot {
  messages: Array<{ ts: string; text: string; ephemeral?: boolean; visibleTo?: string; pinned?: boolean }>;
  calls: Array<{ direction: string; method: string; detail?: string; ok: boolean }>;
}

async function state(): Promise<Snapshot> {
  return (await (await fetch(`${url}/ui/state`)).json()) as Snapshot;
}

/** Loads the page (#general, or ?view=dm / ?view=home) and waits for the first state. */
async function open(query = ''): Promise<void> {
  await page.goto(`${url}/${query}`);
  await page.waitForFunction('document.body.dataset.version !== undefined');
  if (!query) await page.locator('.msg.pinned').waitFor();
}

async function send(text: string): Promise<void> {
  await page.fill('#composer', text);
  await page.press('#composer', 'Enter');
}

/** The next private answer to appear after `before` were on screen. */
async function nextEphemeral(before: number) {
  const answer = page.locator('#messages > .msg.ephemeral').nth(before);
  await answer.waitFor();
  return answer;
}

describe.skipIf(!hasChromium)('playground in a real browser', () => {
  beforeAll(async () => {
    url = await startDemo();
    profile = mkdtempSync(join(tmpdir(), 'conduct-playground-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(10_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => demoErr.push(`page error: ${error.message}`));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo.once('exit', resolve));
      demo.kill('SIGINT');
      await exited;
    }
  });

  it('starts with the HR card pinned in #general by the HR admin', async () => {
    await open();
    const card = page.locator('.msg.pinned');
    await expect(card.locator('.b-header').textContent()).resolves.toMatch(/Ask privately/);
    await expect(card.locator('.pin-note').textContent()).resolves.toMatch(/Pinned/);
    const calls = (await state()).calls.map((c) => c.method);
    expect(calls).toEqual(
      expect.arrayContaining(['auth.test', 'command /conduct', 'chat.postMessage', 'pins.add']),
    );
  });

  it('answers /conduct with an ephemeral message carrying both reminders', async () => {
    await open();
    const before = await page.locator('#messages > .msg.ephemeral').count();
    await send('/conduct Can I ask my coworker out for a drink?');
    const answer = await nextEphemeral(before);
    const text = (await answer.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Only visible to you');
    expect(text).toContain(title('boundary-respect'));
    expect(text).toContain(title('discretion'));
    // Nothing was posted to the channel: the answer came back in the command's ack.
    const last = (await state()).messages.at(-1);
    expect(last).toMatchObject({ ephemeral: true, visibleTo: 'U0YOU' });
  });

  it('answers a DM in a thread under the question', async () => {
    await open('?view=dm');
    const question = `I have a crush on a client, can I ask her out? ${Date.now()}`;
    await send(question);
    const mine = page.locator('#messages > .msg', { hasText: question });
    await mine.waitFor();
    const reply = mine.locator('.thread .msg[data-user="UBOT"]');
    await reply.waitFor();
    // An answer, or "Is this about…?" when two topics are close: either way a Block Kit reply
    // with a section and buttons to act on, not a bare line of text.
    await expect(reply.locator('.b-section').count()).resolves.toBeGreaterThan(0);
    await expect(reply.locator('.b-actions button').count()).resolves.toBeGreaterThan(0);
    const calls = (await state()).calls;
    expect(calls.some((c) => c.method === 'chat.postMessage' && /thread_ts=/.test(c.detail ?? ''))).toBe(
      true,
    );
  });

  it('answers a pinned-card click to the clicker only and leaves the card unchanged', async () => {
    await open();
    const card = page.locator('#messages > .msg.pinned');
    const cardBefore = await card.innerHTML();
    const before = await page.locator('#messages > .msg.ephemeral').count();
    // "Ask privately" comes first; the topics are one menu.
    await expect(card.locator('.b-actions button').first().innerText()).resolves.toBe('Ask privately');
    await card.locator('.b-actions select').selectOption({ index: 2 });
    const answer = await nextEphemeral(before);
    await expect(answer.innerText()).resolves.toContain('Only visible to you');
    await expect(answer.innerText()).resolves.toContain('Common questions');
    expect(await card.innerHTML()).toBe(cardBefore);
    const snap = await state();
    const pinned = snap.messages.filter((m) => m.pinned);
    expect(pinned).toHaveLength(1);
    expect(pinned[0]).not.toHaveProperty('edited');
    expect(snap.calls.filter((c) => c.method === 'response_url').at(-1)?.detail).toBe('ephemeral to U0YOU');
  });

  it('updates the question modal in place with the answer', async () => {
    await open();
    await page.click('#shortcuts-button');
    await page.click('[data-shortcut="ask_conduct_question"]');
    const textarea = page.locator('#modal textarea');
    await textarea.waitFor();
    const viewId = await page.locator('#modal').getAttribute('data-view-id');
    await textarea.fill('Can I accept an expensive gift from a vendor?');
    await page.click('#modal-submit');
    await page.locator('#modal-title', { hasText: 'Conduct Nudge' }).waitFor();
    expect(await page.locator('#modal').getAttribute('data-view-id')).toBe(viewId);
    await expect(page.locator('#modal-body .b-header').first().textContent()).resolves.toBeTruthy();
    expect(await page.locator('#modal textarea').count()).toBe(0);
    await page.click('#modal-close');
    await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });
  });

  it('puts reporting contacts first for a harassment question', async () => {
    await open();
    const before = await page.locator('#messages > .msg.ephemeral').count();
    await send('/conduct my manager keeps touching me after I said no');
    const answer = await nextEphemeral(before);
    const blocks = answer.locator('.blocks > *');
    // The neutral line a notification may show, a line that believes them, then the contacts.
    await expect(blocks.nth(0).innerText()).resolves.toBe('Conduct Nudge replied privately');
    await expect(blocks.nth(1).innerText()).resolves.toMatch(/^Thank you for telling me/);
    await expect(blocks.nth(2).innerText()).resolves.toMatch(/^Who can help/);
  });

  it('publishes App Home and answers the message shortcut privately', async () => {
    await open('?view=home');
    await page.locator('#home .b-header', { hasText: 'Conduct Nudge' }).waitFor();
    expect(await page.locator('#home .b-actions button').count()).toBeGreaterThan(3);

    await open();
    const before = await page.locator('#messages > .msg.ephemeral').count();
    const message = page.locator('#messages > .msg[data-user="U0SAM"]').nth(1);
    await message.hover();
    await message.locator('.hover-button').click();
    await message.locator('[data-shortcut="message_nudge"]').click();
    // A window asks what worries the person; the message is read only to answer, not kept.
    await page.locator('#modal-body', { hasText: 'What worries you about this message?' }).waitFor();
    await expect(page.locator('#modal-body').innerText()).resolves.toContain('I don’t keep it');
    await page.locator('#modal-body input[type="radio"]').nth(3).check();
    await page.click('#modal-submit');
    await page.locator('#modal-body .b-header').first().waitFor();
    expect(await page.locator('#messages > .msg.ephemeral').count()).toBe(before);
    await page.click('#modal-close');
    await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });
  });

  it('drops ephemeral answers on reload, as Slack does, and has a favicon', async () => {
    await open();
    const before = await page.locator('#messages > .msg.ephemeral').count();
    await send('/conduct can I accept a gift card from a client?');
    await nextEphemeral(before);
    await open();
    expect(await page.locator('#messages > .msg.ephemeral').count()).toBe(0);
    expect((await fetch(`${url}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('switches to the HR admin, who may pin a card', async () => {
    await open();
    await page.check('#as-admin');
    await page.locator('#me-name', { hasText: 'Harper' }).waitFor();
    const before = await page.locator('#messages > .msg.ephemeral').count();
    await send('/conduct pin boundaries');
    await expect((await nextEphemeral(before)).innerText()).resolves.toMatch(/posted and pinned/);
    await page.uncheck('#as-admin');
    await page.locator('#me-name', { hasText: 'Alex' }).waitFor();
  });

  it('shows typed HTML as text', async () => {
    await open('?view=dm');
    const attack = '<img src=x onerror="window.__pwned=1"> *hi* <javascript:alert(1)|x>';
    await send(attack);
    const mine = page.locator('#messages > .msg', { hasText: 'onerror' }).last();
    await mine.waitFor();
    await mine.locator('.thread .msg').waitFor();
    expect(await mine.locator('.msg-text img').count()).toBe(0);
    expect(await mine.locator('.msg-text a').count()).toBe(0);
    expect(await mine.locator('.msg-text').innerText()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(demoErr.filter((line) => line.startsWith('page error'))).toEqual([]);
  });
});
