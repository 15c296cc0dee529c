/**
 * A small in-process cache with a time to live, for data that changes rarely and is read on every
 * page (published course structure and text). Stale for at most `ttlMs` after a change made by
 * another process (e.g. `npm run courses:import`); changes made in this process call `forget`.
 */
const entries = new Map<string, { expires: number; value: Promise<unknown> }>();
const MAX_ENTRIES = 5000;

export function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = load();
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { expires: now + ttlMs, value });
  value.catch(() => entries.delete(key)); // never cache a failure
  return value;
}

/** Forget every entry whose key starts with `prefix`. */
export function forget(prefix: string) {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
}

/** Memoise a pure function of one string (e.g. Markdown rendering), keeping the most recent results. */
export function memoize(fn: (input: string) => string, max = 20_000): (input: string) => string {
  const results = new Map<string, string>();
  return (input) => {
    let out = results.get(input);
    if (out === undefined) {
      out = fn(input);
      if (results.size >= max) results.delete(results.keys().next().value!);
      results.set(input, out);
    }
    return out;
  };
}
