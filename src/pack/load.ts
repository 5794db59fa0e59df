import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { REQUIRED_REMINDERS } from '../engine/topics.js';
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
  rulesFileSchema,
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
}

export const DEFAULT_PACK_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../packs/default');

interface ParsedFile<T> {
  file: string;
  data: T;
  doc: Document;
  lines: LineCounter;
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
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      issues.push({
        file,
        line: error.linePos?.[0]?.line,
        path: '',
        message: `YAML syntax: ${error.message.split('\n')[0]}`,
      });
    }
    return undefined;
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path as Path;
      issues.push({
        file,
        line: lineOf({ doc, lines }, path),
        path: pathString(path),
        message: describe(issue),
      });
    }
    return undefined;
  }
  return { file, data: result.data, doc, lines };
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
  meta: ParsedFile<PackMeta>;
  organisation?: ParsedFile<Organisation>;
  reminders?: ParsedFile<{ reminders: Reminder[] }>;
  concepts?: ParsedFile<{ concepts: Record<string, string[] | ConceptDef> }>;
  rules: ParsedFile<{ rules: Rule[] }>[];
}

function readLayer(dir: string, issues: PackIssue[]): Layer | undefined {
  const meta = readYaml(dir, 'pack.yaml', packMetaSchema, issues);
  const optional = <T>(file: string, schema: z.ZodType<T>) =>
    existsSync(join(dir, file)) ? readYaml(dir, file, schema, issues) : undefined;
  const organisation = optional('organisation.yaml', organisationSchema);
  const reminders = optional('reminders.yaml', remindersFileSchema);
  const concepts = optional('concepts.yaml', conceptsFileSchema);
  const rules: ParsedFile<{ rules: Rule[] }>[] = [];
  for (const name of listYaml(join(dir, 'rules'))) {
    const parsed = readYaml(dir, join('rules', name), rulesFileSchema, issues);
    if (parsed) rules.push(parsed);
  }
  if (!meta) return undefined;
  return { dir, meta, organisation, reminders, concepts, rules };
}

function readExtends(dir: string, issues: PackIssue[]): string | undefined {
  // `extends` is read before validation so a pack can name the pack it builds on.
  try {
    const doc = parseDocument(readFileSync(join(dir, 'pack.yaml'), 'utf8'));
    const value = (doc.toJS() as { extends?: unknown } | null)?.extends;
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length === 0) {
      issues.push({ file: 'pack.yaml', path: 'extends', message: 'must be "default" or a folder path' });
      return undefined;
    }
    return value === 'default' ? DEFAULT_PACK_DIR : resolve(dir, value);
  } catch {
    return undefined;
  }
}

function freeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) freeze(child);
  }
  return value;
}

/**
 * Reads and validates a pack folder into one immutable object. A pack either loads whole or
 * throws a PackError listing every problem found: it never half-loads.
 * A pack may say `extends: default` (or a folder path): its rules, concepts and reminders are
 * added to the base pack's, replacing any with the same id.
 */
