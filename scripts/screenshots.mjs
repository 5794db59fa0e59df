#!/usr/bin/env node
// Screenshots of every playground surface for the README, taken in Debian's chromium through
// playwright-core (no browser download). Builds dist/, starts `node dist/playground/main.js`
// on a free port, drives the page, and writes docs/screenshots/*.png.
//
//   node scripts/screenshots.mjs [--pack DIR] [--no-build]
/* global document, window -- used in code evaluated in the page */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const argv = process.argv.slice(2);
const packIndex = argv.indexOf('--pack');
const pack = packIndex >= 0 ? argv[packIndex + 1] : undefined;

if (!existsSync(CHROMIUM)) {
  console.error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium).`);
  process.exit(1);
}
if (!argv.includes('--no-build')) {
  for (const project of ['tsconfig.build.json', 'tsconfig.playground.json'])
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], {
      cwd: ROOT,
      stdio: 'inherit',
    });
}

function startDemo() {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'dist/playground/main.js'), '--port', '0', ...(pack ? ['--pack', pack] : [])],
    { cwd: ROOT, env: { ...process.env, CONDUCT_PACK: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${err}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      // The demo prints only the page's address.
      const match = /^(http:\/\/\S+?)\/?\n/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`demo exited (${code}):\n${err}`)));
  });
}

const { child, url } = await startDemo();
const profile = mkdtempSync(join(tmpdir(), 'conduct-shots-'));
// A fresh, throw-away profile; playwright-core drives the system chromium and downloads nothing.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 860 },
  deviceScaleFactor: 1,
});
mkdirSync(OUT, { recursive: true });
const written = [];

try {
  const page = context.pages()[0] ?? (await context.newPage());

  /** Grows the window to fit the newest message (or modal), so long answers are not cut. */
  async function fit(selector) {
    const height = await page.evaluate((sel) => {
      const node = document.querySelector(sel);
      if (!node) return 860;
      const scroller = node.closest('.messages, .home, .modal-body');
      const extra = scroller ? scroller.scrollHeight - scroller.clientHeight : 0;
      return Math.min(2200, window.innerHeight + Math.max(0, extra));
    }, selector);
    await page.setViewportSize({ width: 1280, height: Math.max(860, height) });
    await page.evaluate(() => {
      const list = document.querySelector('.messages');
      if (list) list.scrollTop = list.scrollHeight;
    });
  }

  async function shot(name) {
    const file = join(OUT, `${name}.png`);
    await page.waitForTimeout(150);
    await page.screenshot({ path: file });
    written.push(file);
    await page.setViewportSize({ width: 1280, height: 860 });
  }

  const send = async (text) => {
    await page.fill('#composer', text);
    await page.press('#composer', 'Enter');
  };
  const ephemerals = () => page.locator('.msg.ephemeral');
  /** Dismisses earlier private answers so each shot shows one. */
  async function clearEphemerals() {
    while ((await ephemerals().count()) > 0) {
      await ephemerals().first().locator('.ephemeral-note .link-button').click();
      await page.waitForTimeout(50);
    }
  }

  // 1. #general with the HR-pinned card (and the API log that put it there).
  await page.goto(`${url}/`);
  await page.locator('.msg.pinned .b-actions').first().waitFor();
  await shot('channel-pinned-card');

  // 2. An ephemeral /conduct answer.
  await page.goto(`${url}/?log=0`);
  await page.locator('.msg.pinned').waitFor();
  await clearEphemerals();
  let count = await ephemerals().count();
  await send('/conduct Can I ask my coworker out for a drink?');
  await ephemerals().nth(count).waitFor();
  await fit('.msg.ephemeral:last-of-type');
  await shot('ephemeral-answer');

  // 3. A DM answered in a thread.
  await page.goto(`${url}/?log=0&view=dm`);
  await page.locator('#composer[placeholder="Message Conduct Nudge"]').waitFor();
  await send('I have a crush on a client, can I ask her out?');
  await page.locator('.thread .msg').first().waitFor();
  await fit('.thread');
  await shot('dm-thread');

  // 4. The question modal, answered in place.
  await page.goto(`${url}/?log=0`);
  await page.locator('.msg.pinned').waitFor();
  await clearEphemerals();
  await page.click('#shortcuts-button');
  await page.click('[data-shortcut="ask_conduct_question"]');
  await page.locator('#modal textarea').waitFor();
  await page.fill('#modal textarea', 'A colleague keeps giving me expensive gifts. Can I accept them?');
  await page.click('#modal-submit');
  await page.locator('#modal-title', { hasText: 'Conduct Nudge' }).waitFor();
  await page.setViewportSize({ width: 1280, height: 1100 });
  await shot('modal-answer');
  await page.click('#modal-close');
  await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });

  // 5. App Home.
  await page.goto(`${url}/?log=0&view=home`);
  await page.locator('#home .b-header').waitFor();
  await shot('app-home');

  // 6. A harassment question: reporting contacts first.
  await page.goto(`${url}/?log=0`);
  await page.locator('.msg.pinned').waitFor();
  await clearEphemerals();
  count = await ephemerals().count();
  await send('/conduct my manager keeps touching me after I said no');
  await ephemerals().nth(count).waitFor();
  await fit('.msg.ephemeral:last-of-type');
  await shot('harassment-answer');

  // 7. The message shortcut on a teammate's message: what worries you, then the answer.
  await page.goto(`${url}/?log=0`);
  await page.locator('.msg.pinned').waitFor();
  await clearEphemerals();
  const message = page.locator('.msg[data-user="U0SAM"]').nth(1);
  await message.hover();
  await message.locator('.hover-button').click();
  await message.locator('[data-shortcut="message_nudge"]').click();
  await page.locator('#modal-body', { hasText: 'What worries you' }).waitFor();
  await shot('message-shortcut-modal');
  await page.locator('#modal-body input[type="radio"]').first().check();
  await page.click('#modal-submit');
  await page.locator('#modal-body .b-header').first().waitFor();
  await page.setViewportSize({ width: 1280, height: 1100 });
  await shot('message-shortcut-answer');
  await page.click('#modal-close');

  // 8. A topic button: the topic's overview and common questions.
  await page.goto(`${url}/?log=0`);
  await page.locator('.msg.pinned').waitFor();
  await clearEphemerals();
  count = await ephemerals().count();
  await page.locator('.msg.pinned select').selectOption({ label: 'Harassment and safety' });
  await ephemerals().nth(count).waitFor();
  await fit('.msg.ephemeral:last-of-type');
  await shot('topic-card');

  // 9. At phone width (390 px): an answer, and the pinned card.
  const phone = async (name, action) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/?log=0`);
    await page.locator('.msg.pinned').waitFor();
    await clearEphemerals();
    await action();
    await page.waitForTimeout(150);
    const file = join(OUT, `${name}.png`);
    await page.screenshot({ path: file });
    written.push(file);
  };
  await phone('phone-pinned-card', async () => {
    await page.evaluate(() => {
      const list = document.querySelector('.messages');
      if (list) list.scrollTop = 0;
    });
  });
  await phone('phone-answer', async () => {
    const before = await ephemerals().count();
    await send('/conduct Can I ask a customer out for coffee?');
    await ephemerals().nth(before).waitFor();
    await ephemerals().nth(before).scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('.msg.ephemeral:last-of-type')?.scrollIntoView());
  });
  await page.setViewportSize({ width: 1280, height: 860 });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  child.kill('SIGTERM');
}
for (const file of written) console.log(`wrote ${file.slice(ROOT.length)}`);
