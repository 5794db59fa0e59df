import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { basename, dirname, join, resolve } from 'node:path';
import {
  createEngine,
  type Engine,
  type Model,
  modelFromJson,
  type ModelJson,
  modelKey,
  modelToJson,
  trainingDataOf,
} from './engine/index.js';
import { chooseThresholds, outOfFold, pickLabel } from './engine/learn/calibrate.js';
import { LABELS, type Label } from './pack/topics.js';
import { trainModel, vectorOf } from './engine/learn/model.js';
import { compileSafety, readSafety } from './engine/safety.js';
import { vocabularyOf } from './engine/vocabulary.js';
import {
  currentSources,
  DEFAULT_PACK_DIR,
  hashSources,
  loadPack,
  type Pack,
  type PackData,
  packFromData,
  packToData,
} from './pack/load.js';

/**
 * The trained model is build output: one file beside the pack, written only by `npm run build`
 * (default pack) or `conduct-nudge validate-pack DIR`, and keyed by the content hash of the pack
 * and the featuriser's version. The app reads it and refuses to start when it does not match.
 */
export const MODEL_FILE = '.model.json';
/**
 * 2: the model carries the pack's vocabulary. 3: and the validated pack itself (without its
 * example files), so the app starts without parsing YAML when the pack's files are unchanged.
 */
const FORMAT = 3;

export interface ModelFile {
  format: number;
  key: string;
  model: ModelJson;
  /** The pack as validated at build time, trusted only while its files hash the same. */
  pack?: PackData;
}

/** The artifact's outer shape; the model's arrays are checked as they are decoded. */
const finite = z.number().finite();
const modelFileSchema = z.object({
  format: z.number(),
  key: z.string(),
  model: z
    .object({
      featuriser: z.string(),
      thresholds: z.object({ escalate: finite, outOfScope: finite, clarifyMargin: finite }),
      labels: z.object({}).passthrough(),
      escalate: z.object({}).passthrough(),
      asker: z.object({}).passthrough(),
      rules: z.array(z.object({}).passthrough()),
    })
    .passthrough(),
});

export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

