import { prisma } from "./db.server.ts";
import { activeCount, incremented, retryAfterSeconds, type Limit } from "./rate-limit.ts";
import { sha256 } from "./secrets.server.ts";

export type LimitCheck = { limited: false } | { limited: true; retryAfter: number };

/** Keys never hold a raw email: an account key is a hash of the normalised address. */
export function accountKey(scope: string, email: string) {
  return `${scope}:account:${sha256(email.trim().toLowerCase())}`;
}
export function addressKey(scope: string, ip: string) {
  return `${scope}:address:${ip}`;
}

async function load(key: string) {
  return prisma.rateLimitBucket.findUnique({ where: { key }, select: { count: true, windowStart: true } });
}

/** Is any of `checks` already at its limit? Does not count a hit. */
export async function peekLimits(checks: [key: string, limit: Limit][], now = new Date()): Promise<LimitCheck> {
  let retryAfter = 0;
  for (const [key, limit] of checks) {
    const bucket = await load(key);
    if (bucket && activeCount(bucket, limit, now) >= limit.max) {
      retryAfter = Math.max(retryAfter, retryAfterSeconds(bucket, limit, now));
    }
  }
  return retryAfter ? { limited: true, retryAfter } : { limited: false };
}

/** Count one hit against each key (in one transaction, so concurrent hits are not lost). */
export async function hitLimits(checks: [key: string, limit: Limit][], now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const [key, limit] of checks) {
      const bucket = await tx.rateLimitBucket.findUnique({
        where: { key },
        select: { count: true, windowStart: true },
      });
      const next = incremented(bucket, limit, now);
      await tx.rateLimitBucket.upsert({
        where: { key },
        create: { key, ...next },
        update: next,
        select: { key: true },
      });
    }
  });
}

/** Peek, and when under the limit, count the hit. For actions limited on every attempt. */
export async function consumeLimits(checks: [key: string, limit: Limit][], now = new Date()): Promise<LimitCheck> {
  const check = await peekLimits(checks, now);
  if (!check.limited) await hitLimits(checks, now);
  return check;
}

export async function clearLimit(key: string): Promise<void> {
  await prisma.rateLimitBucket.deleteMany({ where: { key } });
}

/** Housekeeping: forget buckets untouched for a day. */
export async function pruneRateLimits(now = new Date()): Promise<number> {
  const { count } = await prisma.rateLimitBucket.deleteMany({
    where: { updatedAt: { lt: new Date(now.getTime() - 86_400_000) } },
  });
  return count;
}
