import type { Answer, AnswerRef, Clarify, TopicCard } from './answer.js';
import type { Classification } from './classify.js';
import type { Topic } from '../pack/topics.js';

/** The part of the engine this needs (src/engine/index.ts builds it). */
interface EngineParts {
  answer(text: string): { result: Classification; answer: Answer; clarify?: Clarify | undefined };
  answerRef(ref: AnswerRef): Answer | undefined;
  topicCard(topic: Topic): TopicCard;
}

/** What worries someone about a message they used the shortcut on. */
export const CONCERN_KINDS = ['me-unwelcome', 'other-unwelcome', 'my-draft', 'not-sure'] as const;
export type ConcernKind = (typeof CONCERN_KINDS)[number];

/** What the engine made of the message when the shortcut arrived: ids only, never its text. */
export interface MessageReading extends AnswerRef {
  topic?: Topic | undefined;
  escalate: boolean;
}

/** Topics whose answers speak to someone on the receiving end of interest: how to say no. */
const INTEREST: readonly Topic[] = ['dating-coworkers', 'dating-customers', 'boundaries'];

/**
 * The answer to "What worries you about this message?". Escalation comes first, whoever asks
 * (the writer of such a message gets the contacts card, not words for the person harmed). The
 * person's own words, when they add some and they are about conduct, decide next. Then: an
 * advance that felt unwelcome gets the card on saying no; anything else unwelcome, the
 * harassment and safety card, contacts first; otherwise the message's own answer, with the
 * reminders worded for their side. Never the out-of-scope card for something unwelcome.
 */
export function concernAnswer(
  engine: EngineParts,
  reading: MessageReading,
  concern: ConcernKind,
  ownWords?: string,
): { answer: Answer } | { card: TopicCard } {
  const asker =
    concern === 'me-unwelcome'
      ? 'pursued'
      : concern === 'other-unwelcome'
        ? 'bystander'
        : concern === 'my-draft'
          ? 'pursuer'
          : reading.asker;
  const own = ownWords?.trim() ? engine.answer(ownWords) : undefined;
  if (own?.result.escalate) return { answer: own.answer };
  if (reading.escalate) {
    // Someone unsure about a message they wrote gets the contacts first, not words for the
    // person on the receiving end; everyone else gets the escalation the message read as.
    const answer = concern === 'my-draft' ? undefined : engine.answerRef({ ...reading, asker });
    return answer?.kind === 'escalation' ? { answer } : { card: engine.topicCard('harassment-and-safety') };
  }
  if (own && own.result.topic !== 'out-of-scope' && !own.result.special)
    return {
      answer:
        engine.answerRef({
          ...refOfResult(own.answer),
          asker: own.result.asker === 'unknown' ? asker : own.result.asker,
        }) ?? own.answer,
    };
  // Someone's interest that felt unwelcome to the person it was aimed at: how to say no (the
  // boundaries card), never the asker's script. Anything else unwelcome, and anything a
  // bystander found unwelcome: the harassment and safety card, contacts first.
  if (concern === 'me-unwelcome' && reading.topic && INTEREST.includes(reading.topic))
    return { card: engine.topicCard('boundaries') };
  if (concern === 'me-unwelcome' || concern === 'other-unwelcome')
    return { card: engine.topicCard('harassment-and-safety') };
  const answer = engine.answerRef({ ...reading, asker });
  return answer ? { answer } : { card: engine.topicCard('harassment-and-safety') };
}

function refOfResult(answer: Answer): AnswerRef {
  return {
    ruleId: answer.ruleId,
    relationship: answer.relationship,
    reasons: answer.reasons,
    urgent: answer.urgent,
  };
}
