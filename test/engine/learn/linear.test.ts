import { describe, expect, it } from 'vitest';
import { featurise } from '../../../src/engine/learn/features.js';
import {
  linearFromJson,
  linearToJson,
  predictLinear,
  trainLinear,
} from '../../../src/engine/learn/linear.js';
import { modelFromJson, modelToJson, trainModel, vectorOf } from '../../../src/engine/learn/model.js';
import { normaliseText, sentencesOf } from '../../../src/engine/learn/text.js';

const v = (text: string) => featurise(sentencesOf(normaliseText(text)));
const data = [
  ['my boss keeps touching my hair', 1],
  ['he grabbed my waist at work', 1],
  ['can I ask for a raise', 0],
  ['how much notice before I resign', 0],
  ['a coworker touched my leg', 1],
  ['when is payday this month', 0],
] as const;

describe('the linear model', () => {
  it('learns a small problem, and training is deterministic', () => {
    const vectors = data.map(([t]) => v(t));
    const labels = data.map(([, y]) => y);
    const a = trainLinear(vectors, labels, ['work', 'touch'], { seed: 7 });
    const b = trainLinear(vectors, labels, ['work', 'touch'], { seed: 7 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(predictLinear(a, v('she keeps touching my hair'))[1]).toBeGreaterThan(0.5);
    expect(predictLinear(a, v('can I ask for a raise in March'))[0]).toBeGreaterThan(0.5);
  });

  it('round-trips through its JSON artifact with the same predictions', () => {
    const model = trainLinear(
      data.map(([t]) => v(t)),
      data.map(([, y]) => y),
      ['work', 'touch'],
    );
    const back = linearFromJson(JSON.parse(JSON.stringify(linearToJson(model))));
    const x = v('my coworker touched my hair');
    expect(Array.from(predictLinear(back, x))).toEqual(Array.from(predictLinear(model, x)));
  });

  it('L2-normalises features, and the asking sentence weighs more than its context', () => {
    const x = v('We work in a shop. Can I date my coworker?');
    const norm = Math.sqrt(Array.from(x.value).reduce((s, a) => s + a * a, 0));
    expect(norm).toBeCloseTo(1, 5);
    const a = v('Can I date my coworker?');
    expect(a.index.length).toBeGreaterThan(0);
  });

  it('round-trips a whole model, rules included', () => {
    const examples = data.map(([text, y]) => ({
      text,
      label: y ? ('harassment-and-safety' as const) : ('out-of-scope' as const),
      escalate: y === 1,
    }));
    const model = trainModel(examples, [
      { id: 'r', label: 'harassment-and-safety', text: 'Touching', notExamples: [] },
    ]);
    const back = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));
    expect(back.rules[0]?.centroid.index.length).toBe(model.rules[0]?.centroid.index.length);
    expect(back.thresholds).toEqual(model.thresholds);
    expect(vectorOf('x').index.length).toBeGreaterThan(0);
    // The pack's vocabulary travels with the model, and a damaged one is refused.
    const withWords = {
      ...model,
      vocabulary: new Map([
        ['coworker', 12],
        ['touching', 3],
      ]),
    };
    const json = modelToJson(withWords);
    expect(modelFromJson(JSON.parse(JSON.stringify(json))).vocabulary).toEqual(withWords.vocabulary);
    expect(() => modelFromJson({ ...json, vocabulary: 'coworker many' })).toThrow(/vocabulary/);
  });
});
