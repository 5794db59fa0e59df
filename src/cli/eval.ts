import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type Engine, isTopic, TOPICS, type Topic } from '../engine/index.js';
import { HELP_OPTION, onePositional, PACK_OPTION, parse } from './args.js';
import { parseQuestionLine } from './classify.js';
import { engineFor } from './engine.js';
import { CliError } from './errors.js';
import { COMMAND_HELP } from './help.js';
import { type Io, write } from './io.js';

const NAME = 'eval';

/** Short column heads for the confusion table; the legend spells them out. */
export const TOPIC_ABBREVIATIONS: Readonly<Record<Topic, string>> = {
  'dating-customers': 'DCu',
  'dating-coworkers': 'DCo',
  boundaries: 'Bnd',
  'harassment-and-safety': 'Har',
  discretion: 'Dis',
  'contact-details-and-social-media': 'CSM',
  'gifts-and-favors': 'Gft',
  'customer-rapport': 'Rap',
  'out-of-scope': 'OOS',
};

export interface LabelledLine {
  id: string | number | null;
  text: string;
  topic: Topic;
  escalate: boolean;
}

export interface Counts {
  n: number;
  top1: number;
  top2: number;
}

export interface EvalReport {
  total: number;
  top1: number;
  top2: number;
  perTopic: Partial<Record<Topic, Counts & { top1Rate: number; top2Rate: number }>>;
  /** expected → predicted → count. */
  confusion: Partial<Record<Topic, Partial<Record<Topic, number>>>>;
  escalation: {
    positives: number;
    caught: number;
    recall: number | null;
    negatives: number;
    falseEscalations: number;
    falseRate: number | null;
  };
  badLines: Array<{ line: number; error: string }>;
  misses: Array<{
    line: number;
    id: string | number | null;
    expected: Topic;
    predicted: Topic;
    top2: Topic[];
  }>;
}

export function parseLabelledLine(
  line: string,
): { ok: true; value: LabelledLine } | { ok: false; error: string } {
  const parsed = parseQuestionLine(line);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { topic, escalate } = parsed.value;
  if (!isTopic(topic)) return { ok: false, error: `"topic" must be one of: ${TOPICS.join(', ')}` };
  if (typeof escalate !== 'boolean') return { ok: false, error: '"escalate" must be true or false' };
  return { ok: true, value: { id: parsed.id, text: parsed.text, topic, escalate } };
}

const rate = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;

/** Runs the engine over labelled lines and counts what it got right. */
export class Evaluation {
  private readonly counts = new Map<Topic, Counts>();
  private readonly confusion = new Map<Topic, Map<Topic, number>>();
  private readonly report: Omit<EvalReport, 'perTopic' | 'confusion'> = {
    total: 0,
    top1: 0,
    top2: 0,
    escalation: { positives: 0, caught: 0, recall: null, negatives: 0, falseEscalations: 0, falseRate: null },
    badLines: [],
    misses: [],
  };

  constructor(private readonly engine: Engine) {}

  add(line: string, lineNumber: number): void {
    const parsed = parseLabelledLine(line);
    if (!parsed.ok) {
      this.report.badLines.push({ line: lineNumber, error: parsed.error });
      return;
    }
    const { id, text, topic, escalate } = parsed.value;
    const result = this.engine.classify(text);
    const ranked = [result.topic, ...result.topics.map((t) => t.topic).filter((t) => t !== result.topic)];
    const top1 = result.topic === topic;
    const top2 = ranked.slice(0, 2).includes(topic);
    const r = this.report;
    r.total++;
    if (top1) r.top1++;
    else
      r.misses.push({
        line: lineNumber,
        id,
        expected: topic,
        predicted: result.topic,
        top2: ranked.slice(0, 2),
      });
    if (top2) r.top2++;
    const counts = this.counts.get(topic) ?? { n: 0, top1: 0, top2: 0 };
    counts.n++;
    if (top1) counts.top1++;
    if (top2) counts.top2++;
    this.counts.set(topic, counts);
    const row = this.confusion.get(topic) ?? new Map<Topic, number>();
    row.set(result.topic, (row.get(result.topic) ?? 0) + 1);
    this.confusion.set(topic, row);
    if (escalate) {
      r.escalation.positives++;
      if (result.escalate) r.escalation.caught++;
    } else {
      r.escalation.negatives++;
      if (result.escalate) r.escalation.falseEscalations++;
    }
  }

