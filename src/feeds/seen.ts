/** Ids of a feed's items already delivered or deliberately skipped, with when they were first handled (ms). */
export type SeenIds = Record<string, number>;

/** How long an id no longer in the feed is remembered: 90 days. */
export const SEEN_TTL_MS = 90 * 24 * 60 * 60 * 1000;
/** Most ids kept per feed, besides those still in the feed. */
export const SEEN_LIMIT = 1000;

/** Whether an item was already handled. */
export function isSeen(seen: SeenIds, id: string): boolean {
  return Object.hasOwn(seen, id);
}

/**
 * `seen` with `ids` added at `now`, pruned: ids still in the feed (`current`) are always kept,
 * so a long-lived item is never posted twice; others expire after {@link SEEN_TTL_MS} and only
 * the newest {@link SEEN_LIMIT} are kept.
 */
export function addSeen(seen: SeenIds, ids: Iterable<string>, now: number, current: ReadonlySet<string>): SeenIds {
  const next: SeenIds = { ...seen };
  for (const id of ids) if (!Object.hasOwn(next, id)) next[id] = now;
  const kept = Object.entries(next)
    .filter(([id, at]) => current.has(id) || now - at < SEEN_TTL_MS)
    .sort((a, b) => Number(current.has(b[0])) - Number(current.has(a[0])) || b[1] - a[1]);
  const limit = Math.max(SEEN_LIMIT, current.size);
  return Object.fromEntries(kept.slice(0, limit));
}
