/**
 * Usage counters without personal data: counts by surface, topic, rule and outcome only.
 * Issue-level feature; kept in memory and exported elsewhere, never written to disk.
 */
export interface Metrics {
  answered(surface: string, topic: string, ruleId: string | undefined, outcome: string): void;
  outcome(surface: string, outcome: string): void;
  feedback(ruleId: string, helpful: boolean): void;
  snapshot(): Array<{ name: string; labels: Record<string, string>; value: number }>;
}

export function createMetrics(): Metrics {
  const counters = new Map<string, { name: string; labels: Record<string, string>; value: number }>();
  const bump = (name: string, labels: Record<string, string>) => {
    const key = `${name}|${Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}`;
    const entry = counters.get(key);
    if (entry) entry.value++;
    else counters.set(key, { name, labels, value: 1 });
  };
  return {
    answered(surface, topic, ruleId, outcome) {
      bump('conduct_answers_total', { surface, topic, rule: ruleId ?? 'none', outcome });
    },
    outcome(surface, outcome) {
      bump('conduct_requests_total', { surface, outcome });
    },
    feedback(ruleId, helpful) {
      bump('conduct_feedback_total', { rule: ruleId, verdict: helpful ? 'helpful' : 'not_relevant' });
    },
    snapshot: () => [...counters.values()].map((c) => ({ ...c, labels: { ...c.labels } })),
  };
}
