import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import type * as Yaml from 'yaml';
import type { z } from 'zod';
import { type KnownRelationship, REQUIRED_REMINDERS, TOPICS, type Topic } from './topics.js';
import { STRING_KEYS, type StringsFile, stringsFileSchema, type UiStrings } from './strings.js';
import {
  countWords,
  type ExampleRecord,
  LIMITS,
  exampleSchema,
  type Organisation,
  organisationSchema,
  type PackMeta,
  packMetaSchema,
  type Reminder,
  type Rule,
  remindersFileSchema,
  ruleSchema,
  rulesShellSchema,
  type SafetyFile,
  safetyFileSchema,
} from './schema.js';

/** One problem in a pack, located well enough for an HR author to fix it without help. */
export interface PackIssue {
  file: string;
  line?: number;
  path: string;
  message: string;
}

export class PackError extends Error {
  constructor(
    readonly dir: string,
    readonly issues: readonly PackIssue[],
  ) {
    super(
      `Policy pack ${dir} is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map(formatIssue).join('\n')}`,
    );
    this.name = 'PackError';
  }
}

export function formatIssue(issue: PackIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  return `  ${where}  ${issue.path || '(file)'}: ${issue.message}`;
}

/** A labelled question of the pack, with where it came from (file and line) for reports. */
export interface Example extends ExampleRecord {
  file: string;
  line: number;
}

export interface Pack {
  readonly dir: string;
  readonly meta: PackMeta;
  readonly organisation: Organisation;
  readonly reminders: ReadonlyMap<string, Reminder>;
  readonly rules: readonly Rule[];
  /** What the ranker learns from: every layer's examples/*.jsonl and the rules' own examples. */
  readonly examples: readonly Example[];
  /** The reviewed safety layer (safety.yaml), merged over the layers. */
  readonly safety: SafetyFile;
  /** Every word the app shows that is not guidance (strings.yaml, merged over the layers). */
  readonly strings: UiStrings;
  /** sha256 of every source file of the pack and the packs it extends: what a model is keyed by. */
  readonly contentHash: string;
  /** Those source files, relative to `dir`, in the order they are hashed. */
  readonly sources: readonly string[];
  /**
   * A pack that does not extend the default takes the default pack's wording for what it leaves
   * out: those two files (its pack.yaml and strings.yaml) are hashed too.
   */
  readonly wordingSources: readonly string[];
}

const requireHere = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;
/** The YAML parser, loaded on first use: the app starts from the built pack and never needs it. */
function yaml(): typeof Yaml {
  yamlModule ??= requireHere('yaml') as typeof Yaml;
  return yamlModule;
}

export const DEFAULT_PACK_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../packs/default');

interface ParsedFile<T> {
  file: string;
  data: T;
  doc: Document;
  lines: LineCounter;
  /** Rules files only: each kept rule's index in the file (broken rules are left out). */
  positions?: readonly number[];
}

type Path = ReadonlyArray<PropertyKey>;

function lineOf(parsed: { doc: Document; lines: LineCounter }, path: Path): number | undefined {
  // Walk up until a node exists: a missing field is reported at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const key = path.slice(0, depth).map((p) => (typeof p === 'symbol' ? String(p) : p));
    const node = depth === 0 ? parsed.doc.contents : parsed.doc.getIn(key, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return parsed.lines.linePos(range[0]).line;
  }
  return undefined;
}

function pathString(path: Path): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

function readYaml<T>(
  dir: string,
  file: string,
  schema: z.ZodType<T>,
  issues: PackIssue[],
): ParsedFile<T> | undefined {
  const full = join(dir, file);
  let source: string;
  try {
    source = readFileSync(full, 'utf8');
  } catch {
    issues.push({ file, path: '', message: 'file is missing or unreadable' });
    return undefined;
  }
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      // With prettyErrors off, `linePos` is never set: locate the error from its offset.
      const offset = error.pos?.[0];
      issues.push({
        file,
        line: offset === undefined ? undefined : lines.linePos(offset).line,
        path: '',
        message: `YAML syntax: ${error.message.split('\n')[0]}`,
      });
    }
    return undefined;
  }
  const parsed = { doc, lines };
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    pushZodIssues(issues, file, parsed, [], result.error.issues);
    return undefined;
  }
  return { file, data: result.data, doc, lines };
}

