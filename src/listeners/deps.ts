import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { noticesOf } from '../engine/answer.js';
import type { Answer, Engine } from '../engine/index.js';
import { noticeMessage } from '../render/blocks/cards.js';
import { fill, type StringKey, type UiStrings } from '../pack/strings.js';
import { errorFields } from '../log.js';
import type { Metrics } from '../metrics.js';

/** The pack's neutral line: every message's `text`, so a notification names no topic. */
export function notification(deps: Deps): string {
  return noticesOf(deps.engine.pack).notification;
}

/** The pack's words for a key, with its `{name}` marks filled in. */
export function say(deps: Deps, key: StringKey, values: Readonly<Record<string, string>> = {}): string {
  return fill(deps.engine.pack.strings[key], values);
}

/** The pack's words for everything that is not guidance. */
export function ui(deps: Deps): UiStrings {
  return deps.engine.pack.strings;
}

/** A short notice as a message, with the neutral line as its text. */
export function notice(deps: Deps, text: string) {
  return noticeMessage(notification(deps), text);
}

/** What every listener needs; built once in app.ts and passed to each register(). */
export interface Deps {
  engine: Engine;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** Event ids seen recently, to answer a DM once when Slack retries delivery. */
  seenEvent(eventId: string | undefined): boolean;
  /** Multi-workspace installs delete the installation when Slack says it is gone. */
  onInstallationRemoved?: (ids: { team_id?: string; enterprise_id?: string }) => Promise<void>;
}

export type Surface =
  | 'command'
  | 'dm'
  | 'shortcut'
  | 'message_shortcut'
  | 'reminder'
  | 'action'
  | 'modal'
  | 'home'
  | 'pin'
  | 'lifecycle';

/** Logs one request's outcome with ids from the pack only, never content or people. */
export function logOutcome(
  deps: Deps,
  surface: Surface,
  started: number,
  outcome: string,
  answer?: Pick<Answer, 'topic' | 'ruleId' | 'kind'>,
): void {
  if (answer) deps.metrics.answered(surface, answer.topic, answer.ruleId, outcome);
  else deps.metrics.outcome(surface, outcome);
  // One line per request only at debug level: by default the app keeps counters, no request lines
  // (what the privacy card says). Building the record is skipped when it would be dropped.
  if (!deps.logger.isLevelEnabled('debug')) return;
  const fields: Record<string, unknown> = {
    requestId: randomUUID(),
    surface,
    outcome,
    latencyMs: Math.round((performance.now() - started) * 100) / 100,
  };
  if (answer) {
    fields.topic = answer.topic;
    fields.ruleIds = answer.ruleId ? [answer.ruleId] : [];
    fields.escalate = answer.kind === 'escalation';
  }
  deps.logger.debug(fields, 'request');
}

export function logFailure(deps: Deps, surface: Surface, error: unknown, outcome = 'error'): void {
  deps.logger.warn({ surface, outcome, ...errorFields(error) }, 'slack call failed');
  deps.metrics.outcome(surface, outcome);
}

/** The Slack error code of a failed Web API call, if any. */
export function slackErrorCode(error: unknown): string | undefined {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' ? code : undefined;
}
