/** Fixed-window counting, pure so it can be tested without a clock or a database. */
export interface Bucket {
  count: number;
  windowStart: Date;
}

export interface Limit {
  max: number;
  windowMs: number;
}

export function activeCount(bucket: Bucket | null | undefined, limit: Limit, now: Date): number {
  if (!bucket) return 0;
  return now.getTime() - bucket.windowStart.getTime() >= limit.windowMs ? 0 : bucket.count;
}

export function incremented(bucket: Bucket | null | undefined, limit: Limit, now: Date): Bucket {
  const count = activeCount(bucket, limit, now);
  return count === 0 ? { count: 1, windowStart: now } : { count: count + 1, windowStart: bucket!.windowStart };
}

/** Whole seconds until the window that blocks `bucket` ends (at least 1). */
export function retryAfterSeconds(bucket: Bucket, limit: Limit, now: Date): number {
  return Math.max(1, Math.ceil((bucket.windowStart.getTime() + limit.windowMs - now.getTime()) / 1000));
}

export const LIMITS = {
  /** Failed logins per account: 5 in 15 minutes. */
  loginPerAccount: { max: 5, windowMs: 15 * 60_000 },
  /** Failed logins per address: generous, since a police station may share one address. */
  loginPerAddress: { max: 30, windowMs: 15 * 60_000 },
  /** Password-reset emails per account: 3 an hour. */
  resetPerAccount: { max: 3, windowMs: 60 * 60_000 },
  /** Password-reset requests per address: 20 an hour. */
  resetPerAddress: { max: 20, windowMs: 60 * 60_000 },
  /** Registrations per address: 20 an hour. */
  registerPerAddress: { max: 20, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;
