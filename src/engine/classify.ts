import type { Pack } from '../pack/load.js';
import { MAX_REASONS, reasonsText } from './explain.js';
import { isEnglish } from './language.js';
import type { SparseVector } from './learn/features.js';
import { combine, countSentences, rememberWords } from './learn/features.js';
import { createSpeller } from './learn/spelling.js';
import { vocabularyOf } from './vocabulary.js';
import { type Model, type Prediction, predict, predictTopic, rankRules } from './learn/model.js';
import { normaliseText, type Sentence, sentencesOf, stemOf } from './learn/text.js';
import {
  type CompiledSafety,
  compileSafety,
  contains,
  type Pattern,
  patternOf,
  readSafety,
  type SafetyHit,
  type SafetyReading,
  signalsOf,
} from './safety.js';
import {
  ASKERS,
  type Asker,
  type Intent,
  type KnownRelationship,
  LABELS,
  type Label,
  type Relationship,
  TOPICS,
  type Topic,
} from '../pack/topics.js';

/** What the engine concluded about one question. Holds ids and pack wording only, never the question. */
export interface RuleMatch {
  id: string;
  title: string;
  topic: Topic;
  score: number;
  /** What the engine noticed, in the pack's words (never the question's). */
  signals: string[];
  policySection?: string;
}

/** A question the engine does not answer with a topic: about the app, another language, only emoji. */
export type Special = Intent | 'other-language' | 'emoji-only';

export interface Classification {
  topic: Topic;
  topics: Array<{ topic: Topic; score: number }>;
  escalate: boolean;
  urgent: boolean;
  relationship: Relationship;
  relationshipMatters: boolean;
  confidence: number;
  rules: RuleMatch[];
  why: string;
  /** `why` as pack ids (see explain.ts), for buttons that rebuild the answer. */
  reasons: string[];
  /** The top topics are too close to call: ask "Is this about…?" with these choices. */
  clarify: boolean;
  choices: Array<{ topic: Topic; rule: string }>;
  /** Who the asker is in the story, when the engine can tell. */
  asker: Asker | 'unknown';
  special?: Special;
  /** Kinds of harm the safety layer saw (touching, threats…), for evaluation. */
  harms: string[];
}

export interface Classifier {
  classify(text: string): Classification;
}

const MAX_RULES = 5;
/** Past this many words, each sentence is also read on its own: harm in a longer message is not diluted. */
const WINDOW_FROM_WORDS = 80;
/** How many of the best single sentences are also read with a neighbour. */
const PAIRED_SENTENCES = 4;
const ASKER_MIN = 0.45;
/** The romance signal decides only between topics the ranker already ranks this high. */
const ROMANCE_WITHIN = 3;

/** Whether `label` is among the first `n` topics (app intents apart) of a ranking. */
function topRanked(ranked: ReadonlyArray<{ label: Label }>, label: Label, n: number): boolean {
  return ranked
    .filter((r) => (TOPICS as readonly string[]).includes(r.label))
    .slice(0, n)
    .some((r) => r.label === label);
}

function argmax(values: ArrayLike<number>, allowed: (i: number) => boolean = () => true): number {
  let best = -1;
  for (let i = 0; i < values.length; i++)
    if (allowed(i) && (best < 0 || (values[i] as number) > (values[best] as number))) best = i;
  return best;
}

const OUT_OF_SCOPE = LABELS.indexOf('out-of-scope');
const HARASSMENT = LABELS.indexOf('harassment-and-safety');
const TOPIC_COUNT = TOPICS.length;
const inScope = (i: number) => i < TOPIC_COUNT && i !== OUT_OF_SCOPE;

/**
 * The window of a long text that is most clearly about something in scope: the buried question.
 * Every window carries what the safety layer saw in the whole text.
 */
