import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type Classification, LABELS, type Label } from '../engine/index.js';
import { crossValidate, type Figures, figures, type Labelled, type Rate } from '../evaluate.js';
import { HELP_OPTION, noPositionals, onePositional, PACK_OPTION, parse } from './args.js';
import { parseQuestionLine } from './classify.js';
import { engineFor, packFor } from './engine.js';
import { CliError, UsageError } from './errors.js';
import { COMMAND_HELP } from './help.js';
import { type Io, write } from './io.js';

const NAME = 'eval';

/** Short column heads for the confusion table; the legend spells them out. */
export const LABEL_ABBREVIATIONS: Readonly<Record<Label, string>> = {
  'dating-customers': 'DCu',
  'dating-coworkers': 'DCo',
  boundaries: 'Bnd',
  'harassment-and-safety': 'Har',
  discretion: 'Dis',
  'contact-details-and-social-media': 'CSM',
  'gifts-and-favors': 'Gft',
  'customer-rapport': 'Rap',
  'out-of-scope': 'OOS',
  'app-privacy': 'App',
  help: 'Hlp',
};

interface LabelledLine extends Labelled {
  id: string | number | null;
  topic: Label;
  invented: boolean;
  set: string;
}

export function parseLabelledLine(
  line: string,
): { ok: true; value: LabelledLine } | { ok: false; error: string } {
  const parsed = parseQuestionLine(line);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { topic, escalate, invented, asker } = parsed.value;
  if (typeof topic !== 'string' || !(LABELS as readonly string[]).includes(topic))
    return { ok: false, error: `"topic" must be one of: ${LABELS.join(', ')}` };
  if (typeof escalate !== 'boolean') return { ok: false, error: '"escalate" must be true or false' };
  if (invented !== undefined && typeof invented !== 'boolean')
    return { ok: false, error: '"invented" must be true or false' };
  return {
    ok: true,
    value: {
      id: parsed.id,
      text: parsed.text,
      topic: topic as Label,
      escalate,
      invented: invented === true,
      set: invented === true ? 'invented' : 'real',
      ...(typeof asker === 'string' ? { asker } : {}),
    },
  };
}

interface Scored {
  label: LabelledLine;
  result: Classification;
  line?: number;
}

/** What `eval` reports: figures overall, for real and invented questions, and per topic. */
export interface EvalReport {
  mode: 'file' | 'cross-validation';
  folds?: number;
  total: number;
  overall: Figures;
  /** Real and invented questions, and (cross-validation) each examples file, apart. */
  sets: Record<string, Figures>;
  perTopic: Partial<Record<Label, Figures>>;
  /** expected → predicted → count, over real questions (all questions when none is real). */
  confusion: Partial<Record<Label, Partial<Record<Label, number>>>>;
  badLines: Array<{ line: number; error: string }>;
  misses: Array<{ line?: number; id: string | number | null; expected: Label; predicted: Label }>;
}

const predictedOf = (result: Classification): Label =>
  result.special === 'app-privacy' || result.special === 'help' ? result.special : result.topic;

export function buildReport(
  scored: readonly Scored[],
  mode: EvalReport['mode'],
  badLines: EvalReport['badLines'] = [],
  folds?: number,
): EvalReport {
  // Real and invented questions apart, always; and each examples file apart when they differ.
  const sets: Record<string, Figures> = {};
  const kinds = (s: Scored) => [...new Set([s.label.invented ? 'invented' : 'real', s.label.set])];
  const names = [...new Set(scored.flatMap(kinds))].sort((a, b) => a.length - b.length || a.localeCompare(b));
  for (const set of names) sets[set] = figures(scored.filter((s) => kinds(s).includes(set)));
  const real = scored.filter((s) => !s.label.invented);
  const base = real.length > 0 ? real : scored;
  const perTopic: EvalReport['perTopic'] = {};
  const confusion: EvalReport['confusion'] = {};
  for (const label of LABELS) {
    const rows = base.filter((s) => s.label.topic === label);
    if (rows.length === 0) continue;
    perTopic[label] = figures(rows);
    const row: Partial<Record<Label, number>> = {};
    for (const s of rows) row[predictedOf(s.result)] = (row[predictedOf(s.result)] ?? 0) + 1;
    confusion[label] = row;
  }
  return {
    mode,
    ...(folds ? { folds } : {}),
    total: scored.length,
    overall: figures(scored),
    sets,
    perTopic,
    confusion,
    badLines,
    misses: scored
      .filter((s) => predictedOf(s.result) !== s.label.topic)
      .map((s) => ({
        ...(s.line ? { line: s.line } : {}),
        id: s.label.id,
        expected: s.label.topic,
        predicted: predictedOf(s.result),
      })),
  };
}

const pct = (r: Rate): string => (r.rate === null ? '   n/a' : `${(100 * r.rate).toFixed(1).padStart(5)}%`);
const interval = (r: Rate): string =>
  r.rate === null ? '' : `[${(100 * (r.low as number)).toFixed(1)}–${(100 * (r.high as number)).toFixed(1)}]`;
const line = (name: string, r: Rate, what = '') =>
  `  ${name.padEnd(20)}${pct(r)}  ${interval(r).padEnd(13)} (${r.hits}/${r.n}${what})`;

