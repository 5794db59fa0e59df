import type { Answer, TopicCard } from './answer.js';
import type { AnswerRef, Engine } from './index.js';
import type { Topic } from './topics.js';

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
 * The answer to "What worries you about this message?". Escalation comes first, whoever asks.
 * The person's own words, when they add some and they are about conduct, decide next. Then
 * the message's own answer, with the reminders worded for their side of it; and an unwelcome
 * message that is not about someone's interest gets the harassment and safety card, contacts
 * first, never the out-of-scope card.
 */
export function concernAnswer(
  engine: Engine,
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
    const answer = engine.answerRef(reading);
    if (answer) return { answer };
  }
  if (own && own.result.topic !== 'out-of-scope' && !own.result.special)
    return {
      answer:
        engine.answerRef({
          ...refOfResult(own.answer),
          asker: own.result.asker === 'unknown' ? asker : own.result.asker,
        }) ?? own.answer,
    };
  // Unwelcome, and not a matter of someone's interest: the harassment and safety card, contacts
  // first. An invitation that felt unwelcome gets the answer on saying no, for their side.
  const unwelcome = concern === 'me-unwelcome' || concern === 'other-unwelcome';
  if (unwelcome && !(reading.topic && INTEREST.includes(reading.topic)))
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
