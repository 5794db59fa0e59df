/**
 * manifest.yml against Slack's published manifest JSON Schema, and against src/listeners/ids.ts:
 * every command, shortcut and bot event the manifest declares must have an id the code uses,
 * and every id must be declared, so the two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import {
  BOT_SCOPES,
  COMMAND,
  EVENTS,
  MESSAGE_SHORTCUTS,
  OPTIONAL_BOT_SCOPES,
  SHORTCUTS,
} from '../src/slack/ids.js';

const SCHEMA_DIR = new URL('../../shared/slack-manifest-schema/', import.meta.url);
const MANIFEST_URL = new URL('../manifest.yml', import.meta.url);
const REQUEST_URL = 'https://YOUR-HOST/slack/events';

/** The parts of a manifest these tests read; the schema guarantees the shapes. */
interface Manifest {
  _metadata?: { major_version?: number };
  display_information: { name: string; description?: string };
  features?: {
    app_home?: {
      home_tab_enabled?: boolean;
      messages_tab_enabled?: boolean;
      messages_tab_read_only_enabled?: boolean;
    };
    bot_user?: { display_name: string };
    slash_commands?: {
      command: string;
      description: string;
      usage_hint?: string;
      should_escape?: boolean;
      url?: string;
    }[];
    shortcuts?: { name: string; type: 'global' | 'message'; callback_id: string; description: string }[];
  };
  oauth_config?: {
    scopes?: { bot?: string[]; user?: string[]; bot_optional?: string[]; user_optional?: string[] };
  };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[]; user_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled?: boolean;
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

const manifestText = readFileSync(MANIFEST_URL, 'utf8');

function loadManifest(): Manifest {
  return parse(manifestText) as Manifest;
}

/** Slack's schema file for a manifest's `_metadata.major_version` (1 when absent, as Slack assumes). */
function schemaFileFor(manifest: unknown): URL {
  const major = (manifest as Manifest | null)?._metadata?.major_version ?? 1;
  return new URL(`manifest.schema.${major}.0.0.json`, SCHEMA_DIR);
}

/** An Ajv instance for the draft named by the schema's `$schema`. */
function ajvFor(schema: AnySchemaObject): Ajv {
  const draft = String(schema.$schema ?? 'http://json-schema.org/draft-07/schema#');
  // strict: false because Slack's schema carries non-standard keywords (`regex`, `_note`) and
  // loose types; `regex` is then defined below so background_color is still checked.
  const options = { allErrors: true, strict: false } as const;
  let ajv: Ajv;
  if (draft.includes('2020-12')) ajv = new Ajv2020(options);
  else if (draft.includes('2019-09')) ajv = new Ajv2019(options);
  else if (draft.includes('draft-07')) ajv = new Ajv(options);
  else throw new Error(`Unsupported JSON Schema draft ${draft} in Slack's manifest schema`);
  addFormats.default(ajv);
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    errors: false,
    validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
  });
  return ajv;
}

const validators = new Map<string, ValidateFunction>();

/** Schema errors for `manifest`, one `path message` string each; empty when valid. */
function schemaErrors(manifest: unknown): string[] {
  const file = schemaFileFor(manifest);
  let validate = validators.get(file.href);
  if (!validate) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as AnySchemaObject;
    validate = ajvFor(schema).compile(schema);
    validators.set(file.href, validate);
  }
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
  );
}

/** Both directions of a set comparison, as readable problems. */
function compare(what: string, inManifest: readonly string[], inIds: readonly string[], idsName: string) {
  const problems: string[] = [];
  for (const id of inManifest) {
    if (!inIds.includes(id))
      problems.push(`manifest ${what} "${id}" has no matching id in ids.ts ${idsName}`);
  }
  for (const id of inIds) {
    if (!inManifest.includes(id)) problems.push(`ids.ts ${idsName} "${id}" has no ${what} in manifest.yml`);
  }
  const dupes = inManifest.filter((id, i) => inManifest.indexOf(id) !== i);
  for (const id of dupes) problems.push(`manifest ${what} "${id}" is declared more than once`);
  return problems;
}

/** Every way the manifest's commands, shortcuts and bot events differ from ids.ts. */
function driftProblems(manifest: Manifest): string[] {
  const shortcuts = manifest.features?.shortcuts ?? [];
  const byType = (type: 'global' | 'message') =>
    shortcuts.filter((s) => s.type === type).map((s) => s.callback_id);
  return [
    ...compare(
      'slash command',
      (manifest.features?.slash_commands ?? []).map((c) => c.command),
      [COMMAND],
      'COMMAND',
    ),
    ...compare('global shortcut', byType('global'), Object.values(SHORTCUTS), 'SHORTCUTS'),
    ...compare('message shortcut', byType('message'), Object.values(MESSAGE_SHORTCUTS), 'MESSAGE_SHORTCUTS'),
    ...compare('bot event', manifest.settings?.event_subscriptions?.bot_events ?? [], EVENTS, 'EVENTS'),
  ];
}

