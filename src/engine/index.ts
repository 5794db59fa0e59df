import type { Pack } from '../pack/load.js';
import {
  type Answer,
  type AnswerRef,
  answerForRule,
  type Clarify,
  clarifyFor,
  compose,
  outOfScopeAnswer,
  type TopicCard,
  topicCard,
} from './answer.js';
import { MAX_REASONS, REASON_PATTERN, reasonText } from './explain.js';
import { type Classification, createClassifier } from './classify.js';
import { FEATURISER_VERSION } from './learn/features.js';
import { compileSafety } from './safety.js';
import { vocabularyOf } from './vocabulary.js';
import {
  type Model,
  type RuleTrainingData,
  type TrainingExample,
  type TrainingOptions,
  trainModel,
} from './learn/model.js';
import type { KnownRelationship, Relationship, Topic } from '../pack/topics.js';

export type { Answer, AnswerRef, Clarify, ContactLine, TopicCard } from './answer.js';
export { topicLabel } from './answer.js';
export { MAX_REASONS, REASON_PATTERN } from './explain.js';
export type { Classification, RuleMatch, Special } from './classify.js';
export { FEATURISER_VERSION } from './learn/features.js';
export type { Model, ModelJson } from './learn/model.js';
export { modelFromJson, modelToJson } from './learn/model.js';
export * from '../pack/topics.js';
export { CONCERN_KINDS, type ConcernKind, concernAnswer, type MessageReading } from './concern.js';

/**
 * The one object every surface (CLI, Slack listeners, playground, benchmarks) calls.
 * Built once from a loaded pack and its trained model; pure afterwards: text in, result out.
 */
export interface Engine {
  readonly pack: Pack;
  readonly model: Model;
  classify(text: string): Classification;
  /** The answer, and "Is this about…?" choices when two topics are too close to call. */
  answer(
    text: string,
    relationship?: KnownRelationship,
  ): { result: Classification; answer: Answer; clarify?: Clarify | undefined };
  /** For a button that names a rule (and maybe a relationship). */
  answerRule(ruleId: string, relationship?: Relationship): Answer | undefined;
  /**
   * Rebuilds an answer from the ids a button carried (rule, relationship, asker, reasons), for
   * "Why this answer?" and feedback, which change an answer in place.
   */
  answerRef(ref: AnswerRef): Answer | undefined;
  /** For a topic button: the topic's overview and its common questions. */
  topicCard(topic: Topic): TopicCard;
}

/** The key a model is stored under: the pack's content and the featuriser that read it. */
export function modelKey(pack: Pack): string {
  return `${pack.contentHash}:${FEATURISER_VERSION}`;
}

/** What the ranker learns from a pack: its examples, and each rule's own words. */
export function trainingDataOf(pack: Pack): { examples: TrainingExample[]; rules: RuleTrainingData[] } {
  const ruleTopic = new Map(pack.rules.map((r) => [r.id, r.topic]));
  return {
    examples: pack.examples.map((e) => ({
      text: e.text,
      label: e.topic,
      escalate: e.escalate,
      ...(e.rule && ruleTopic.get(e.rule) === e.topic ? { rule: e.rule } : {}),
      ...(e.asker ? { asker: e.asker } : {}),
    })),
    rules: pack.rules.map((r) => ({
      id: r.id,
      label: r.topic,
      text: `${r.title}. ${r.guidance.summary}`,
      notExamples: r.notExamples,
    })),
  };
}

/** Trains a pack's model. Build and validation time only: the app never trains. */
export function trainPackModel(pack: Pack, options: TrainingOptions = {}): Model {
  const { examples, rules } = trainingDataOf(pack);
  return {
    ...trainModel(examples, rules, { safety: compileSafety(pack.safety), ...options }),
    vocabulary: vocabularyOf(pack),
  };
}

export function createEngine(pack: Pack, model: Model): Engine {
  const classifier = createClassifier(pack, model);
  const byId = new Map(pack.rules.map((rule) => [rule.id, rule]));

  return {
    pack,
    model,
    classify: (text) => classifier.classify(text),
    answer(text, relationship) {
      const result = classifier.classify(text);
      return { result, answer: compose(pack, result, relationship), clarify: clarifyFor(pack, result) };
    },
    answerRule(ruleId, relationship = 'unknown') {
      const rule = byId.get(ruleId);
      return rule ? answerForRule(pack, rule, relationship) : undefined;
    },
    answerRef(ref) {
      // Only reasons this pack can put in words: a made-up id is dropped, never carried on.
      const reasons = (ref.reasons ?? [])
        .filter((r) => REASON_PATTERN.test(r) && reasonText(pack, r) !== undefined)
        .slice(0, MAX_REASONS);
      if (!ref.ruleId) return outOfScopeAnswer(pack, reasons.length > 0 ? reasons : ['t:out-of-scope']);
      const rule = byId.get(ref.ruleId);
      if (!rule) return undefined;
      if (rule.topic === 'out-of-scope') return outOfScopeAnswer(pack, reasons, rule);
      return answerForRule(pack, rule, ref.relationship ?? 'unknown', {
        reasons,
        asker: ref.asker ?? 'unknown',
        ...(ref.urgent ? { urgent: true } : {}),
      });
    },
    topicCard: (topic) => topicCard(pack, topic),
  };
}
