import { describe, expect, it } from 'vitest';
import { createMetrics, MIN_REPORTED_COUNT, renderPrometheus } from '../src/metrics.js';

describe('metrics', () => {
  it('counts by surface, topic, rule and outcome only', () => {
    const m = createMetrics();
    m.answered('dm', 'boundaries', 'taking-a-no', 'answered');
    m.feedback('taking-a-no', false);
    expect(m.snapshot()).toEqual([
      {
        name: 'conduct_answers_total',
        labels: { surface: 'dm', topic: 'boundaries', rule: 'taking-a-no', outcome: 'answered' },
        value: 1,
      },
      { name: 'conduct_feedback_total', labels: { rule: 'taking-a-no', verdict: 'not_relevant' }, value: 1 },
    ]);
  });

  it(`suppresses series below ${MIN_REPORTED_COUNT} so one question cannot be singled out`, () => {
    const m = createMetrics();
    for (let i = 0; i < MIN_REPORTED_COUNT; i++) m.answered('command', 'discretion', 'gossip', 'answered');
    for (let i = 0; i < MIN_REPORTED_COUNT - 1; i++)
      m.answered('command', 'gifts-and-favors', 'cash', 'answered');
    const text = renderPrometheus(m);
    expect(text).toContain(
      `conduct_answers_total{surface="command",topic="discretion",rule="gossip",outcome="answered"} ${MIN_REPORTED_COUNT}`,
    );
    expect(text).not.toContain('gifts-and-favors');
    expect(text).toContain('conduct_suppressed_series 1');
    expect(text).toMatch(/# TYPE conduct_answers_total counter/);
  });
});
