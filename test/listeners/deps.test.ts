import { describe, expect, it } from 'vitest';
import { type Deps, logOutcome } from '../../src/listeners/deps.js';
import { createMetrics } from '../../src/metrics.js';
import { captureLogs } from '../helpers/log-capture.js';

function depsAt(level: string) {
  const { lines, logger } = captureLogs(level);
  const deps = { logger, metrics: createMetrics() } as unknown as Deps;
  return { lines, deps };
}

describe('what a request leaves in the logs', () => {
  const answer = { topic: 'boundaries', ruleId: 'decline-advance', kind: 'guidance' } as const;

  it('at the default level (info): no line per request, only the counters move', () => {
    const { lines, deps } = depsAt('info');
    logOutcome(deps, 'command', performance.now(), 'answered', answer);
    expect(lines).toEqual([]);
    expect(deps.metrics.snapshot().some((c) => c.name === 'conduct_answers_total')).toBe(true);
  });

  it('at debug: one line with ids from the pack only', () => {
    const { lines, deps } = depsAt('debug');
    logOutcome(deps, 'command', performance.now(), 'answered', answer);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({ surface: 'command', topic: 'boundaries', ruleIds: ['decline-advance'] });
  });
});