function focus(
  model: Model,
  signals: readonly string[],
  read: readonly Sentence[],
): { vector: SparseVector; prediction: Prediction } {
  const sentences = countSentences(read);
  const whole = combine(sentences, signals);
  const words = sentences.reduce((n, s) => n + s.words.length, 0);
  if (words <= WINDOW_FROM_WORDS) return { vector: whole, prediction: predict(model, whole) };
  const inScopeBest = (labels: Float64Array) => labels[argmax(labels, inScope)] as number;
  let best = whole;
  const wholeTopic = predictTopic(model, whole);
  let bestScore = Math.max(inScopeBest(wholeTopic.labels), wholeTopic.escalate);
  /** Each window read, by its words: a paste repeats itself, and a window already read adds nothing. */
  const windows = new Map<string, { score: number; aside: boolean }>();
  const texts = sentences.map((s) => s.words.join(' '));
  const consider = (start: number, size: number): { score: number; aside: boolean } => {
    const key = texts.slice(start, start + size).join('|');
    const known = windows.get(key);
    if (known) return known;
    const vector = combine(sentences.slice(start, start + size), signals);
    const prediction = predictTopic(model, vector);
    const score = Math.max(inScopeBest(prediction.labels), prediction.escalate);
    if (score > bestScore) {
      bestScore = score;
      best = vector;
    }
    const result = {
      score,
      aside: argmax(prediction.labels) === OUT_OF_SCOPE && prediction.escalate < model.thresholds.escalate,
    };
    windows.set(key, result);
    return result;
  };
  // Every sentence alone (a standalone question), then the best few with the sentence before
  // or after (a question and the sentence that gives its context). A neighbour that on its own
  // is plainly about something else (the car park, the new kitchen) gives no context: a
  // question is read with it only when the neighbour is not such an aside.
  const singles = sentences.map((_, i) => ({ i, ...consider(i, 1) }));
  // A repeated sentence was read at its first place: its repeats rank last.
  const met = new Set<string>();
  const ranked = singles
    .map(({ i, score }) => {
      const repeat = met.has(texts[i] as string);
      met.add(texts[i] as string);
      return { i, score: repeat ? -1 : score };
    })
    .sort((a, b) => b.score - a.score);
  for (const { i } of ranked.slice(0, PAIRED_SENTENCES)) {
    if (i > 0 && !(singles[i - 1] as { aside: boolean }).aside) consider(i - 1, 2);
    if (i + 1 < sentences.length && !(singles[i + 1] as { aside: boolean }).aside) consider(i, 2);
  }
  return { vector: best, prediction: predict(model, best) };
}

const EMOJI = /\p{Extended_Pictographic}/u;

function mergeReadings(a: SafetyReading, b: SafetyReading): SafetyReading {
  const hits = new Map([...a.hits, ...b.hits].map((h) => [h.id, h]));
  return {
    hits: [...hits.values()],
    keepInScope: a.keepInScope || b.keepInScope,
    groups: [...new Set([...a.groups, ...b.groups])].sort(),
  };
}