function pushZodIssues(
  issues: PackIssue[],
  file: string,
  parsed: { doc: Document; lines: LineCounter },
  prefix: Path,
  zodIssues: readonly z.core.$ZodIssue[],
): void {
  for (const issue of zodIssues) {
    const path = [...prefix, ...(issue.path as Path)];
    issues.push({ file, line: lineOf(parsed, path), path: pathString(path), message: describe(issue) });
  }
}

/**
 * Rules files are checked rule by rule, so one broken rule neither hides the problems of the
 * others nor keeps them out of the cross-checks (duplicate ids, reminders, concepts).
 */
function readRulesFile(
  dir: string,
  file: string,
  issues: PackIssue[],
): { parsed?: ParsedFile<{ rules: Rule[] }>; complete: boolean } {
  const shell = readYaml(dir, file, rulesShellSchema, issues);
  if (!shell) return { complete: false };
  const rules: Rule[] = [];
  const positions: number[] = [];
  shell.data.rules.forEach((raw, index) => {
    const result = ruleSchema.safeParse(raw);
    if (result.success) {
      rules.push(result.data);
      positions.push(index);
    } else pushZodIssues(issues, file, shell, ['rules', index], result.error.issues);
  });
  return {
    parsed: { ...shell, data: { rules }, positions },
    complete: rules.length === shell.data.rules.length,
  };
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/i.test(issue.message)) return 'is required';
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  return issue.message;
}

function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
}

interface Layer {
  dir: string;
  /** Path prefix for this layer's files, relative to the pack being loaded ("" for itself). */
  prefix: string;
  meta?: ParsedFile<PackMeta>;
  organisation?: ParsedFile<Organisation>;
  reminders?: ParsedFile<{ reminders: Reminder[] }>;
  strings?: ParsedFile<StringsFile>;
  safety?: ParsedFile<SafetyFile>;
  rules: ParsedFile<{ rules: Rule[] }>[];
  examples: Example[];
  /** Source files of this layer, for the pack's content hash. */
  files: string[];
  /** Which files failed, so cross-checks that depend on them are skipped rather than misreported. */
  failed: { reminders: boolean; rules: boolean };
}

const EXAMPLES_DIR = 'examples';
const NO_SAFETY: SafetyFile = {
  version: 1,
  reviewed: 'none',
  groups: {},
  frames: [],
  guards: [],
  keepInScope: [],
};

/** Every source file of one pack folder, in a fixed order (the content hash depends on it). */
function sourceFiles(dir: string): string[] {
  const files = ['pack.yaml', 'organisation.yaml', 'reminders.yaml', 'strings.yaml', 'safety.yaml'].filter(
    (f) => existsSync(join(dir, f)),
  );
  for (const name of listYaml(join(dir, 'rules'))) files.push(`rules/${name}`);
  for (const name of listJsonl(join(dir, EXAMPLES_DIR))) files.push(`${EXAMPLES_DIR}/${name}`);
  return files.map((f) => join(dir, f));
}

function listJsonl(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
}

/** Reads examples/*.jsonl: one JSON object a line, each checked; problems carry file and line. */
function readExamples(dir: string, issues: PackIssue[]): Example[] {
  const out: Example[] = [];
  const seen = new Map<string, string>();
  for (const name of listJsonl(join(dir, EXAMPLES_DIR))) {
    const file = `${EXAMPLES_DIR}/${name}`;
    let source: string;
    try {
      source = readFileSync(join(dir, file), 'utf8');
    } catch {
      issues.push({ file, path: '', message: 'file is unreadable' });
      continue;
    }
    source.split('\n').forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        issues.push({ file, line, path: '', message: 'not a JSON object' });
        return;
      }
      const result = exampleSchema.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues)
          issues.push({ file, line, path: pathString(issue.path as Path), message: describe(issue) });
        return;
      }
      const earlier = seen.get(result.data.id);
      if (earlier) {
        issues.push({
          file,
          line,
          path: 'id',
          message: `duplicate example id "${result.data.id}" (first at ${earlier})`,
        });
        return;
      }
      seen.set(result.data.id, `${file}:${line}`);
      out.push({ ...result.data, file, line });
    });
  }
  return out;
}

