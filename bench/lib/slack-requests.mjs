// Signed Slack requests for the benchmarks: `/conduct` slash commands (form-encoded, as Slack
// sends them) with varied questions, and `message.im` event callbacks (JSON).
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'bench-signing-secret-8f3a1c0d9e';
export const SLACK_PATH = '/slack/events';

/** Slack's v0 request signature headers for `body` at `timestamp` (seconds). */
export function signatureHeaders(body, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

/** Real-looking questions people might ask, in their own words (written for this benchmark). */
export const QUESTIONS = [
  'Is it ok to ask a coworker out for dinner?',
  'I have a crush on someone on my team, can I tell them?',
  'A customer asked for my phone number after I helped her, should I give it?',
  'Can I date a regular customer who comes in every week?',
  'My manager keeps texting me late at night about non-work stuff, is that normal?',
  'Someone from another department asked me out twice after I said no. What do I do?',
  'Is it fine to accept a bottle of wine from a supplier at Christmas?',
  'A customer tipped me $50 in cash, can I keep it?',
  'Can I add my coworker on Instagram?',
  'My colleague keeps making jokes about my accent and it bothers me',
  'Is it ok to talk about how much I earn with my coworkers?',
  'can I ask my teammate what salary she got offered',
  'People in the break room are gossiping about a coworker getting divorced. Should I say something?',
  'I heard a rumor that someone is getting fired, can I tell my friend at work?',
  'My boss touched my shoulder and it made me uncomfortable',
  'A coworker sent me a really inappropriate meme in DM',
  'Can I give my number to a client so they can reach me directly?',
  'is dating my supervisor allowed',
  'We started dating last month and we are on the same team, do we need to tell HR?',
  'A vendor invited me to a free concert, can I go?',
  'Can I buy my manager a birthday gift?',
  'A customer keeps flirting with me at the register, how do I handle it?',
  'Someone I work with keeps commenting on my body',
  'Can I friend a customer on Facebook after they left the store?',
  'My coworker told me something personal in confidence and now others are asking me about it',
  'Is it ok to hug coworkers when saying goodbye?',
  'a client offered me a job at their company, can I talk to them about it',
  'I saw a coworker’s pay slip on the printer, what should I do?',
  'Can I share a coworker’s phone number with another coworker who asked for it?',
  'My team lead asked me to keep a harassment complaint quiet',
  'can i ask the new guy out for coffee',
  'A patient’s family member gave me a gift card to thank me, can I accept it?',
  'Is it okay to post a photo of my coworkers on TikTok?',
  'Someone keeps standing too close to me in the stockroom',
  'I think my friend at work is being bullied by our manager. What can I do?',
  'Should I tell HR that two managers are dating?',
  'Is it ok to ask why my colleague got a bigger raise than me?',
  'A customer asked me for a drink after my shift, is that allowed?',
  'My coworker keeps asking me out even though I said I have a boyfriend',
  'Can I lend money to a coworker who is struggling?',
  'help',
  'privacy',
];

const COMMAND_BASE = {
  token: 'verification-token-unused',
  team_id: 'T0TEAM',
  team_domain: 'example',
  channel_id: 'C0GENERAL',
  channel_name: 'general',
  user_id: 'U0ASKER',
  user_name: 'asker',
  command: '/conduct',
  api_app_id: 'A0CONDUCT',
  is_enterprise_install: 'false',
  response_url: 'https://hooks.slack.com/commands/T0TEAM/1/abc',
};

/** A form-encoded `/conduct` body for question `i` (user and channel vary too). */
export function commandBody(text, i = 0) {
  return new URLSearchParams({
    ...COMMAND_BASE,
    channel_id: i % 5 === 0 ? `D0DM${i % 7}` : `C0CHAN${i % 9}`,
    channel_name: i % 5 === 0 ? 'directmessage' : `team-${i % 9}`,
    user_id: `U0ASK${String(i % 97).padStart(3, '0')}`,
    user_name: `asker${i % 97}`,
    text,
    trigger_id: `${1000 + i}.1700000000.${(i * 2654435761) % 1e9}`,
  }).toString();
}

/** A fresh signed `/conduct` request (signed now): what a target's start is polled with. */
export function signedProbe() {
  const body = commandBody(QUESTIONS[0], 0);
  return {
    path: SLACK_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
    body,
  };
}

/** The environment every benchmark target runs with, against the Web API stand-in at `apiUrl`. */
export function targetEnv(apiUrl) {
  return {
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    LOG_LEVEL: 'warn',
  };
}

/**
 * Autocannon `requests` entries: one signed `/conduct` request per question, all signed with
 * one timestamp (now). Build them just before a run: the app refuses timestamps 5 minutes off.
 */
export function signedCommandRequests(questions = QUESTIONS) {
  const timestamp = Math.floor(Date.now() / 1000);
  return questions.map((text, i) => {
    const body = commandBody(text, i);
    return {
      method: 'POST',
      path: SLACK_PATH,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signatureHeaders(body, timestamp),
      },
      body,
    };
  });
}

/** A signed `message.im` event_callback, as Slack delivers it. */
export function signedDmEvent(text, i, timestamp = Math.floor(Date.now() / 1000)) {
  const ts = `${timestamp}.${String(i).padStart(6, '0')}`;
  const body = JSON.stringify({
    token: 'verification-token-unused',
    team_id: 'T0TEAM',
    api_app_id: 'A0CONDUCT',
    event: {
      type: 'message',
      channel: `D0DM${String(i % 50).padStart(3, '0')}`,
      channel_type: 'im',
      user: `U0ASK${String(i % 97).padStart(3, '0')}`,
      text,
      ts,
      event_ts: ts,
      team: 'T0TEAM',
    },
    type: 'event_callback',
    event_id: `Ev0BENCH${String(i).padStart(6, '0')}`,
    event_time: timestamp,
    authorizations: [{ enterprise_id: null, team_id: 'T0TEAM', user_id: 'UBOT', is_bot: true }],
    is_ext_shared_channel: false,
  });
  return {
    ts,
    body,
    headers: { 'content-type': 'application/json', ...signatureHeaders(body, timestamp) },
  };
}
