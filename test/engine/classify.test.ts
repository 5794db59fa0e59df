import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { defaultPack, tinyPack } from './helpers.js';

const engine = createEngine(defaultPack);
const topicOf = (text: string) => engine.classify(text).topic;

describe('phrase matching', () => {
  const pack = tinyPack(
    [
      { id: 'ask', title: 'Ask', topic: 'dating-coworkers', match: { all: ['ask * out', '@work'] } },
      { id: 'gift', title: 'Gift', topic: 'gifts-and-favors', weight: 2, match: { all: ['@gift'] } },
    ],
    { work: ['coworker', 'colleague'], gift: ['gift', 'present'] },
  );
  const tiny = createEngine(pack);

  it('matches all signals of a rule, across word forms', () => {
    const result = tiny.classify('Should I ask my coworker out?');
    expect(result.topic).toBe('dating-coworkers');
    expect(result.rules[0]?.signals.join(' ')).toContain('@work');
  });

  it('lets * stand for up to two words, not more', () => {
    expect(tiny.classify('asking my colleague out').topic).toBe('dating-coworkers');
    expect(tiny.classify('ask my lovely new colleague out').topic).toBe('out-of-scope');
  });

  it('needs every `all` signal', () => {
    expect(tiny.classify('should I ask her out').topic).toBe('out-of-scope');
  });

  it('tolerates one-letter typos in longer words', () => {
    expect(tiny.classify('ask my collegue out').topic).toBe('dating-coworkers');
    expect(tiny.classify('ask my coworkr out').topic).toBe('dating-coworkers');
  });

  it('does not "correct" short or unrelated words', () => {
    expect(tiny.classify('a gift').topic).toBe('gifts-and-favors');
    expect(tiny.classify('a gilt frame').topic).toBe('out-of-scope');
  });

  it('lets a concept include another concept', () => {
    const nested = createEngine(
      tinyPack([{ id: 'n', title: 'N', topic: 'discretion', weight: 2, match: { all: ['@talk'] } }], {
        talk: ['@rumour', 'gossip'],
        rumour: ['rumour', 'hearsay'],
      }),
    );
    expect(nested.classify('there is hearsay about me').topic).toBe('discretion');
  });
});

describe('negation', () => {
  it('cancels a negatable phrase within three words in the same clause', () => {
    const pack = tinyPack(
      [{ id: 'r', title: 'R', topic: 'dating-coworkers', weight: 2, match: { all: ['@romance'] } }],
      { romance: ['date'] },
    );
    const tiny = createEngine(pack);
    expect(tiny.classify('I want to date her').topic).toBe('dating-coworkers');
    expect(tiny.classify("I don't want to date her").topic).toBe('out-of-scope');
    expect(tiny.classify('No. I want to date her').topic).toBe('dating-coworkers');
  });

  it('treats "won\'t stop" and "can\'t help" as affirming what follows', () => {
    const pack = tinyPack(
      [{ id: 'g', title: 'G', topic: 'discretion', weight: 2, match: { all: ['gossip'] } }],
      {},
    );
    const tiny = createEngine(pack);
    expect(tiny.classify("they won't stop gossiping").topic).toBe('discretion');
    expect(tiny.classify('they never gossip').topic).toBe('out-of-scope');
  });

  it('does not cancel harm signals', () => {
    expect(engine.classify('He would not stop touching my arm at work').escalate).toBe(true);
  });

  it('reads "I don\'t want to date her, how do I say no" as boundaries, not dating advice', () => {
    expect(topicOf("I don't want to date her. How do I say no without hurting her?")).toBe('boundaries');
  });
});

