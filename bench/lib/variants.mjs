// Variants of the two Bolt targets, to attribute the app's per-request cost (used by
// bench/lib/compare-variants.mjs). VARIANT is one of:
//   bolt-17         bare Bolt + 16 no-op listeners shaped like the app's (17 in all)
//   bolt-convo-off  bare Bolt with convoStore: false
//   bolt-bigack     bare Bolt acking a real rendered answer (blocks) computed once at start
//   app-memo        the real app (createConductApp) with engine answers memoised per text
// Env as for the references (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL, PORT).
import bolt from '@slack/bolt';
import { createConductApp } from '../../dist/app.js';
import { loadConfig } from '../../dist/config.js';
import { loadEngine } from '../../dist/engine/index.js';
import { answerBlocks, answerFallback } from '../../dist/render/blocks/index.js';

const { App, LogLevel } = bolt;
const variant = process.env.VARIANT;
const port = Number(process.env.PORT);
const noop = async ({ ack }) => ack?.();

if (variant === 'app-memo') {
  const config = loadConfig();
  const real = loadEngine(config.packDir);
  const memo = new Map();
  const engine = {
    ...real,
    answer(text, relationship) {
      const key = `${relationship}|${text}`;
      if (!memo.has(key)) memo.set(key, real.answer(text, relationship));
      return memo.get(key);
    },
  };
  const conduct = await createConductApp(config, { engine });
  await conduct.start(port);
} else {
  const app = new App({
    signingSecret: process.env.SLACK_SIGNING_SECRET,
    token: process.env.SLACK_BOT_TOKEN,
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
    ...(variant === 'bolt-convo-off' ? { convoStore: false } : {}),
  });
  let payload = {
    response_type: 'ephemeral',
    text: 'Conduct Nudge: ask me about conduct at work, privately.',
  };
  if (variant === 'bolt-bigack') {
    const { answer } = loadEngine().answer('Is it ok to ask a coworker out for dinner?');
    payload = { response_type: 'ephemeral', text: answerFallback(answer), blocks: answerBlocks(answer) };
  }
  app.command('/conduct', async ({ ack }) => ack(payload));
  if (variant === 'bolt-17') {
    app.command(/^(?!\/conduct$)/, noop);
    for (const id of ['a', 'b', 'c', 'd']) app.shortcut(`shortcut_${id}`, noop);
    for (const id of ['topic', 'who', 'feedback', 'link']) app.action(new RegExp(`^${id}:`), noop);
    app.action('ask_privately', noop);
    app.action(/^(?!(?:topic|who|feedback|link|ask_privately)(?::|$))/, noop);
    app.view('question_modal', noop);
    for (const name of ['app_home_opened', 'message', 'app_uninstalled', 'tokens_revoked'])
      app.event(name, noop);
  }
  await app.start({ port, host: '127.0.0.1' });
}
process.once('SIGTERM', () => process.exit(0));
