import { DEFAULT_PACK_DIR, loadPack, type Pack } from '../pack/load.js';
import { type Answer, answerForRule, compose, outOfScopeAnswer } from './answer.js';
import { type Classification, classify } from './classify.js';
import { type CompiledPack, compilePack, type EngineTuning, retune } from './compile.js';
import type { KnownRelationship, Relationship, Topic } from './topics.js';

export type { Answer, ContactLine } from './answer.js';
export { RELATIONSHIP_LABELS, TOPIC_LABELS } from './answer.js';
export type { Classification, RuleMatch } from './classify.js';
export type { EngineTuning } from './compile.js';
export * from './topics.js';

/**
 * The one object every surface (CLI, Slack listeners, playground, benchmarks) calls.
 * Built once from a loaded pack; pure afterwards: text in, result out, nothing kept.
 */
export interface Engine {
  readonly pack: Pack;
  classify(text: string): Classification;
  answer(text: string, relationship?: KnownRelationship): { result: Classification; answer: Answer };
  /** For a button that names a rule (and maybe a relationship). */
  answerRule(ruleId: string, relationship?: Relationship): Answer | undefined;
  /** For a topic button: the topic's first rule, its overview. */
  answerTopic(topic: Topic): Answer;
  /** The knobs in use ({} unless the engine was built with some). Optional so test fakes stay small. */
  readonly tuning?: EngineTuning;
  /** A new engine over the same compiled pack with other knobs (evaluation and cross-validation). */
  withTuning?(tuning: EngineTuning): Engine;
}

export interface EngineOptions {
  tuning?: EngineTuning;
}

export function createEngine(pack: Pack, options: EngineOptions = {}): Required<Engine> {
  return engineOver(compilePack(pack, options.tuning ?? {}));
}

function engineOver(compiled: CompiledPack): Required<Engine> {
  const pack = compiled.pack;
  const byId = new Map(pack.rules.map((rule) => [rule.id, rule]));
  const firstOfTopic = new Map<Topic, (typeof pack.rules)[number]>();
  for (const rule of pack.rules) if (!firstOfTopic.has(rule.topic)) firstOfTopic.set(rule.topic, rule);

  return {
    pack,
    tuning: compiled.tuning,
    withTuning: (tuning) => engineOver(retune(compiled, tuning)),
    classify: (text) => classify(compiled, text),
    answer(text, relationship) {
      const result = classify(compiled, text);
      return { result, answer: compose(pack, result, relationship) };
    },
    answerRule(ruleId, relationship = 'unknown') {
      const rule = byId.get(ruleId);
      return rule ? answerForRule(pack, rule, relationship) : undefined;
    },
    answerTopic(topic) {
      const rule = firstOfTopic.get(topic);
      if (!rule || topic === 'out-of-scope') return outOfScopeAnswer(pack, `Topic menu: ${topic}`, rule);
      return answerForRule(pack, rule, 'unknown');
    },
  };
}

export function loadEngine(dir: string = DEFAULT_PACK_DIR, options: EngineOptions = {}): Required<Engine> {
  return createEngine(loadPack(dir), options);
}