describe('escalation', () => {
  it.each([
    'My team lead keeps asking me out even though I said no twice',
    'A coworker grabbed my waist in the stockroom',
    'The client said he knows where I live',
    'My supervisor told me my contract depends on whether I sleep with him',
    'Since I turned down my manager he has cut my hours',
    'A colleague keeps making sexual comments about my clothes',
    'He threatened me in the car park after work',
  ])('escalates: %s', (text) => {
    const result = engine.classify(text);
    expect(result.escalate).toBe(true);
    expect(result.topic).toBe('harassment-and-safety');
  });

  it('beats every other topic in the same text', () => {
    const result = engine.classify(
      'I have a crush on a customer and want her number, but my manager groped me yesterday',
    );
    expect(result.escalate).toBe(true);
    expect(result.topic).toBe('harassment-and-safety');
    expect(result.topics[0]?.topic).toBe('harassment-and-safety');
  });

  it('marks crises urgent', () => {
    expect(engine.classify('I have been thinking about suicide lately').urgent).toBe(true);
    expect(engine.classify('my ex showed up at the office and I am afraid of him').urgent).toBe(true);
  });

  it.each([
    "I really like a girl in my team but I don't want her to think I'm harassing her",
    'My manager asked me to dinner once and I felt a bit uncomfortable saying no',
    'How do I politely turn down a coworker who asked me out?',
    'My coworkers keep talking about their sex lives at lunch',
    'Should I grab a coffee with the new guy from accounting?',
  ])('does not escalate: %s', (text) => {
    expect(engine.classify(text).escalate).toBe(false);
  });
});

describe('out of scope', () => {
  it.each(['', '   ', 'zxqv plmokn wuvut', '?!?!'])('handles empty or gibberish input: %j', (text) => {
    const result = engine.classify(text);
    expect(result.topic).toBe('out-of-scope');
    expect(result.escalate).toBe(false);
  });

  it.each([
    'How do I ask for a pay rise after my review?',
    'Can my employer refuse my holiday request?',
    'How much notice do I have to give when I resign?',
    'Can I work from home two days a week?',
  ])('recognises non-conduct questions: %s', (text) => {
    expect(topicOf(text)).toBe('out-of-scope');
  });
});

describe('topics', () => {
  it.each([
    ['A guest at the hotel I work at asked me out and I like him too', 'dating-customers'],
    ['I have feelings for someone in my department, should I ask her out?', 'dating-coworkers'],
    ['She turned me down. How do I act around her at work now?', 'boundaries'],
    ['People at work are spreading a rumour that I am dating my boss', 'discretion'],
    ['A patient sent me a friend request on Facebook', 'contact-details-and-social-media'],
    ['A vendor offered me free tickets to a game', 'gifts-and-favors'],
    ['How do I get better at small talk with clients?', 'customer-rapport'],
  ] as const)('%s → %s', (text, topic) => {
    expect(topicOf(text)).toBe(topic);
  });
});

describe('relationship detection', () => {
  it.each([
    ['I want to ask out my supervisor', 'manager'],
    ['I have a crush on someone who works for me', 'direct-report'],
    ['My PA and I have been flirting', 'direct-report'],
    ['Can I date a patron of our bar?', 'customer'],
    ['The rep from our supplier asked me to dinner', 'vendor'],
    ['I like a colleague in my department', 'coworker'],
    ['I like someone', 'unknown'],
  ] as const)('%s → %s', (text, relationship) => {
    expect(engine.classify(text).relationship).toBe(relationship);
  });
});

describe('tuning knobs', () => {
  it('can scale a topic and move the out-of-scope threshold without recompiling', () => {
    const text = 'How do I get better at small talk with clients?';
    expect(engine.classify(text).topic).toBe('customer-rapport');
    expect(engine.withTuning({ outOfScopeThreshold: 0.99 }).classify(text).topic).toBe('out-of-scope');
    const scaled = engine.withTuning({ topicWeights: { 'customer-rapport': 0.1 } });
    expect(scaled.classify(text).topic).not.toBe('customer-rapport');
    expect(engine.classify(text).topic).toBe('customer-rapport');
  });
});

describe('working memory shared between questions', () => {
  it('gives each question the same answer whatever came before it', () => {
    const questions = [
      'Can I ask my coworker out for coffee?',
      'My manager keeps touching my shoulder and I hate it',
      'a customer gave me a $50 tip',
      'what is the wifi password',
      "I don't want to date her, how do I say no",
    ];
    const alone = questions.map((q) => createEngine(defaultPack).classify(q));
    const shared = createEngine(defaultPack);
    for (let round = 0; round < 3; round++)
      for (const [i, q] of [...questions.entries()].reverse()) expect(shared.classify(q)).toEqual(alone[i]);
  });

  it('treats words that name object properties as plain words', () => {
    for (const text of ['constructor', 'my __proto__ toString hasOwnProperty', 'valueOf prototype'])
      expect(engine.classify(text).topic).toBe('out-of-scope');
  });
});