/** Safety layers merge: groups and frames by name (the upper layer wins), guards and keep-in-scope added. */
function mergeSafety(files: readonly SafetyFile[]): SafetyFile | undefined {
  if (files.length === 0) return undefined;
  const groups: Record<string, string[]> = {};
  const frames = new Map<string, SafetyFile['frames'][number]>();
  const guards = new Set<string>();
  const keep = new Set<string>();
  for (const file of files) {
    Object.assign(groups, file.groups);
    for (const frame of file.frames) frames.set(frame.id, frame);
    for (const guard of file.guards) guards.add(guard);
    for (const g of file.keepInScope) keep.add(g);
  }
  const top = files[files.length - 1] as SafetyFile;
  return {
    version: top.version,
    reviewed: top.reviewed,
    groups,
    frames: [...frames.values()],
    guards: [...guards],
    keepInScope: [...keep],
  };
}

function readLayer(dir: string, prefix: string, issues: PackIssue[], withExamples = true): Layer {
  const layerIssues: PackIssue[] = [];
  const meta = readYaml(dir, 'pack.yaml', packMetaSchema, layerIssues);
  const exists = (file: string) => existsSync(join(dir, file));
  const optional = <T>(file: string, schema: z.ZodType<T>) =>
    exists(file) ? readYaml(dir, file, schema, layerIssues) : undefined;
  const organisation = optional('organisation.yaml', organisationSchema);
  const reminders = optional('reminders.yaml', remindersFileSchema);
  const strings = optional('strings.yaml', stringsFileSchema);
  const safety = optional('safety.yaml', safetyFileSchema);
  const examples = withExamples ? readExamples(dir, layerIssues) : [];
  const rules: ParsedFile<{ rules: Rule[] }>[] = [];
  let rulesFailed = false;
  for (const name of listYaml(join(dir, 'rules'))) {
    const { parsed, complete } = readRulesFile(dir, `rules/${name}`, layerIssues);
    if (parsed) rules.push(parsed);
    if (!complete) rulesFailed = true;
  }
  for (const issue of layerIssues) issues.push({ ...issue, file: prefix + issue.file });
  return {
    dir,
    prefix,
    meta,
    organisation,
    reminders,
    strings,
    safety,
    rules,
    examples: examples.map((e) => ({ ...e, file: prefix + e.file })),
    files: sourceFiles(dir),
    failed: {
      reminders: exists('reminders.yaml') && !reminders,
      rules: rulesFailed,
    },
  };
}

function readExtends(dir: string, issues: PackIssue[], prefix: string): string | undefined {
  // `extends` is read before validation so a pack can name the pack it builds on.
  let source: string;
  try {
    source = readFileSync(join(dir, 'pack.yaml'), 'utf8');
  } catch {
    return undefined; // reported by readLayer
  }
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) return undefined; // reported by readLayer
  const value = (doc.toJS() as { extends?: unknown } | null)?.extends;
  if (value === undefined) return undefined;
  const where = { file: `${prefix}pack.yaml`, line: lineOf({ doc, lines }, ['extends']), path: 'extends' };
  if (typeof value !== 'string' || value.length === 0) {
    issues.push({ ...where, message: 'must be "default" or a folder path' });
    return undefined;
  }
  const base = value === 'default' ? DEFAULT_PACK_DIR : resolve(dir, value);
  if (!existsSync(base) || !statSync(base).isDirectory()) {
    issues.push({ ...where, message: `pack folder "${value}" not found` });
    return undefined;
  }
  return base;
}

