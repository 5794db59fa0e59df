import type { Pack } from '../pack/load.js';
import { type Answer, answerForRule, compose, outOfScopeAnswer } from './answer.js';
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
import type { KnownRelationship, Relationship, Topic } from './topics.js';

export type { Answer, ContactLine } from './answer.js';
export { RELATIONSHIP_LABELS, TOPIC_LABELS } from './answer.js';
export type { Classification, RuleMatch, Special } from './classify.js';
export { FEATURISER_VERSION } from './learn/features.js';
export type { Model, ModelJson } from './learn/model.js';
export { modelFromJson, modelToJson } from './learn/model.js';
export * from './topics.js';

/**
 * The one object every surface (CLI, Slack listeners, playground, benchmarks) calls.
 * Built once from a loaded pack and its trained model; pure afterwards: text in, result out.
 */
export interface Engine {
  readonly pack: Pack;
  readonly model: Model;
  classify(text: string): Classification;
  answer(text: string, relationship?: KnownRelationship): { result: Classification; answer: Answer };
  /** For a button that names a rule (and maybe a relationship). */
  answerRule(ruleId: string, relationship?: Relationship): Answer | undefined;
  /** For a topic button: the topic's first rule, its overview. */
  answerTopic(topic: Topic): Answer;
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
  const firstOfTopic = new Map<Topic, (typeof pack.rules)[number]>();
  for (const rule of pack.rules) if (!firstOfTopic.has(rule.topic)) firstOfTopic.set(rule.topic, rule);

  return {
    pack,
    model,
    classify: (text) => classifier.classify(text),
    answer(text, relationship) {
      const result = classifier.classify(text);
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
