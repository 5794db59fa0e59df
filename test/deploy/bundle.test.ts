import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_DEFAULTS, visibleText } from '../helpers/harness.js';
import { form, SIGNING_SECRET, sign } from '../helpers/signing.js';
import { ROOT, startAppProcess } from '../process/app-process.js';
import { startStandIn } from '../process/stand-in.js';
import { startSocketStandIn } from './socket-stand-in.js';

/**
 * The bundles `npm run build` makes (scripts/bundle.mjs) are what the image runs: each mode
 * works through them, with every package they need inside or beside them.
 */
const RECORDER = join(ROOT, 'test/deploy/fixtures/record-requires.cjs');
const tmp = mkdtempSync(join(tmpdir(), 'conduct-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Packages the process loaded from node_modules (Node's own modules left out). */
const loaded = (file: string): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as string[]).filter((name) => !builtinModules.includes(name));

describe('the server bundle', () => {
  it('exists where the Dockerfile and npm start run it', () => {
    for (const file of ['dist/bundle/main.js', 'dist/bundle/lambda.js'])
      expect(existsSync(join(ROOT, file)), file).toBe(true);
  });

  it('answers /conduct over HTTP loading nothing from node_modules', async () => {
    const api = await startStandIn();
    const record = join(tmp, 'http.json');
    const app = await startAppProcess(
      {
        SLACK_BOT_TOKEN: 'xoxb-bundle-0000',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: api.url,
        LOG_LEVEL: 'warn',
        LOADED_PACKAGES_FILE: record,
      },
      { wrap: (node, nodeArgs) => ({ command: node, args: ['--require', RECORDER, ...nodeArgs] }) },
    );
    try {
      const body = form({ ...COMMAND_DEFAULTS, text: 'Can I ask my coworker out for a coffee?' });
      const res = await fetch(`${app.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) },
        body,
      });
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { response_type: string; blocks: unknown[] };
      expect(answer.response_type).toBe('ephemeral');
      expect(visibleText(answer.blocks)).toMatch(/A no ends it/);
    } finally {
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
      await api.close();
    }
    // Bolt and its dependencies are inside the bundle, and the pack comes from the model artifact
    // (its files unchanged since the build): nothing is loaded from node_modules, not even YAML.
    expect(loaded(record)).toEqual([]);
  });

  it('runs Socket Mode from the same bundle', async () => {
    const standIn = await startSocketStandIn();
    const record = join(tmp, 'socket.json');
    const child = spawn(process.execPath, ['--require', RECORDER, join(ROOT, 'dist/bundle/main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-bundle-socket-0000',
        SLACK_APP_TOKEN: 'xapp-1-A0APP-0000-bundle',
        SLACK_API_URL: standIn.apiUrl,
        LOG_LEVEL: 'warn',
        LOADED_PACKAGES_FILE: record,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await standIn.connected();
      standIn.send({
        envelope_id: 'env-bundle-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: { ...COMMAND_DEFAULTS, text: 'A customer gave me a $50 tip, can I keep it?' },
      });
      const reply = await standIn.ack('env-bundle-1');
      const payload = reply.payload as { response_type: string; blocks: unknown[] };
      expect(payload.response_type).toBe('ephemeral');
      expect(visibleText(payload.blocks).length).toBeGreaterThan(40);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await standIn.close();
    }
    expect(loaded(record)).toEqual([]);
  });

  it('serves a signed API Gateway request through the Lambda bundle', async () => {
    const api = await startStandIn();
    const saved = { ...process.env };
    Object.assign(process.env, {
      SLACK_BOT_TOKEN: 'xoxb-bundle-lambda-0000',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
      LOG_LEVEL: 'silent',
    });
    try {
      const { handler } = (await import(join(ROOT, 'dist/bundle/lambda.js'))) as {
        handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
      };
      const body = form({ ...COMMAND_DEFAULTS, text: 'Is it ok to accept a gift card from a vendor?' });
      const result = await handler(
        {
          version: '2.0',
          routeKey: 'POST /slack/events',
          rawPath: '/slack/events',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) },
          body,
          isBase64Encoded: false,
          requestContext: { http: { method: 'POST', path: '/slack/events' } },
        },
        {},
      );
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body)).toMatchObject({ response_type: 'ephemeral' });
    } finally {
      process.env = saved;
      await api.close();
    }
  });
});