function renderFigures(title: string, f: Figures): string[] {
  return [
    `${title}: ${f.n} questions`,
    line('Top-1', f.top1),
    line('Top-2', f.top2),
    line('One-tap', f.oneTap),
    line('Clarify rate', f.clarifyRate, ' asked which'),
    line('Escalation recall', f.escalationRecall, ' caught'),
    line('False escalation', f.falseEscalation, ' escalated without need'),
    ...(f.asker.n > 0 ? [line('Asker', f.asker)] : []),
  ];
}

export function renderReport(report: EvalReport, options: { misses?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(
    report.mode === 'cross-validation'
      ? `Grouped ${report.folds}-fold cross-validation: every question scored by a model trained without its page; thresholds chosen inside the training folds.`
      : `Questions: ${report.total}${report.badLines.length ? ` (${report.badLines.length} bad lines skipped)` : ''}`,
    'Figures with their 95% Wilson intervals. Top-1 is scored as if clarify did not exist.',
    '',
  );
  for (const [set, f] of Object.entries(report.sets)) lines.push(...renderFigures(set, f), '');
  if (Object.keys(report.sets).length > 1) lines.push(...renderFigures('all', report.overall), '');

  const width = Math.max(...LABELS.map((t) => t.length));
  const hasReal = Object.keys(report.sets).includes('real');
  lines.push(
    `${`Per topic${hasReal ? ' (real questions)' : ''}`.padEnd(width)}      n   top-1   top-2  one-tap  clarify   recall`,
  );
  for (const label of LABELS) {
    const f = report.perTopic[label];
    if (!f) continue;
    lines.push(
      `${label.padEnd(width)}  ${String(f.n).padStart(5)}  ${pct(f.top1)}  ${pct(f.top2)}   ${pct(f.oneTap)}   ${pct(f.clarifyRate)}   ${f.escalationRecall.n ? pct(f.escalationRecall) : '     -'}`,
    );
  }

  const expected = LABELS.filter((t) => report.confusion[t]);
  const predicted = LABELS.filter(
    (t) => expected.includes(t) || LABELS.some((row) => report.confusion[row]?.[t]),
  );
  const cell = (text: string) => text.padStart(4);
  lines.push('', 'Confusion (rows: expected, columns: predicted)');
  lines.push(`${''.padEnd(5)}${predicted.map((t) => cell(LABEL_ABBREVIATIONS[t])).join('')}`);
  for (const row of expected) {
    const counts = report.confusion[row] ?? {};
    lines.push(
      `${LABEL_ABBREVIATIONS[row].padEnd(5)}${predicted.map((t) => cell(counts[t] ? String(counts[t]) : '.')).join('')}`,
    );
  }
  lines.push(`Legend: ${predicted.map((t) => `${LABEL_ABBREVIATIONS[t]} ${t}`).join(', ')}`);

  if (options.misses && report.misses.length > 0) {
    lines.push('', 'Misses (line or id: expected → predicted)');
    for (const m of report.misses) lines.push(`  ${m.line ?? m.id ?? '-'}: ${m.expected} → ${m.predicted}`);
  }
  return `${lines.join('\n')}\n`;
}

const MAX_FOLDS = 20;

export async function evaluate(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(NAME, args, {
    ...PACK_OPTION,
    ...HELP_OPTION,
    json: { type: 'boolean' },
    misses: { type: 'boolean' },
    cv: { type: 'string' },
  });
  if (values.help) {
    await write(io.stdout, COMMAND_HELP[NAME] as string);
    return 0;
  }
  let report: EvalReport;
  if (values.cv !== undefined) {
    noPositionals(NAME, positionals);
    const folds = Number(values.cv);
    if (!/^\d+$/.test(values.cv) || folds < 2 || folds > MAX_FOLDS)
      throw new UsageError(`--cv needs a number of folds from 2 to ${MAX_FOLDS}`, NAME);
    const pack = packFor(NAME, values.pack);
    const scored = crossValidate(pack, folds).map(({ example, result }) => ({
      label: {
        id: example.id,
        text: example.text,
        topic: example.topic,
        escalate: example.escalate,
        invented: example.invented,
        asker: example.asker ?? null,
        set: example.invented ? `invented (${example.file})` : `real (${example.file})`,
      },
      result,
    }));
    report = buildReport(scored, 'cross-validation', [], folds);
  } else {
    const file = onePositional(NAME, positionals, 'FILE.jsonl (or --cv K)');
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      throw new CliError(`eval: cannot read ${file}: no such file`, 1);
    }
    const engine = engineFor(NAME, values.pack);
    const scored: Scored[] = [];
    const badLines: EvalReport['badLines'] = [];
    const input = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    let lineNumber = 0;
    for await (const text of input) {
      lineNumber++;
      if (text.trim() === '') continue;
      const parsed = parseLabelledLine(text);
      if (!parsed.ok) badLines.push({ line: lineNumber, error: parsed.error });
      else scored.push({ label: parsed.value, result: engine.classify(parsed.value.text), line: lineNumber });
    }
    for (const bad of badLines) await write(io.stderr, `eval: ${file}:${bad.line}: ${bad.error} (skipped)\n`);
    if (scored.length === 0) throw new CliError(`eval: ${file} has no labelled lines`, 1);
    report = buildReport(scored, 'file', badLines);
  }
  await write(
    io.stdout,
    values.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : renderReport(report, { misses: values.misses ?? false }),
  );
  return 0;
}