function rejectWrite(): never {
  throw new TypeError('a loaded pack is read-only');
}

/** Deep freeze, Maps included: their entries are frozen and set/delete/clear throw. */
function freeze<T>(value: T): T {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      freeze(key);
      freeze(entry);
    }
    for (const method of ['set', 'delete', 'clear'])
      Object.defineProperty(value, method, { value: rejectWrite, enumerable: false });
  }
  Object.freeze(value);
  for (const child of Object.values(value as object)) freeze(child);
  return value;
}

interface RuleSource {
  rule: Rule;
  parsed: ParsedFile<{ rules: Rule[] }>;
  file: string;
  /** Index of the rule in its file, as the author sees it. */
  index: number;
}

/**
 * Reads and validates a pack folder into one immutable object. A pack either loads whole or
 * throws a PackError listing every problem found: it never half-loads.
 * A pack may say `extends: default` (or a folder path): its rules, concepts and reminders are
 * added to the base pack's, replacing any with the same id.
 */
/**
 * Reads and validates a pack folder into one immutable object. A pack either loads whole or
 * throws a PackError listing every problem found: it never half-loads.
 */
export function loadPack(dirInput: string = DEFAULT_PACK_DIR, options: LoadOptions = {}): Pack {
  return loadPackFromYaml(dirInput, options);
}

export interface LoadOptions {
  /**
   * Read examples/*.jsonl (default). The app does not: it never trains, and its model is keyed
   * by the files' bytes, which are hashed all the same; build, validate-pack and eval read them.
   */
  examples?: boolean;
}