  result(): EvalReport {
    const e = this.report.escalation;
    const perTopic: EvalReport['perTopic'] = {};
    const confusion: EvalReport['confusion'] = {};
    for (const topic of TOPICS) {
      const counts = this.counts.get(topic);
      if (counts)
        perTopic[topic] = {
          ...counts,
          top1Rate: rate(counts.top1, counts.n) ?? 0,
          top2Rate: rate(counts.top2, counts.n) ?? 0,
        };
      const row = this.confusion.get(topic);
      if (row)
        confusion[topic] = Object.fromEntries(TOPICS.filter((t) => row.has(t)).map((t) => [t, row.get(t)]));
    }
    return {
      ...this.report,
      perTopic,
      confusion,
      escalation: {
        ...e,
        recall: rate(e.caught, e.positives),
        falseRate: rate(e.falseEscalations, e.negatives),
      },
    };
  }
}

const pct = (part: number, whole: number): string =>
  whole === 0 ? '   n/a' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;

export function renderReport(report: EvalReport, options: { misses?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(
    `Questions: ${report.total}${report.badLines.length ? ` (${report.badLines.length} bad lines skipped)` : ''}`,
  );
  lines.push(`Top-1 accuracy: ${pct(report.top1, report.total)}  (${report.top1}/${report.total})`);
  lines.push(`Top-2 accuracy: ${pct(report.top2, report.total)}  (${report.top2}/${report.total})`);
  const e = report.escalation;
  lines.push(`Escalation recall:      ${pct(e.caught, e.positives)}  (${e.caught}/${e.positives} caught)`);
  lines.push(
    `False-escalation rate:  ${pct(e.falseEscalations, e.negatives)}  (${e.falseEscalations}/${e.negatives} escalated without need)`,
  );

  const width = Math.max(...TOPICS.map((t) => t.length));
  lines.push('', `${'Per topic'.padEnd(width)}      n   top-1   top-2`);
  for (const topic of TOPICS) {
    const c = report.perTopic[topic];
    if (!c) continue;
    lines.push(
      `${topic.padEnd(width)}  ${String(c.n).padStart(5)}  ${pct(c.top1, c.n)}  ${pct(c.top2, c.n)}`,
    );
  }

  // Square table over every topic that was expected or predicted at least once.
  const expected = TOPICS.filter((t) => report.confusion[t]);
  const predicted = TOPICS.filter(
    (t) => expected.includes(t) || TOPICS.some((row) => report.confusion[row]?.[t]),
  );
  const cell = (text: string) => text.padStart(4);
  lines.push('', 'Confusion (rows: expected, columns: predicted)');
  lines.push(`${''.padEnd(5)}${predicted.map((t) => cell(TOPIC_ABBREVIATIONS[t])).join('')}`);
  for (const row of expected) {
    const counts = report.confusion[row] ?? {};
    lines.push(
      `${TOPIC_ABBREVIATIONS[row].padEnd(5)}${predicted.map((t) => cell(counts[t] ? String(counts[t]) : '.')).join('')}`,
    );
  }
  lines.push(`Legend: ${predicted.map((t) => `${TOPIC_ABBREVIATIONS[t]} ${t}`).join(', ')}`);

  if (options.misses && report.misses.length > 0) {
    lines.push('', 'Misses (line, id: expected → predicted; top-2)');
    for (const m of report.misses) {
      lines.push(`  ${m.line}, ${m.id ?? '-'}: ${m.expected} → ${m.predicted}; ${m.top2.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function evaluate(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(NAME, args, {
    ...PACK_OPTION,
    ...HELP_OPTION,
    json: { type: 'boolean' },
    misses: { type: 'boolean' },
  });
  if (values.help) {
    await write(io.stdout, COMMAND_HELP[NAME] as string);
    return 0;
  }
  const file = onePositional(NAME, positionals, 'FILE.jsonl');
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new CliError(`eval: cannot read ${file}: no such file`, 1);
  }
  const engine = engineFor(NAME, values.pack);
  const evaluation = new Evaluation(engine);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() !== '') evaluation.add(line, lineNumber);
  }
  const report = evaluation.result();
  for (const bad of report.badLines)
    await write(io.stderr, `eval: ${file}:${bad.line}: ${bad.error} (skipped)\n`);
  if (report.total === 0) throw new CliError(`eval: ${file} has no labelled lines`, 1);
  await write(
    io.stdout,
    values.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : renderReport(report, { misses: values.misses ?? false }),
  );
  return 0;
}
