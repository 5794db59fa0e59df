// An open-loop load generator: request i is due at start + i/rate, whatever happened to the
// ones before (unlike autocannon's overallRate, which lets each connection send its share of a
// second back to back, then idle). Latency is taken from the moment each request is written.
import { Agent } from 'node:http';
import { send } from './proc.mjs';

export const percentile = (sorted, p) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Sends `requests` (cycled) to `port` at `rate`/s for `durationMs`; returns latency stats. */
export async function paced(port, requests, { rate, durationMs, maxSockets = 64 }) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const total = Math.round((rate * durationMs) / 1000);
  const latencies = [];
  let errors = 0;
  let non2xx = 0;
  let maxLag = 0;
  const pending = new Set();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    maxLag = Math.max(maxLag, performance.now() - due);
    const p = send(port, requests[i % requests.length], agent, 10_000)
      .then((res) => {
        latencies.push(res.ms);
        if (res.status < 200 || res.status > 299) non2xx++;
      })
      .catch(() => errors++)
      .finally(() => pending.delete(p));
    pending.add(p);
  }
  await Promise.all(pending);
  const elapsed = performance.now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: total,
    rps: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1),
    errors,
    non2xx,
    maxLag,
  };
}