/** The cross-validation group of an example: its own, its page, or itself. */
export function groupOf(example: Pack['examples'][number]): string {
  return (
    example.group ??
    example.source?.replace(/^https?:\/\/(www\.)?/, '').replace(/[?#].*$/, '') ??
    `item:${example.id}`
  );
}

/**
 * Folds of the cross-validation inside training that chooses the thresholds: 3 chose them as
 * well as 5 did (same top-1 and recall out of fold), with four trainings instead of six.
 */
export const INNER_FOLDS = 3;
const HARASSMENT = LABELS.indexOf('harassment-and-safety');
const argmaxOf = (p: Float64Array | undefined) => (p ? p.indexOf(Math.max(...p)) : -1);

export interface Built {
  model: Model;
  /** Each example's label and rule as a model trained without its group predicts them (undefined: training only). */
  outOfFold: Array<{ label: string; rule?: string } | undefined>;
}

/** Trains a pack's model, thresholds chosen by cross-validation over its own examples. */
export function buildModel(pack: Pack, seed = 1): Built {
  if (pack.examples.length === 0)
    throw new ModelError(
      `The policy pack ${pack.dir} has no examples to learn from: add examples/*.jsonl, or examples: to its rules.`,
    );
  const { examples, rules } = trainingDataOf(pack);
  const safety = compileSafety(pack.safety);
  const vectors = examples.map((e) => vectorOf(e.text, safety));
  const groups = pack.examples.map(groupOf);
  const trainOnly = pack.examples.map((e) => Boolean(e.derivedFrom));
  const oof = outOfFold(examples, groups, rules, vectors, INNER_FOLDS, trainOnly);
  // Escalated whatever the threshold: a frame fired, or the ranker reads it as harassment.
  const caught = examples.map(
    (e, i) => readSafety(safety, e.text).hits.length > 0 || argmaxOf(oof[i]?.labels) === HARASSMENT,
  );
  const thresholds = chooseThresholds(examples, oof, caught);
  const model = {
    ...trainModel(examples, rules, { seed, thresholds, safety }, vectors),
    vocabulary: vocabularyOf(pack),
  };
  const labelsOf = model.labels.classes;
  return {
    model,
    outOfFold: oof.map((p, i) => {
      if (!p) return undefined;
      const label = (
        caught[i] || p.escalate >= thresholds.escalate
          ? 'harassment-and-safety'
          : labelsOf[pickLabel(p.labels, thresholds.outOfScope)]
      ) as Label;
      const rule = p.ruleByLabel[label];
      return rule ? { label, rule } : { label };
    }),
  };
}

export function modelPath(pack: Pack): string {
  return join(pack.dir, MODEL_FILE);
}

export function writeModel(pack: Pack, model: Model): string {
  // What the app loads: the pack without its example files (the model holds what it needs of them).
  const data = packToData(pack);
  const served = { ...data, examples: data.examples.filter((e) => !/(^|\/)examples\//.test(e.file)) };
  const file: ModelFile = { format: FORMAT, key: modelKey(pack), model: modelToJson(model), pack: served };
  const path = modelPath(pack);
  // Written whole, then moved into place: a reader never sees half a model.
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(file));
  renameSync(partial, path);
  return path;
}

const rebuild = (pack: Pack) =>
  pack.dir === DEFAULT_PACK_DIR ? 'npm run build' : `conduct-nudge validate-pack ${pack.dir}`;

export function readModel(pack: Pack, read: unknown = readArtifact(pack.dir)): Model {
  if (read === undefined)
    throw new ModelError(
      `The policy pack ${pack.dir} has no trained model. Run \`${rebuild(pack)}\` to train it.`,
    );
  let file: ModelFile;
  try {
    file = modelFileSchema.parse(read) as unknown as ModelFile;
  } catch {
    throw new ModelError(
      `The trained model of ${pack.dir} is unreadable. Run \`${rebuild(pack)}\` to train it again.`,
    );
  }
  if (file.format !== FORMAT || file.key !== modelKey(pack))
    throw new ModelError(
      `The trained model of ${pack.dir} was built from other pack files or by another version of the engine. Run \`${rebuild(pack)}\` to train it again.`,
    );
  try {
    return modelFromJson(file.model);
  } catch {
    throw new ModelError(
      `The trained model of ${pack.dir} is damaged. Run \`${rebuild(pack)}\` to train it again.`,
    );
  }
}

/** Loads a pack and its trained model: what the app, the CLI and the benchmarks start from. */
export function loadEngine(dir: string = DEFAULT_PACK_DIR): Engine {
  const artifact = readArtifact(dir);
  // The model holds what the engine needs of the examples (weights, vocabulary): they are not read.
  const pack = builtPack(dir, artifact) ?? loadPack(dir, { examples: false });
  return createEngine(pack, readModel(pack, artifact));
}

/** The model artifact as JSON; undefined when there is none; null when it is unreadable. */
function readArtifact(dir: string): unknown {
  const path = join(resolve(dir), MODEL_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/**
 * The pack as the build validated it, when its files are still the ones it was built from: the
 * same list of files (none added or removed in any layer) with the same content hash. Anything
 * else (an edited file, an older artifact) is read from the YAML again, and checked.
 */
function builtPack(dirInput: string, artifact: unknown): Pack | undefined {
  const data = (artifact as { format?: unknown; pack?: PackData } | null | undefined)?.pack;
  if ((artifact as { format?: unknown } | null | undefined)?.format !== FORMAT || !data) return undefined;
  const dir = resolve(dirInput);
  try {
    if (!Array.isArray(data.sources) || typeof data.contentHash !== 'string') return undefined;
    const layers = data.sources
      .filter((s) => basename(s) === 'pack.yaml')
      .map((s) => resolve(dir, dirname(s)));
    const now = currentSources(dir, layers);
    if (now.length !== data.sources.length || now.some((s, i) => s !== data.sources[i])) return undefined;
    if (!Array.isArray(data.wordingSources)) return undefined;
    if (hashSources(dir, [...now, ...data.wordingSources]) !== data.contentHash) return undefined;
    return packFromData(data, dir);
  } catch {
    return undefined;
  }
}