/** Reads every YAML file of a pack and validates it; every problem is reported at once. */
export function loadPackFromYaml(dirInput: string = DEFAULT_PACK_DIR, options: LoadOptions = {}): Pack {
  const dir = resolve(dirInput);
  const issues: PackIssue[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new PackError(dirInput, [{ file: basename(dir), path: '', message: 'pack folder not found' }]);
  }
  const prefixOf = (layerDir: string) => (layerDir === dir ? '' : `${relative(dir, layerDir) || layerDir}/`);
  const chain: string[] = [];
  for (let current: string | undefined = dir; current;) {
    if (chain.includes(current)) {
      issues.push({
        file: `${prefixOf(chain[0] as string)}pack.yaml`,
        path: 'extends',
        message: 'packs extend each other in a loop',
      });
      break;
    }
    chain.unshift(current);
    current = readExtends(current, issues, prefixOf(current));
  }
  const layers = chain.map((layerDir) =>
    readLayer(layerDir, prefixOf(layerDir), issues, options.examples !== false),
  );
  const top = layers[layers.length - 1] as Layer;
  const failed = {
    reminders: layers.some((l) => l.failed.reminders),
    rules: layers.some((l) => l.failed.rules),
  };

  const reminders = new Map<string, Reminder>();
  const rules = new Map<string, RuleSource>();
  let organisation: Organisation = { policyLinks: [] };

  for (const layer of layers) {
    if (layer.organisation) organisation = layer.organisation.data;
    const seenReminders = new Set<string>();
    layer.reminders?.data.reminders.forEach((reminder, index) => {
      if (seenReminders.has(reminder.id)) {
        const path = ['reminders', index, 'id'];
        issues.push({
          file: `${layer.prefix}reminders.yaml`,
          line: lineOf(layer.reminders as ParsedFile<unknown>, path),
          path: pathString(path),
          message: `duplicate reminder id "${reminder.id}"`,
        });
      }
      seenReminders.add(reminder.id);
      reminders.set(reminder.id, reminder);
    });
    const seenInLayer = new Map<string, string>();
    for (const parsed of layer.rules) {
      const file = layer.prefix + parsed.file;
      parsed.data.rules.forEach((rule, i) => {
        const index = parsed.positions?.[i] ?? i;
        const earlier = seenInLayer.get(rule.id);
        const line = lineOf(parsed, ['rules', index, 'id']);
        if (earlier) {
          issues.push({
            file,
            line,
            path: `rules[${index}].id`,
            message: `duplicate rule id "${rule.id}" (first defined at ${earlier})`,
          });
          return;
        }
        seenInLayer.set(rule.id, `${file}:${line ?? '?'}`);
        rules.set(rule.id, { rule, parsed, file, index });
      });
    }
  }

  if (!failed.reminders) {
    for (const required of REQUIRED_REMINDERS) {
      if (!reminders.has(required)) {
        issues.push({
          file: 'reminders.yaml',
          line: top.reminders ? lineOf(top.reminders, ['reminders']) : undefined,
          path: 'reminders',
          message: `must define the "${required}" reminder`,
        });
      }
    }
  }

  for (const { rule, parsed, file, index } of rules.values()) {
    const at = (fieldPath: Path, message: string) => {
      const path = ['rules', index, ...fieldPath];
      issues.push({ file, line: lineOf(parsed, path), path: pathString(path), message });
    };
    if (!failed.reminders) {
      rule.reminders.forEach((reminder, i) => {
        if (!reminders.has(reminder)) at(['reminders', i], `unknown reminder "${reminder}"`);
      });
    }
    if (rule.romance) {
      for (const required of REQUIRED_REMINDERS) {
        if (!rule.reminders.includes(required))
          at(['reminders'], `a romance rule must carry the "${required}" reminder`);
      }
    }
    if (rule.topic === 'harassment-and-safety' && !rule.escalate) {
      at(['escalate'], 'harassment-and-safety rules must escalate');
    }
    if (rule.escalate && rule.topic !== 'harassment-and-safety') {
      at(['escalate'], 'only harassment-and-safety rules escalate');
    }
  }
  for (const { rule, parsed, file, index } of rules.values()) {
    for (const [relationship, variant] of Object.entries(rule.guidance.byRelationship)) {
      if (!variant.see) continue;
      const path = ['rules', index, 'guidance', 'byRelationship', relationship, 'see'];
      const target = rules.get(variant.see)?.rule;
      const problem = !target
        ? `unknown rule "${variant.see}"`
        : target.id === rule.id
          ? 'a rule cannot send a relationship to itself'
          : target.escalate !== rule.escalate || target.urgent !== rule.urgent
            ? 'a relationship cannot turn guidance into an escalation, or change its urgency'
            : target.guidance.byRelationship[relationship as KnownRelationship]?.see
              ? `"${target.id}" sends this relationship on again: point to the rule that answers it`
              : undefined;
      if (problem && !failed.rules)
        issues.push({ file, line: lineOf(parsed, path), path: pathString(path), message: problem });
    }
  }
  for (const layer of layers) {
    const meta = layer.meta;
    if (!meta || failed.rules) continue;
    for (const [topic, card] of Object.entries(meta.data.topics)) {
      card?.questions?.forEach((ruleId, i) => {
        const rule = rules.get(ruleId)?.rule;
        if (rule && rule.topic === topic) return;
        const path = ['topics', topic, 'questions', i];
        issues.push({
          file: `${layer.prefix}pack.yaml`,
          line: lineOf(meta, path),
          path: pathString(path),
          message: rule
            ? `rule "${ruleId}" is about ${rule.topic}, not ${topic}`
            : `unknown rule "${ruleId}"`,
        });
      });
    }
    const footer = meta.data.notices.footer;
    if (footer) {
      const words = countWords(`${footer} ${meta.data.name} v${meta.data.version}`);
      if (words > LIMITS.footerWords)
        issues.push({
          file: `${layer.prefix}pack.yaml`,
          line: lineOf(meta, ['notices', 'footer']),
          path: 'notices.footer',
          message: `with the pack's name and version it is ${words} words; at most ${LIMITS.footerWords} fit one line`,
        });
    }
  }
  if (top.meta && !failed.rules) {
    const meta = top.meta;
    (meta.data.defaultMenu ?? []).forEach((topic, index) => {
      if (![...rules.values()].some(({ rule }) => rule.topic === topic)) {
        const path = ['defaultMenu', index];
        issues.push({
          file: 'pack.yaml',
          line: lineOf(meta, path),
          path: pathString(path),
          message: `topic "${topic}" has no rules in this pack`,
        });
      }
    });
  }
  if (rules.size === 0 && !failed.rules)
    issues.push({ file: 'rules/', path: '', message: 'the pack has no rules' });

  // Examples: each layer's files, then the rules' own; an upper layer's example replaces a
  // lower one's of the same id.
  const examples = new Map<string, Example>();
  for (const layer of layers) for (const example of layer.examples) examples.set(example.id, example);
  for (const { rule, file, index } of rules.values()) {
    const inline = (texts: readonly string[], kind: 'examples' | 'notExamples') =>
      texts.forEach((text, i) => {
        const id = `${rule.id}.${kind === 'examples' ? 'e' : 'n'}${i + 1}`;
        if (kind === 'examples')
          examples.set(id, {
            id,
            text,
            topic: rule.topic,
            escalate: rule.escalate,
            rule: rule.id,
            invented: true,
            file,
            line: index,
          });
      });
    inline(rule.examples, 'examples');
  }
  if (!failed.rules) {
    for (const example of examples.values()) {
      if (example.rule && !rules.has(example.rule))
        issues.push({
          file: example.file,
          line: example.line,
          path: 'rule',
          message: `unknown rule "${example.rule}"`,
        });
    }
  }
  // A pack without safety.yaml escalates only by its learned escalation model.
  const safety = mergeSafety(layers.flatMap((l) => (l.safety ? [l.safety.data] : []))) ?? NO_SAFETY;
  if (safety && !failed.rules) {
    safety.frames.forEach((frame, i) => {
      if (frame.rule && !rules.has(frame.rule))
        issues.push({
          file: 'safety.yaml',
          path: `frames[${i}].rule`,
          message: `unknown rule "${frame.rule}"`,
        });
    });
  }
  // Strings, notices and topic names: each layer's over the one below, and the default pack's
  // under a pack that does not extend it, so every word shown comes from a pack, none from code.
  const standalone = !chain.includes(DEFAULT_PACK_DIR);
  const base = standalone ? defaultLayer(issues) : undefined;
  const given = Object.assign({}, ...layers.map((l) => l.strings?.data.strings ?? {})) as Partial<UiStrings>;
  const fallback = base?.strings ?? {};
  const strings = { ...fallback, ...given } as UiStrings;
  for (const key of STRING_KEYS.filter((k) => strings[k] === undefined))
    issues.push({
      file: 'strings.yaml',
      path: `strings.${key}`,
      message: 'missing: every string the app shows needs wording',
    });
  if (issues.length > 0 || !top.meta) throw new PackError(dirInput, issues);

  const sources = layers.flatMap((layer) => layer.files.map((file) => relative(dir, file)));
  const wordingSources = standalone
    ? ['pack.yaml', 'strings.yaml'].map((file) => relative(dir, join(DEFAULT_PACK_DIR, file)))
    : [];

  // Who-is-it phrases and explanations add up over the layers; the upper layer wins per entry.
  const merged = <K extends 'topics' | 'relationships' | 'special'>(key: K) =>
    Object.assign({}, ...layers.map((l) => l.meta?.data.explain[key] ?? {})) as PackMeta['explain'][K];
  const meta: PackMeta = {
    ...top.meta.data,
    relationships: Object.assign(
      {},
      ...layers.map((l) => l.meta?.data.relationships ?? {}),
    ) as PackMeta['relationships'],
    romance: layers.flatMap((l) => (l.meta?.data.romance ? [l.meta.data.romance] : [])).at(-1) ?? [],
    explain: { topics: merged('topics'), relationships: merged('relationships'), special: merged('special') },
    notices: Object.assign(
      {},
      base?.notices,
      ...layers.map((l) => l.meta?.data.notices ?? {}),
    ) as PackMeta['notices'],
    // Topic cards merge per field: a pack may rename a topic and keep the default's questions.
    // A pack that does not extend the default gets its topic names, overviews and related
    // topics (never its questions, which are the default pack's rules).
    topics: Object.fromEntries(
      TOPICS.flatMap((topic) => {
        const { questions: _theirs, ...wording } = base?.topics[topic] ?? {};
        const card = Object.assign(
          {},
          wording,
          ...layers.map((l) => l.meta?.data.topics[topic] ?? {}),
        ) as NonNullable<PackMeta['topics'][Topic]>;
        return Object.keys(card).length > 0 ? [[topic, card]] : [];
      }),
    ) as PackMeta['topics'],
  };
  // Every notice and every topic's name must have wording, from this pack or the one below.
  const unworded: PackIssue[] = [
    ...(['notReporting', 'notLegalAdvice', 'notification', 'escalationOpening', 'footer'] as const)
      .filter((key) => !meta.notices[key])
      .map((key) => ({
        file: 'pack.yaml',
        path: `notices.${key}`,
        message: 'missing: every notice needs wording',
      })),
    ...TOPICS.filter((topic) => !meta.topics[topic]?.label).map((topic) => ({
      file: 'pack.yaml',
      path: `topics.${topic}.label`,
      message: 'missing: every topic needs a name',
    })),
  ];
  if (unworded.length > 0) throw new PackError(dirInput, unworded);
  return freeze({
    dir,
    meta,
    organisation,
    reminders,
    rules: [...rules.values()].map(({ rule }) => rule),
    examples: [...examples.values()],
    safety,
    strings,
    contentHash: hashSources(dir, [...sources, ...wordingSources]),
    sources,
    wordingSources,
  });
}

