import { createServer, type Server } from 'node:http';

/**
 * Usage counters without personal data: counts by surface, topic, rule and outcome only, in
 * memory, never written to disk. Exported as Prometheus text on a separate port.
 */
export interface Counter {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Metrics {
  answered(surface: string, topic: string, ruleId: string | undefined, outcome: string): void;
  outcome(surface: string, outcome: string): void;
  feedback(ruleId: string, helpful: boolean): void;
  snapshot(): Counter[];
}

/** A count below this is not shown: one question in a small team must not stand out. */
export const MIN_REPORTED_COUNT = 5;

const HELP: Record<string, string> = {
  conduct_answers_total: 'Answers given, by surface, topic, rule and outcome.',
  conduct_requests_total:
    'Requests that produced no answer (help, errors, refusals), by surface and outcome.',
  conduct_feedback_total: 'Anonymous "Helpful" / "Not relevant" clicks, by rule.',
};

export function createMetrics(): Metrics {
  const counters = new Map<string, Counter>();
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

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * Prometheus text format. Series below MIN_REPORTED_COUNT are left out (and counted in
 * conduct_suppressed_series), so no dashboard built on it can single out one question.
 */
export function renderPrometheus(metrics: Metrics, minCount = MIN_REPORTED_COUNT): string {
  const lines: string[] = [];
  const byName = new Map<string, Counter[]>();
  let suppressed = 0;
  for (const counter of metrics.snapshot()) {
    if (counter.value < minCount) {
      suppressed++;
      continue;
    }
    const list = byName.get(counter.name) ?? [];
    list.push(counter);
    byName.set(counter.name, list);
  }
  for (const name of Object.keys(HELP)) {
    lines.push(`# HELP ${name} ${HELP[name]}`, `# TYPE ${name} counter`);
    for (const c of byName.get(name) ?? []) {
      const labels = Object.entries(c.labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      lines.push(`${name}{${labels}} ${c.value}`);
    }
  }
  lines.push(
    `# HELP conduct_suppressed_series Series hidden because their count is below ${minCount}.`,
    '# TYPE conduct_suppressed_series gauge',
    `conduct_suppressed_series ${suppressed}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Serves /metrics on its own port, loopback by default, never on the public Slack port. */
export function startMetricsServer(metrics: Metrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(renderPrometheus(metrics));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