/** Every way the manifest's scopes differ from what the code needs. */
function scopeProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  const scopes = manifest.oauth_config?.scopes ?? {};
  const bot = [...(scopes.bot ?? [])].sort();
  const required = [...BOT_SCOPES].sort();
  const withOptional = [...BOT_SCOPES, ...OPTIONAL_BOT_SCOPES].sort();
  if (
    JSON.stringify(bot) !== JSON.stringify(required) &&
    JSON.stringify(bot) !== JSON.stringify(withOptional)
  ) {
    problems.push(
      `bot scopes ${JSON.stringify(bot)} must be BOT_SCOPES ${JSON.stringify(required)}` +
        ` (optionally plus ${JSON.stringify([...OPTIONAL_BOT_SCOPES])})`,
    );
  }
  for (const key of ['user', 'user_optional', 'bot_optional'] as const) {
    if ((scopes[key] ?? []).length > 0) problems.push(`oauth_config.scopes.${key} must be empty`);
  }
  if ((manifest.settings?.event_subscriptions?.user_events ?? []).length > 0) {
    problems.push('user_events must be empty: the app has no user token');
  }
  return problems;
}

describe('manifest.yml', () => {
  it('is plain YAML with no duplicate keys, errors or warnings', () => {
    const doc = parseDocument(manifestText, { uniqueKeys: true });
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    expect(doc.warnings.map((e) => e.message)).toEqual([]);
    expect(typeof doc.toJS()).toBe('object');
  });

  it("is valid against Slack's manifest schema for its major version", () => {
    const manifest = loadManifest();
    expect(manifest._metadata?.major_version).toBe(1);
    expect(schemaErrors(manifest)).toEqual([]);
  });

  it('declares exactly the command, shortcuts and bot events in src/listeners/ids.ts', () => {
    expect(driftProblems(loadManifest())).toEqual([]);
  });

  it('asks for exactly BOT_SCOPES and no user scopes', () => {
    expect(scopeProblems(loadManifest())).toEqual([]);
  });

  it('explains when to add the optional usergroups:read scope', () => {
    const comment = manifestText
      .split('\n')
      .find((l) => l.trim().startsWith('#') && l.includes('usergroups:read'));
    expect(comment).toContain('HR_ADMIN_USERGROUP_ID');
  });

  it('uses HTTP request URLs, with socket mode off and documented', () => {
    const { settings, features } = loadManifest();
    expect(settings?.socket_mode_enabled).toBe(false);
    expect(manifestText).toMatch(/#.*SLACK_APP_TOKEN/);
    expect(settings?.interactivity).toEqual({ is_enabled: true, request_url: REQUEST_URL });
    expect(settings?.event_subscriptions?.request_url).toBe(REQUEST_URL);
    for (const command of features?.slash_commands ?? []) expect(command.url).toBe(REQUEST_URL);
    expect(settings?.token_rotation_enabled).toBe(false);
    expect(settings?.org_deploy_enabled).toBe(false);
  });

  it('has a bot user and an App Home whose messages tab accepts DMs', () => {
    const { features } = loadManifest();
    expect(features?.bot_user?.display_name).toBeTruthy();
    expect(features?.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('describes /conduct with its usage hint and unescaped text', () => {
    const [command, ...rest] = loadManifest().features?.slash_commands ?? [];
    expect(rest).toEqual([]);
    expect(command?.command).toBe(COMMAND);
    expect(command?.description.trim()).not.toBe('');
    expect(command?.usage_hint).toBe('[your question] | help | topics | privacy | pin [topics]');
    expect(command?.should_escape).toBe(false);
  });

  it('names the shortcuts and describes each', () => {
    const shortcuts = loadManifest().features?.shortcuts ?? [];
    const name = (id: string) => shortcuts.find((s) => s.callback_id === id)?.name;
    expect(name(SHORTCUTS.askQuestion)).toBe('Ask a conduct question');
    expect(name(SHORTCUTS.boundariesReminder)).toBe('Boundaries reminder');
    expect(name(SHORTCUTS.discretionReminder)).toBe('Discretion reminder');
    // Slack caps shortcut names at 24 characters; the full wording is in the description.
    expect(name(MESSAGE_SHORTCUTS.messageNudge)).toBe('Get a private nudge');
    const nudge = shortcuts.find((s) => s.callback_id === MESSAGE_SHORTCUTS.messageNudge);
    expect(nudge?.description).toContain('Get a private nudge about this message');
    for (const s of shortcuts) expect(s.description.trim()).not.toBe('');
  });
});

describe('the manifest checks bite', () => {
  const mutate = (edit: (m: Manifest & Record<string, unknown>) => void): Manifest => {
    const m = structuredClone(loadManifest()) as Manifest & Record<string, unknown>;
    edit(m);
    return m;
  };
  const firstCommand = (m: Manifest) => m.features?.slash_commands?.[0] as Record<string, unknown>;

  it.each<[string, (m: Manifest & Record<string, unknown>) => void, RegExp]>([
    ['a command without a description', (m) => delete firstCommand(m).description, /required.*description/],
    ['an unknown top-level field', (m) => (m.permissions = ['all']), /additional properties/],
    ['an unknown field in a command', (m) => (firstCommand(m).hint = 'x'), /additional properties/],
    [
      'a shortcut name over 24 characters',
      (m) => {
        const s = m.features?.shortcuts?.[3];
        if (s) s.name = 'Get a private nudge about this message';
      },
      /\/features\/shortcuts\/3\/name must NOT have more than 24 characters/,
    ],
    ['a command without its slash', (m) => (firstCommand(m).command = 'conduct'), /must match pattern/],
    [
      'a non-boolean setting',
      (m) => ((m.settings as Record<string, unknown>).socket_mode_enabled = 'no'),
      /boolean/,
    ],
    [
      'a background colour that is not hex',
      (m) => ((m.display_information as Record<string, unknown>).background_color = 'blue'),
      /background_color must pass "regex" keyword/,
    ],
    [
      'a missing display_information',
      (m) => delete (m as Record<string, unknown>).display_information,
      /required/,
    ],
  ])('schema rejects %s', (_name, edit, expected) => {
    const errors = schemaErrors(mutate(edit));
    expect(errors.length, 'the broken manifest passed validation').toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(expected);
  });

  it.each<[string, (m: Manifest) => void, RegExp]>([
    [
      'an event the code does not listen for',
      (m) => m.settings?.event_subscriptions?.bot_events?.push('reaction_added'),
      /manifest bot event "reaction_added" has no matching id in ids.ts EVENTS/,
    ],
    [
      'a missing event',
      (m) => m.settings?.event_subscriptions?.bot_events?.pop(),
      /ids.ts EVENTS "tokens_revoked" has no bot event in manifest.yml/,
    ],
    [
      'a renamed shortcut callback id',
      (m) => {
        const s = m.features?.shortcuts?.[1];
        if (s) s.callback_id = 'boundaries';
      },
      /manifest global shortcut "boundaries" has no matching id[\s\S]*SHORTCUTS "boundaries_reminder" has no global shortcut/,
    ],
    [
      'a message shortcut declared as global',
      (m) => {
        const s = m.features?.shortcuts?.[3];
        if (s) s.type = 'global';
      },
      /MESSAGE_SHORTCUTS "message_nudge" has no message shortcut/,
    ],
    [
      'an extra command',
      (m) => m.features?.slash_commands?.push({ command: '/nudge', description: 'x' }),
      /manifest slash command "\/nudge" has no matching id in ids.ts COMMAND/,
    ],
    [
      'a duplicated event',
      (m) => m.settings?.event_subscriptions?.bot_events?.push('message.im'),
      /bot event "message.im" is declared more than once/,
    ],
  ])('drift check catches %s', (_name, edit, expected) => {
    expect(driftProblems(mutate(edit)).join('\n')).toMatch(expected);
  });

  it.each<[string, (m: Manifest) => void, RegExp]>([
    ['a missing bot scope', (m) => m.oauth_config?.scopes?.bot?.pop(), /bot scopes/],
    ['an extra bot scope', (m) => m.oauth_config?.scopes?.bot?.push('channels:history'), /bot scopes/],
    [
      'a user scope',
      (m) => {
        if (m.oauth_config?.scopes) m.oauth_config.scopes.user = ['chat:write'];
      },
      /scopes\.user must be empty/,
    ],
  ])('scope check catches %s', (_name, edit, expected) => {
    expect(scopeProblems(mutate(edit)).join('\n')).toMatch(expected);
  });

  it('scope check allows the optional usergroups:read', () => {
    const m = mutate((m) => m.oauth_config?.scopes?.bot?.push(...OPTIONAL_BOT_SCOPES));
    expect(scopeProblems(m)).toEqual([]);
    expect(schemaErrors(m)).toEqual([]);
  });
});
