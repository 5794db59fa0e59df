import { describe, expect, it } from 'vitest';
import { chooseThresholds, type OutOfFold } from '../../../src/engine/learn/calibrate.js';
import type { TrainingExample } from '../../../src/engine/learn/model.js';
import { LABELS, type Label } from '../../../src/pack/topics.js';

/** An out-of-fold prediction that puts `first` just ahead of `second`. */
function close(first: Label, second: Label, gap: number): OutOfFold {
  const labels = new Float64Array(LABELS.length).fill(0.01);
  labels[LABELS.indexOf(first)] = 0.45;
  labels[LABELS.indexOf(second)] = 0.45 - gap;
  return { labels, escalate: 0, ruleByLabel: {} };
}

function clear(label: Label): OutOfFold {
  const labels = new Float64Array(LABELS.length).fill(0.01);
  labels[LABELS.indexOf(label)] = 0.9;
  return { labels, escalate: 0, ruleByLabel: {} };
}

describe('the clarify margin, chosen inside the training data', () => {
  // 100 gift questions, 5 of them close calls that the second topic gets right; and 10
  // questions about the app itself, every one a close call between two topics (15 close calls
  // in 110: within the 15% overall budget).
  const examples: TrainingExample[] = [];
  const oof: OutOfFold[] = [];
  for (let i = 0; i < 100; i++) {
    examples.push({ text: `q${i}`, label: 'gifts-and-favors', escalate: false });
    oof.push(i < 5 ? close('customer-rapport', 'gifts-and-favors', 0.05) : clear('gifts-and-favors'));
  }
  for (let i = 0; i < 10; i++) {
    examples.push({ text: `a${i}`, label: 'app-privacy', escalate: false });
    oof.push(close('discretion', 'boundaries', 0.05));
  }
  const caught = examples.map(() => false);

  it('asks "Is this about…?" where it helps, though the app’s own intents sit between topics', () => {
    // The intents are answered by their own card, never by "Is this about…?": they are not a
    // topic whose clarify rate is capped, so they must not stop the margin that helps the gifts.
    const { clarifyMargin } = chooseThresholds(examples, oof, caught);
    expect(clarifyMargin).toBeGreaterThan(0);
  });

  it('keeps every topic within its clarify cap', () => {
    // Most gift questions close: asking about them all would break the 25% cap, so no margin.
    const crowded = oof.map((p, i) => (i < 60 ? close('customer-rapport', 'gifts-and-favors', 0.05) : p));
    expect(chooseThresholds(examples, crowded, caught).clarifyMargin).toBe(0);
  });
});
