// Reference target for bench/slack.mjs: a bare Bolt app (default HTTPReceiver) whose
// `/conduct` acks a static text. Same Bolt version and Web API stand-in as the real app, so
// the difference is what the real app adds (the filter, engine, rendering, logging, metrics).
// Env: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL, PORT. Listens on 127.0.0.1 only.
import bolt from '@slack/bolt';

const { App, LogLevel } = bolt;

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  token: process.env.SLACK_BOT_TOKEN,
  logLevel: LogLevel.WARN,
  clientOptions: process.env.SLACK_API_URL ? { slackApiUrl: process.env.SLACK_API_URL } : {},
});

app.command('/conduct', async ({ ack }) => {
  await ack({ response_type: 'ephemeral', text: 'Conduct Nudge: ask me about conduct at work, privately.' });
});

await app.start({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });

const stop = async () => {
  await app.stop().catch(() => undefined);
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
