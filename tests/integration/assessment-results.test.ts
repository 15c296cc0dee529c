import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { itemAnalysis, listResults, resultsCsv } from "~/domain/assessments/results.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sitAssessment } from "../factories/assessments.ts";
import { enrolWithProgress } from "../factories/learning.ts";
import { ensureUser } from "../factories/users.ts";

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-assessed"), dir, { recursive: true });
  await importCourses(loadCourses(dir).courses);
});

const HEADINGS = ["name", "email", "country", "agency", "course", "assessment", "attempts", "score", "passed", "last"];
const search = { page: 1 };

describe("results for trainers", () => {
  it("lists each learner's counted result, filtered by country, outcome and date, and exports the same as CSV", async () => {
    const kenyan = await ensureUser(prisma, { country: "KE", fullName: '=HYPERLINK("x")' });
    const brazilian = await ensureUser(prisma, { country: "BR" });
    for (const u of [kenyan, brazilian]) await enrolWithProgress(prisma, u.id, "exam-course", 1);
    const t0 = new Date("2026-10-01T09:00:00Z");
    await sitAssessment(prisma as never, kenyan.id, "exam-course", "final", 0, t0);
    await sitAssessment(prisma as never, kenyan.id, "exam-course", "final", 1, new Date("2026-10-01T11:00:00Z"));
    await sitAssessment(prisma as never, brazilian.id, "exam-course", "final", 0.25, new Date("2026-10-03T09:00:00Z"));

    const ke = await listResults({ ...search, country: "KE", course: "exam-course" }, "en");
    // The module quiz (sat by the factory) and the final: one row each, the final's best attempt counting.
    expect(ke.rows.map((r) => r.assessment).sort()).toEqual(["basics-quiz", "final"]);
    expect(ke.rows.find((r) => r.assessment === "final")).toMatchObject({
      attempts: 2,
      percent: 100,
      passed: true,
      email: kenyan.email,
    });

    const failing = await listResults({ ...search, course: "exam-course", outcome: "not_passed" }, "en");
    expect(failing.rows.map((r) => r.email)).toContain(brazilian.email);
    expect(failing.rows.map((r) => r.email)).not.toContain(kenyan.email);

    const firstOfOctober = await listResults(
      { ...search, course: "exam-course", from: "2026-10-01", to: "2026-10-01" },
      "en"
    );
    expect(firstOfOctober.rows.map((r) => r.email)).toEqual([kenyan.email]);

    const csv = await resultsCsv({ ...search, country: "KE" }, "en", HEADINGS);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const records = (parse(csv.slice(1), { columns: true }) as Record<string, string>[]).filter(
      (r) => r.assessment === "final"
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      email: kenyan.email,
      country: "KE",
      attempts: "2",
      score: "100",
      passed: "yes",
    });
    // A name that looks like a spreadsheet formula is neutralised.
    expect(records[0]!.name).toBe('\'=HYPERLINK("x")');
  });

  it("analyses each question: facility, option frequencies, and discrimination from 10 attempts", async () => {
    for (let i = 0; i < 10; i++) {
      const u = await ensureUser(prisma);
      await enrolWithProgress(prisma, u.id, "exam-course", 1);
      await sitAssessment(prisma as never, u.id, "exam-course", "final", i / 10);
    }
    const analysis = await itemAnalysis("exam-course", "final", "en");
    expect(analysis!.items).toHaveLength(8);
    const single = analysis!.items.find((i) => i.id === "single-one")!;
    expect(single.stats.asked).toBeGreaterThanOrEqual(10);
    expect(single.stats.facility).toBeGreaterThan(0);
    expect(single.stats.facility).toBeLessThan(100);
    expect(single.stats.discrimination).not.toBeNull();
    expect(single.options!.map((o) => o.correct)).toEqual([true, false, false]);
    // Only the right option was ever chosen (the factory answers right or leaves blank).
    expect(single.stats.optionCounts![1]).toBe(0);
    expect(single.stats.optionCounts![0]).toBe(single.stats.answered);
    expect(analysis!.graded).toBeGreaterThanOrEqual(10);
  });
});
