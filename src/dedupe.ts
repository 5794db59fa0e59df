/**
 * Recently seen Slack event ids, in memory only, with a short time-to-live: enough to answer
 * a DM once when Slack retries delivery, and nothing personal (an event id names no one).
 */
export function createEventDedupe(ttlMs = 10 * 60_000, maxEntries = 50_000, now: () => number = Date.now) {
  const seen = new Map<string, number>();
  return function seenEvent(eventId: string | undefined): boolean {
    if (!eventId) return false;
    const time = now();
    // Map keeps insertion order, so expired ids are always at the front.
    for (const [id, expires] of seen) {
      if (expires > time && seen.size < maxEntries) break;
      seen.delete(id);
    }
    if (seen.has(eventId)) return true;
    seen.set(eventId, time + ttlMs);
    return false;
  };
}
