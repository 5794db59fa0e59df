import { createInterface } from 'node:readline';
import type { Classification, Engine } from '../engine/index.js';
import { HELP_OPTION, noPositionals, PACK_OPTION, parse } from './args.js';
import { engineFor } from './engine.js';
import { UsageError } from './errors.js';
import { COMMAND_HELP } from './help.js';
import { BufferedWriter, type Io, write } from './io.js';

const NAME = 'classify';

type Id = string | number | null;

export interface ClassifiedLine {
  id: Id;
  topic: Classification['topic'];
  topics: Array<Classification['topic']>;
  escalate: boolean;
  ruleIds: string[];
  confidence: number;
  relationship: Classification['relationship'];
  /** The top topics were too close to call: the app would ask "Is this about…?". */
  clarify: boolean;
  asker: Classification['asker'];
}

export interface BadLine {
  id: Id;
  error: string;
}

/** Parses one JSON line into its id and text, or says what is wrong with it. */
export function parseQuestionLine(
  line: string,
): { ok: true; id: Id; text: string; value: Record<string, unknown> } | { ok: false; id: Id; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, id: null, error: `not valid JSON (${(error as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, id: null, error: 'not a JSON object' };
  const record = value as Record<string, unknown>;
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : null;
  if (record.text === undefined) return { ok: false, id, error: 'missing "text"' };
  if (typeof record.text !== 'string') return { ok: false, id, error: '"text" must be a string' };
  if (record.text.trim() === '') return { ok: false, id, error: '"text" is empty' };
  return { ok: true, id, text: record.text, value: record };
}

export function classifyLine(engine: Engine, line: string): ClassifiedLine | BadLine {
  const parsed = parseQuestionLine(line);
  if (!parsed.ok) return { id: parsed.id, error: parsed.error };
  const result = engine.classify(parsed.text);
  return {
    id: parsed.id,
    topic: result.topic,
    topics: result.topics.map((t) => t.topic),
    escalate: result.escalate,
    ruleIds: result.rules.map((r) => r.id),
    confidence: result.confidence,
    relationship: result.relationship,
    clarify: result.clarify,
    asker: result.asker,
  };
}

export async function classify(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(NAME, args, { ...PACK_OPTION, ...HELP_OPTION });
  if (values.help) {
    await write(io.stdout, COMMAND_HELP[NAME] as string);
    return 0;
  }
  noPositionals(NAME, positionals);
  if (io.stdinIsTTY)
    throw new UsageError(
      'classify reads JSON lines from stdin: conduct-nudge classify < questions.jsonl',
      NAME,
    );
  const engine = engineFor(NAME, values.pack);

  const out = new BufferedWriter(io.stdout);
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let bad = 0;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const output = classifyLine(engine, line);
    if ('error' in output) {
      bad++;
      output.error = `line ${lineNumber}: ${output.error}`;
    }
    await out.line(JSON.stringify(output));
  }
  await out.flush();
  if (bad > 0) await write(io.stderr, `classify: ${bad} bad line${bad === 1 ? '' : 's'} (see "error")\n`);
  return 0;
}