/** The content hash of a pack's source files (paths relative to the pack's folder). */
export function hashSources(dir: string, sources: readonly string[]): string {
  const hash = createHash('sha256');
  for (const source of sources)
    hash
      .update(`${source}\u0000`)
      .update(readFileSync(resolve(dir, source)))
      .update('\u0000');
  return hash.digest('hex');
}

/**
 * The source files a pack's layers hold now, given the folders of its layers: what a cached
 * copy of the pack checks before it is trusted (a file added or removed changes the list).
 */
export function currentSources(dir: string, layerDirs: readonly string[]): string[] {
  return layerDirs.flatMap((layerDir) => sourceFiles(layerDir).map((file) => relative(dir, file)));
}

/** A loaded pack rebuilt from its JSON form (see model-store.ts), frozen like a loaded one. */
export function packFromData(data: PackData, dir: string): Pack {
  return freeze({ ...data, dir, reminders: new Map(data.reminders) });
}

/** A loaded pack as plain JSON data: what the model artifact keeps of it. */
export type PackData = Omit<Pack, 'dir' | 'reminders'> & { reminders: Array<[string, Reminder]> };

export function packToData(pack: Pack): PackData {
  const { dir: _dir, reminders, ...rest } = pack;
  return { ...rest, reminders: [...reminders] };
}

/** The default pack's wording (strings, notices, topic names): what a pack that does not extend it falls back on. */
function defaultLayer(issues: PackIssue[]): {
  strings: Partial<UiStrings>;
  notices: PackMeta['notices'];
  topics: PackMeta['topics'];
} {
  const layerIssues: PackIssue[] = [];
  const strings = readYaml(DEFAULT_PACK_DIR, 'strings.yaml', stringsFileSchema, layerIssues);
  const meta = readYaml(DEFAULT_PACK_DIR, 'pack.yaml', packMetaSchema, layerIssues);
  for (const issue of layerIssues) issues.push({ ...issue, file: `default pack: ${issue.file}` });
  return {
    strings: strings?.data.strings ?? {},
    notices: meta?.data.notices ?? {},
    topics: meta?.data.topics ?? {},
  };
}
