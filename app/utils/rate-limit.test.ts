import { describe, expect, it } from "vitest";
import { activeCount, incremented, retryAfterSeconds } from "./rate-limit.ts";

const limit = { max: 3, windowMs: 60_000 };
const t = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe("fixed-window rate limit", () => {
  it("counts hits within a window and starts afresh after it", () => {
    let bucket = incremented(null, limit, t(0));
    bucket = incremented(bucket, limit, t(10_000));
    bucket = incremented(bucket, limit, t(20_000));
    expect(activeCount(bucket, limit, t(30_000))).toBe(3);
    expect(activeCount(bucket, limit, t(60_000))).toBe(0);
    expect(incremented(bucket, limit, t(61_000))).toEqual({ count: 1, windowStart: t(61_000) });
  });

  it("tells how long until the window ends, never less than a second", () => {
    const bucket = { count: 3, windowStart: t(0) };
    expect(retryAfterSeconds(bucket, limit, t(15_000))).toBe(45);
    expect(retryAfterSeconds(bucket, limit, t(59_999))).toBe(1);
  });
});
