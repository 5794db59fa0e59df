import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess } from '../process/app-process.js';
import { type StandIn, startStandIn } from '../process/stand-in.js';
import { COMMAND_DEFAULTS, parseBody, visibleText } from '../helpers/harness.js';
import { form, payloadForm, SIGNING_SECRET, signedPost } from '../helpers/signing.js';

/**
 * The app is stateless: two real app processes behind one loopback address, with a
 * round-robin proxy in between, answer every request correctly whichever replica gets it,
 * including a button clicked on an answer that the other replica rendered.
 */
interface Proxy {
  url: string;
  served: number[];
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** A tiny round-robin HTTP proxy: request n goes to replica n mod 2. */
async function startProxy(targets: string[]): Promise<Proxy> {
  const served: number[] = [];
  let next = 0;
  const server: Server = createServer(async (req, res) => {
    const index = next++ % targets.length;
    served.push(index);
    const payload = await body(req);
    const target = new URL(req.url ?? '/', targets[index]);
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    upstream.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let standIn: StandIn;
let replicas: AppProcess[] = [];
let proxy: Proxy;

beforeAll(async () => {
  standIn = await startStandIn();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-replica-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${standIn.url}/api/`,
    LOG_LEVEL: 'info',
  };
  replicas = await Promise.all([startAppProcess(env), startAppProcess(env)]);
  proxy = await startProxy(replicas.map((r) => r.url));
});

afterAll(async () => {
  await proxy?.close();
  for (const replica of replicas) replica.child.kill('SIGTERM');
  await Promise.all(replicas.map((r) => r.exited));
  await standIn?.close();
});

const command = (text: string) =>
  signedPost(
    proxy.url,
    form({ ...COMMAND_DEFAULTS, text, response_url: `${standIn.url}/hooks/cmd` }),
    'application/x-www-form-urlencoded',
  );

async function answer(text: string) {
  const res = await command(text);
  expect(res.status).toBe(200);
  const payload = (await res.json()) as { response_type: string; blocks: unknown[] };
  expect(payload.response_type).toBe('ephemeral');
  return payload;
}

describe('two replicas behind one address', () => {
  it('give the same answer to the same question, alternating', async () => {
    const questions = [
      'Can I ask my coworker out on a date?',
      'Can I accept a gift from a patient?',
      'A customer asked for my personal phone number',
    ];
    const start = proxy.served.length;
    for (const question of questions) {
      const first = await answer(question);
      const second = await answer(question);
      expect(visibleText(second.blocks)).toBe(visibleText(first.blocks));
    }
    const served = proxy.served.slice(start);
    expect(new Set(served)).toEqual(new Set([0, 1]));
    for (let i = 1; i < served.length; i++) expect(served[i]).not.toBe(served[i - 1]);
  });

  it('answer a "Who is it?" click on the other replica from the state in the button value', async () => {
    // "Who is it?" is one menu: its options carry the rule and relationship.
    let whoIsIt: Array<{ action_id: string; value: string; text: string }> = [];
    for (const question of [
      'How do I turn down someone who asked me out?',
      'Someone asked me out, how do I say no kindly?',
      'Can I ask my coworker out on a date?',
      'I have a crush on a client, can I ask them out?',
    ]) {
      const rendered = await answer(question);
      const menu = (rendered.blocks as Array<{ elements?: Array<Record<string, unknown>> }>)
        .flatMap((b) => b.elements ?? [])
        .find((e) => String(e.action_id).startsWith('who_is_it')) as
        { action_id: string; options: Array<{ value: string; text: { text: string } }> } | undefined;
      whoIsIt = (menu?.options ?? []).map((o) => ({
        action_id: menu?.action_id ?? '',
        value: o.value,
        text: o.text.text,
      }));
      if (whoIsIt.length > 0) break;
    }
    expect(whoIsIt.length).toBeGreaterThan(0);
    const rendering = proxy.served.at(-1);

    const hooksBefore = standIn.calls.filter((c) => c.path.startsWith('/hooks/click')).length;
    for (const button of whoIsIt.slice(0, 2)) {
      const res = await signedPost(
        proxy.url,
        payloadForm({
          type: 'block_actions',
          user: { id: 'U0CLICKER', username: 'c', team_id: 'T0TEAM' },
          team: { id: 'T0TEAM', domain: 'example' },
          api_app_id: 'A0APP',
          trigger_id: '1.2.trigger',
          container: { type: 'message', message_ts: '1.1', channel_id: 'C0CHANNEL', is_ephemeral: true },
          channel: { id: 'C0CHANNEL', name: 'general' },
          response_url: `${standIn.url}/hooks/click`,
          actions: [
            {
              type: 'static_select',
              action_id: button.action_id,
              block_id: 'who_is_it',
              action_ts: '1.2',
              selected_option: { value: button.value, text: { type: 'plain_text', text: button.text } },
            },
          ],
        }),
        'application/x-www-form-urlencoded',
      );
      expect(res.status).toBe(200);
    }
    // The first click went to the replica that did not render the answer.
    const clickers = proxy.served.slice(-Math.min(2, whoIsIt.length));
    expect(clickers[0]).not.toBe(rendering);

    await standIn.waitFor((p) => p.startsWith('/hooks/click'), hooksBefore + Math.min(2, whoIsIt.length));
    const replies = standIn.calls.filter((c) => c.path.startsWith('/hooks/click')).slice(hooksBefore);
    for (const reply of replies) {
      const payload = parseBody(reply.body);
      expect(payload.replace_original).toBe(true);
      expect(String(payload.text ?? '')).not.toMatch(/could not show that/);
      expect(visibleText(payload.blocks).length).toBeGreaterThan(40);
    }
  });

  it('both stay healthy, with no listener or dispatch errors', async () => {
    for (const replica of replicas) {
      expect((await fetch(`${replica.url}/healthz`)).status).toBe(200);
      expect(replica.child.exitCode).toBeNull();
      expect(replica.stdout.join('') + replica.stderr.join('')).not.toMatch(/listener_error|dispatch_error/);
    }
    // Each replica did its own auth.test at start-up; nothing else is shared between them.
    expect(standIn.calls.filter((c) => c.path.startsWith('/api/auth.test')).length).toBe(2);
  });
});