export function loadPack(dirInput: string = DEFAULT_PACK_DIR): Pack {
  const dir = resolve(dirInput);
  const issues: PackIssue[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new PackError(dirInput, [{ file: basename(dir), path: '', message: 'pack folder not found' }]);
  }
  const chain: string[] = [];
  for (let current: string | undefined = dir; current; current = readExtends(current, issues)) {
    if (chain.includes(current)) {
      issues.push({ file: 'pack.yaml', path: 'extends', message: 'packs extend each other in a loop' });
      break;
    }
    chain.unshift(current);
  }
  const layers: Layer[] = [];
  for (const layerDir of chain) {
    const layerIssues: PackIssue[] = [];
    const layer = readLayer(layerDir, layerIssues);
    const prefix = layerDir === dir ? '' : `${relative(dir, layerDir) || layerDir}/`;
    for (const issue of layerIssues) issues.push({ ...issue, file: prefix + issue.file });
    if (layer) layers.push(layer);
  }
  if (issues.length > 0 || layers.length === 0) throw new PackError(dirInput, issues);

  const top = layers[layers.length - 1] as Layer;
  const reminders = new Map<string, Reminder>();
  const concepts = new Map<string, ConceptDef>();
  const rules = new Map<string, { rule: Rule; where: { file: string; line?: number } }>();
  let organisation: Organisation = { policyLinks: [] };

  for (const layer of layers) {
    const prefix = layer.dir === dir ? '' : `${relative(dir, layer.dir) || layer.dir}/`;
    if (layer.organisation) organisation = layer.organisation.data;
    for (const reminder of layer.reminders?.data.reminders ?? []) reminders.set(reminder.id, reminder);
    for (const [name, def] of Object.entries(layer.concepts?.data.concepts ?? {})) {
      concepts.set(name, Array.isArray(def) ? { phrases: def, negatable: true } : def);
    }
    const seenInLayer = new Map<string, string>();
    for (const parsed of layer.rules) {
      parsed.data.rules.forEach((rule, index) => {
        const where = { file: prefix + parsed.file, line: lineOf(parsed, ['rules', index, 'id']) };
        const earlier = seenInLayer.get(rule.id);
        if (earlier) {
          issues.push({
            ...where,
            path: `rules[${index}].id`,
            message: `duplicate rule id "${rule.id}" (first defined in ${earlier})`,
          });
          return;
        }
        seenInLayer.set(rule.id, `${where.file}:${where.line ?? '?'}`);
        rules.set(rule.id, { rule, where });
      });
    }
  }

  for (const required of REQUIRED_REMINDERS) {
    if (!reminders.has(required)) {
      issues.push({
        file: 'reminders.yaml',
        path: 'reminders',
        message: `must define the "${required}" reminder`,
      });
    }
  }

  const signalProblem = (signal: string): string | undefined => {
    if (signal.startsWith('@') && !concepts.has(signal.slice(1))) return `unknown concept "${signal}"`;
    return undefined;
  };
  for (const [relationship, signals] of Object.entries(top.meta.data.relationships)) {
    signals?.forEach((signal, index) => {
      const problem = signalProblem(signal);
      if (problem) {
        const path = ['relationships', relationship, index];
        issues.push({
          file: 'pack.yaml',
          line: lineOf(top.meta, path),
          path: pathString(path),
          message: problem,
        });
      }
    });
  }

  for (const { rule, where } of rules.values()) {
    const at = (field: string, message: string) =>
      issues.push({ ...where, path: `rule ${rule.id}: ${field}`, message });
    for (const reminder of rule.reminders) {
      if (!reminders.has(reminder)) at('reminders', `unknown reminder "${reminder}"`);
    }
    if (rule.romance) {
      for (const required of REQUIRED_REMINDERS) {
        if (!rule.reminders.includes(required))
          at('reminders', `a romance rule must carry the "${required}" reminder`);
      }
    }
    if (rule.topic === 'harassment-and-safety' && !rule.escalate) {
      at('escalate', 'harassment-and-safety rules must escalate');
    }
    if (rule.escalate && rule.topic !== 'harassment-and-safety') {
      at('escalate', 'only harassment-and-safety rules escalate');
    }
    const lists: Array<[string, string[]]> = [
      ['match.all', rule.match.all],
      ['match.any', rule.match.any.map((s) => (typeof s === 'string' ? s : s.signal))],
      ['match.not', rule.match.not],
    ];
    for (const [field, signals] of lists) {
      signals.forEach((signal, index) => {
        const problem = signalProblem(signal);
        if (problem) at(`${field}[${index}]`, problem);
      });
    }
  }
  for (const topic of top.meta.data.defaultMenu ?? []) {
    if (![...rules.values()].some(({ rule }) => rule.topic === topic)) {
      issues.push({
        file: 'pack.yaml',
        path: 'defaultMenu',
        message: `topic "${topic}" has no rules in this pack`,
      });
    }
  }
  if (rules.size === 0) issues.push({ file: 'rules/', path: '', message: 'the pack has no rules' });
  if (issues.length > 0) throw new PackError(dirInput, issues);

  return freeze({
    dir,
    meta: top.meta.data,
    organisation,
    reminders,
    concepts,
    rules: [...rules.values()].map(({ rule }) => rule),
  });
}
