/**
 * A fetch for every Slack call (Web API and response_url) with a retry budget sized for a
 * person waiting: at most `maxTries` tries within `budgetMs`, honouring Retry-After when it
 * fits in what is left. The Web API client's own retries (about 30 minutes in the worst case)
 * are turned off; when the budget runs out the last response or error goes back to the caller,
 * which logs it by code and counts it.
 */
export interface RetryBudget {
  maxTries: number;
  budgetMs: number;
  baseDelayMs: number;
}

export const DEFAULT_BUDGET: RetryBudget = { maxTries: 3, budgetMs: 10_000, baseDelayMs: 250 };

type Fetch = typeof globalThis.fetch;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function createBudgetedFetch(
  budget: RetryBudget = DEFAULT_BUDGET,
  fetchImpl: Fetch = (...args) => globalThis.fetch(...args),
): Fetch {
  return async function budgetedFetch(input, init) {
    const started = Date.now();
    // response_url calls come without a signal: the budget is their timeout too.
    const signal = init?.signal ?? AbortSignal.timeout(budget.budgetMs);
    for (let attempt = 1; ; attempt++) {
      const left = budget.budgetMs - (Date.now() - started);
      const backoff = budget.baseDelayMs * 2 ** (attempt - 1);
      try {
        const response = await fetchImpl(input, { ...init, signal });
        const retryable = response.status === 429 || response.status >= 500;
        if (!retryable || attempt >= budget.maxTries) return response;
        const wait = response.status === 429 ? (retryAfterMs(response) ?? backoff) : backoff;
        if (wait >= left) return response;
        await response.body?.cancel().catch(() => undefined);
        await sleep(wait);
      } catch (error) {
        if (signal.aborted || attempt >= budget.maxTries || backoff >= left) throw error;
        await sleep(backoff);
      }
    }
  };
}
