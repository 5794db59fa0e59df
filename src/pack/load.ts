import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import type * as Yaml from 'yaml';
import type { z } from 'zod';
import { NORMALIZE_VERSION, phraseStems } from '../engine/normalize.js';
import { REQUIRED_REMINDERS } from '../engine/topics.js';
import { readSnapshot, writeSnapshot } from './cache.js';
import {
  type ConceptDef,
  conceptsFileSchema,
  type Organisation,
  organisationSchema,
  type PackMeta,
  packMetaSchema,
  type Reminder,
  type Rule,
  remindersFileSchema,
  ruleSchema,
  rulesShellSchema,
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

export interface Pack {
  readonly dir: string;
  readonly meta: PackMeta;
  readonly organisation: Organisation;
  readonly reminders: ReadonlyMap<string, Reminder>;
  readonly concepts: ReadonlyMap<string, ConceptDef>;
  readonly rules: readonly Rule[];
  /**
   * Stems of the pack's phrases from its build-time snapshot, when built by this engine's
   * normaliser: compiling the engine then skips stemming thousands of phrases at start.
   */
  readonly phraseStems?: ReadonlyMap<string, readonly string[]>;
}

const requireHere = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;
/** The YAML parser loads only when a pack has no fresh snapshot: it stays out of start-up. */
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
  concepts?: ParsedFile<{ concepts: Record<string, string[] | ConceptDef> }>;
  rules: ParsedFile<{ rules: Rule[] }>[];
  /** Which files failed, so cross-checks that depend on them are skipped rather than misreported. */
  failed: { reminders: boolean; concepts: boolean; rules: boolean };
}

function readLayer(dir: string, prefix: string, issues: PackIssue[]): Layer {
  const layerIssues: PackIssue[] = [];
  const meta = readYaml(dir, 'pack.yaml', packMetaSchema, layerIssues);
  const exists = (file: string) => existsSync(join(dir, file));
  const optional = <T>(file: string, schema: z.ZodType<T>) =>
    exists(file) ? readYaml(dir, file, schema, layerIssues) : undefined;
  const organisation = optional('organisation.yaml', organisationSchema);
  const reminders = optional('reminders.yaml', remindersFileSchema);
  const concepts = optional('concepts.yaml', conceptsFileSchema);
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
    concepts,
    rules,
    failed: {
      reminders: exists('reminders.yaml') && !reminders,
      concepts: exists('concepts.yaml') && !concepts,
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
 * Reads and validates a pack, or uses its build-time snapshot when every source file is
 * unchanged (see cache.ts). Either way the result is the same frozen, validated pack.
 */
export function loadPack(dirInput: string = DEFAULT_PACK_DIR): Pack {
  const dir = resolve(dirInput);
  const cached = existsSync(dir) ? readSnapshot(dir) : undefined;
  if (cached) {
    const { pack: snapshot, stems } = cached;
    return freeze({
      dir,
      meta: snapshot.meta,
      organisation: snapshot.organisation,
      reminders: new Map(snapshot.reminders.map((r) => [r.id, r])),
      concepts: new Map(snapshot.concepts),
      rules: snapshot.rules,
      ...(stems?.version === NORMALIZE_VERSION ? { phraseStems: new Map(Object.entries(stems.table)) } : {}),
    });
  }
  return loadPackFromYaml(dirInput);
}

/** Validates and writes a pack's snapshot; returns the file written. */
export function compilePackSnapshot(dirInput: string): string {
  const pack = loadPackFromYaml(dirInput);
  return writeSnapshot(
    pack.dir,
    {
      meta: pack.meta,
      organisation: pack.organisation,
      reminders: [...pack.reminders.values()],
      concepts: [...pack.concepts.entries()],
      rules: [...pack.rules],
    },
    DEFAULT_PACK_DIR,
    {
      version: NORMALIZE_VERSION,
      table: Object.fromEntries(phrasesOf(pack).map((p) => [p, phraseStems(p)])),
    },
  );
}

/** Every phrase a pack can match on: concept phrases and literal signals (not `@concept` names). */
export function phrasesOf(pack: Pack): string[] {
  const phrases = new Set<string>();
  const add = (signal: string) => {
    if (!signal.startsWith('@')) phrases.add(signal);
  };
  for (const concept of pack.concepts.values()) for (const phrase of concept.phrases) add(phrase);
  for (const rule of pack.rules) {
    for (const signal of [...rule.match.all, ...rule.match.not]) add(signal);
    for (const any of rule.match.any) add(typeof any === 'string' ? any : any.signal);
  }
  for (const signals of Object.values(pack.meta.relationships))
    for (const signal of signals ?? []) add(signal);
  return [...phrases].sort();
}

/** Reads every YAML file of a pack and validates it; every problem is reported at once. */
export function loadPackFromYaml(dirInput: string = DEFAULT_PACK_DIR): Pack {
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
  const layers = chain.map((layerDir) => readLayer(layerDir, prefixOf(layerDir), issues));
  const top = layers[layers.length - 1] as Layer;
  const failed = {
    reminders: layers.some((l) => l.failed.reminders),
    concepts: layers.some((l) => l.failed.concepts),
    rules: layers.some((l) => l.failed.rules),
  };

  const reminders = new Map<string, Reminder>();
  const concepts = new Map<string, ConceptDef>();
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
    for (const [name, def] of Object.entries(layer.concepts?.data.concepts ?? {})) {
      concepts.set(name, Array.isArray(def) ? { phrases: def, negatable: true } : def);
    }
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

  const signalProblem = (signal: string): string | undefined => {
    if (!failed.concepts && signal.startsWith('@') && !concepts.has(signal.slice(1)))
      return `unknown concept "${signal}"`;
    return undefined;
  };
  if (top.meta) {
    const meta = top.meta;
    for (const [relationship, signals] of Object.entries(meta.data.relationships)) {
      signals?.forEach((signal, index) => {
        const problem = signalProblem(signal);
        if (!problem) return;
        const path = ['relationships', relationship, index];
        issues.push({
          file: 'pack.yaml',
          line: lineOf(meta, path),
          path: pathString(path),
          message: problem,
        });
      });
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
    const lists: Array<['all' | 'any' | 'not', string[]]> = [
      ['all', rule.match.all],
      ['any', rule.match.any.map((s) => (typeof s === 'string' ? s : s.signal))],
      ['not', rule.match.not],
    ];
    for (const [field, signals] of lists) {
      signals.forEach((signal, i) => {
        const problem = signalProblem(signal);
        if (problem) at(['match', field, i], problem);
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
  if (issues.length > 0 || !top.meta) throw new PackError(dirInput, issues);

  return freeze({
    dir,
    meta: top.meta.data,
    organisation,
    reminders,
    concepts,
    rules: [...rules.values()].map(({ rule }) => rule),
  });
}