export function createClassifier(pack: Pack, model: Model): Classifier {
  const safety: CompiledSafety = compileSafety(pack.safety);
  const rulesById = new Map(pack.rules.map((r) => [r.id, r]));
  const relationships: Array<[KnownRelationship, Pattern[]]> = Object.entries(pack.meta.relationships).map(
    ([relationship, phrases]) => [relationship as KnownRelationship, (phrases ?? []).map(patternOf)],
  );
  const romance = (pack.meta.romance ?? []).map(patternOf);
  const customer = relationships.find(([r]) => r === 'customer')?.[1] ?? [];
  const others = relationships.filter(([r]) => r !== 'customer').flatMap(([, patterns]) => patterns);
  // The pack's own words (from the model artifact, or counted now): English enough to skip the
  // language detector, the targets of typo correction, and the only words ever kept.
  const counts = model.vocabulary ?? vocabularyOf(pack);
  const vocabulary = new Set(counts.keys());
  rememberWords(vocabulary);
  const speller = createSpeller(counts);

  function describe(id: string, score: number, signals: string[]): RuleMatch | undefined {
    const rule = rulesById.get(id);
    if (!rule) return undefined;
    return {
      id,
      title: rule.title,
      topic: rule.topic,
      score: Math.round(score * 1000) / 1000,
      signals,
      ...(rule.guidance.policy[0]
        ? { policySection: rule.guidance.policy[0].section ?? rule.guidance.policy[0].title }
        : {}),
    };
  }

  /**
   * Whether one sentence speaks of romance with someone the asker serves: one of the pack's
   * romance words, a customer phrase, and no phrase of another relationship (a coworker who
   * serves the same customers is a coworker).
   */
  function romanceWithCustomer(sentences: readonly Sentence[]): boolean {
    if (romance.length === 0) return false;
    return sentences.some((sentence) => {
      const stems = sentence.words.map(stemOf);
      const has = (patterns: readonly Pattern[]) => patterns.some((p) => contains(stems, p));
      return has(romance) && has(customer) && !has(others);
    });
  }

  function relationshipOf(sentences: readonly Sentence[]): Relationship {
    const stems = sentences.flatMap((s) => [...s.words.map(stemOf), '']);
    const present = new Set(stems);
    let best: Relationship = 'unknown';
    let bestCount = 0;
    for (const [relationship, patterns] of relationships) {
      // A pattern can only match where its first word is (or a wildcard leads).
      const count = patterns.filter(
        (p) => (p[0] === '*' || present.has(p[0] as string)) && contains(stems, p),
      ).length;
      if (count > bestCount) {
        best = relationship;
        bestCount = count;
      }
    }
    return best;
  }

  function special(kind: Special): Classification {
    return {
      topic: 'out-of-scope',
      topics: [],
      escalate: false,
      urgent: false,
      relationship: 'unknown',
      relationshipMatters: false,
      confidence: 0,
      rules: [],
      why: reasonsText(pack, [`s:${kind}`]),
      reasons: [`s:${kind}`],
      clarify: false,
      choices: [],
      asker: 'unknown',
      special: kind,
      harms: [],
    };
  }

  function classify(input: string): Classification {
    const text = input.trim();
    const normalised = normaliseText(text);
    const written = sentencesOf(normalised);
    // Typos one edit from a pack word are read as that word ("coworkre" → "coworker").
    const sentences = written.map((s) => ({ ...s, words: s.words.map((w) => speller.correct(w)) }));
    const words = sentences.flatMap((s) => s.words);
    if (words.length === 0) return special(EMOJI.test(text) ? 'emoji-only' : 'help');
    // The safety layer reads the words as written and as corrected, and keeps what either saw:
    // a correction may fix "tuching", but must never turn "licked" into "liked".
    const corrected = sentences.some((s, i) => s.words.some((w, j) => w !== written[i]?.words[j]));
    const asWritten = readSafety(safety, written);
    const reading = corrected ? mergeReadings(asWritten, readSafety(safety, sentences)) : asWritten;
    // Words of harm (touching, looks, threats…) are read whatever the language seems to be.
    if (!isEnglish(words, normalised, vocabulary) && reading.hits.length === 0 && !reading.keepInScope)
      return special('other-language');

    const { vector, prediction } = focus(model, signalsOf(reading), sentences);
    const p = prediction.labels;
    // Frames decide first; the learned escalation probability adds what they miss; and a question
    // the ranker reads as harassment or safety gets the contacts first, never tips.
    const escalate =
      reading.hits.length > 0 ||
      prediction.escalate >= model.thresholds.escalate ||
      argmax(prediction.labels) === HARASSMENT;
    let urgent = reading.hits.some((h) => h.urgent);
    const ranked = LABELS.map((label, i) => ({ label, score: p[i] as number })).sort(
      (a, b) => b.score - a.score,
    );
    const best = ranked[0] as { label: Label; score: number };
    const bestInScope = argmax(p, inScope);

    let label: Label;
    if (escalate) label = 'harassment-and-safety';
    else if (best.label === 'app-privacy' || best.label === 'help') return special(best.label);
    else if (best.label === 'out-of-scope' || best.score < model.thresholds.outOfScope)
      label = reading.keepInScope ? (LABELS[bestInScope] as Label) : 'out-of-scope';
    else label = best.label;
    const relationship = relationshipOf(sentences);
    // Romance with someone the asker serves, in one sentence, read by the ranker as dating a
    // coworker or as rapport with dating a customer close behind (it has few examples of it):
    // it is about dating a customer, and needs no "Is this about…?".
    const servesRomance =
      !escalate &&
      (label === 'dating-coworkers' || label === 'customer-rapport') &&
      relationship === 'customer' &&
      topRanked(ranked, 'dating-customers', ROMANCE_WITHIN) &&
      romanceWithCustomer(sentences);
    if (servesRomance) label = 'dating-customers';
    const topic = label as Topic;

    const topics = ranked
      .filter((r): r is { label: Topic; score: number } => (TOPICS as readonly string[]).includes(r.label))
      .map((r) => ({ topic: r.label, score: Math.round(r.score * 1000) / 1000 }));
    const chosenAt = topics.findIndex((t) => t.topic === topic);
    if (chosenAt > 0) topics.unshift(...topics.splice(chosenAt, 1));

    // Rules: a frame's own rule first (the crisis answer for a crisis), then by similarity.
    const frameRules = reading.hits.filter((h): h is SafetyHit & { rule: string } => Boolean(h.rule));
    frameRules.sort((a, b) => Number(b.urgent) - Number(a.urgent));
    const ruleIds = [
      ...new Set([...frameRules.map((h) => h.rule), ...rankRules(model, vector, topic).map((r) => r.id)]),
    ];
    const noticed = reading.hits.map((h) => h.explain);
    const rules = ruleIds
      .slice(0, MAX_RULES)
      .flatMap((id, i) => describe(id, i === 0 ? best.score : 0, i === 0 ? noticed : []) ?? []);

    // What the person is shown decides: an answer from an escalating rule (every harassment-and-
    // safety rule escalates) puts the contacts first, so the question escalates, however the
    // engine came to that rule (words of harm kept a low-scoring question in scope).
    const lead = rules[0] ? rulesById.get(rules[0].id) : undefined;
    const escalates = escalate || topic === 'harassment-and-safety' || lead?.escalate === true;

    // Clarify: two in-scope topics too close to call, and nothing that must escalate.
    const second = topics[1];
    const clarify =
      !escalates &&
      !servesRomance &&
      topic !== 'out-of-scope' &&
      second !== undefined &&
      second.topic !== 'out-of-scope' &&
      (topics[0] as { score: number }).score - second.score < model.thresholds.clarifyMargin;
    const choices = clarify
      ? topics
          .slice(0, 3)
          .filter(
            (t, i) =>
              t.topic !== 'out-of-scope' &&
              (i < 2 || (topics[0] as { score: number }).score - t.score < model.thresholds.clarifyMargin),
          )
          .flatMap((t) => {
            const rule = rankRules(model, vector, t.topic)[0];
            return rule ? [{ topic: t.topic, rule: rule.id }] : [];
          })
      : [];

    const askerAt = argmax(prediction.asker);
    const asker: Asker | 'unknown' =
      askerAt >= 0 && (prediction.asker[askerAt] as number) >= ASKER_MIN
        ? (ASKERS[askerAt] as Asker)
        : 'unknown';
    // An urgent rule (a crisis, an assault) is urgent however the engine came to it.
    if (escalates && lead?.urgent) urgent = true;
    const reasons = [
      ...new Set([
        ...(reading.hits.length > 0 ? reading.hits.map((h) => `f:${h.id}`) : [`t:${topic}`]),
        ...(relationship !== 'unknown' ? [`r:${relationship}`] : []),
      ]),
    ].slice(0, MAX_REASONS);

    return {
      topic,
      topics,
      escalate: escalates,
      urgent,
      relationship,
      relationshipMatters: lead?.relationshipMatters ?? false,
      confidence:
        Math.round(
          (escalates
            ? Math.max(p[LABELS.indexOf(topic)] as number, prediction.escalate, 0.5)
            : (p[LABELS.indexOf(topic)] as number)) * 1000,
        ) / 1000,
      rules,
      why: reasonsText(pack, reasons),
      reasons,
      clarify: clarify && choices.length >= 2,
      choices: clarify && choices.length >= 2 ? choices : [],
      asker,
      harms: [...new Set(reading.hits.map((h) => h.kind))],
    };
  }

  return { classify };
}
