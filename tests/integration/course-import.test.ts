import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCourses } from "~/domain/courses/import.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { parseRubric } from "~/domain/mentoring/rubric.ts";
import { ensureUser } from "../factories/users.ts";

function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-valid"), dir, { recursive: true });
  return dir;
}
const edit = (dir: string, file: string, change: (text: string) => string) =>
  fs.writeFileSync(path.join(dir, file), change(fs.readFileSync(path.join(dir, file), "utf8")));
const lesson = (slug: string) =>
  prisma.lesson.findUniqueOrThrow({
    where: { courseId_slug: { courseId: "mini-course", slug } },
    select: { id: true, retiredAt: true },
  });

describe("importing courses", () => {
  it("imports, skips an unchanged course, and keeps progress across edits and removals", async () => {
    const dir = copyFixture();
    const first = await importCourses(loadCourses(dir).courses);
    expect(first).toMatchObject({ imported: ["mini-course"], refused: [] });
    const contents = await prisma.lessonContent.findMany({
      where: { lesson: { courseId: "mini-course" } },
      select: { language: true, revision: true },
    });
    expect(contents.map((c) => c.language).sort()).toEqual(["en", "en", "fr"]);

    expect(await importCourses(loadCourses(dir).courses)).toMatchObject({ imported: [], unchanged: ["mini-course"] });

    // A learner's progress on the first lesson…
    const user = await ensureUser(prisma);
    const { id: firstId } = await lesson("first");
    await prisma.lessonProgress.create({ data: { userId: user.id, lessonId: firstId, completedAt: new Date() } });

    // …survives an edit of its text: same lesson id, a new revision.
    edit(dir, "mini-course/basics/first.en.md", (t) => t.replace("Counterfeiting is", "Counterfeiting, in law, is"));
    expect(await importCourses(loadCourses(dir).courses)).toMatchObject({ imported: ["mini-course"] });
    expect((await lesson("first")).id).toBe(firstId);
    const english = await prisma.lessonContent.findUniqueOrThrow({
      where: { lessonId_language: { lessonId: firstId, language: "en" } },
      select: { revision: true, source: true },
    });
    expect(english.revision).toBe(2);
    expect(english.source).toContain("in law");
    expect(await prisma.lessonProgress.count({ where: { lessonId: firstId } })).toBe(1);

    // …and its removal from the course: retired, not deleted.
    edit(dir, "mini-course/course.yaml", (t) =>
      t.replace("      - first\n", "").replace("[the next lesson](../basics/second)", "")
    );
    fs.rmSync(path.join(dir, "mini-course/basics/first.en.md"));
    fs.rmSync(path.join(dir, "mini-course/basics/first.fr.md"));
    expect(await importCourses(loadCourses(dir).courses)).toMatchObject({ imported: ["mini-course"] });
    expect((await lesson("first")).retiredAt).toBeInstanceOf(Date);
    expect(await prisma.lessonProgress.count({ where: { lessonId: firstId } })).toBe(1);
  });

  it("refuses a course with problems and keeps the version learners have", async () => {
    const dir = copyFixture();
    await importCourses(loadCourses(dir).courses);
    const before = await prisma.course.findUniqueOrThrow({
      where: { id: "mini-course" },
      select: { sourceHash: true },
    });
    edit(dir, "mini-course/basics/second.en.md", (t) => t.replace(":::quiz", ":::poll"));
    const report = await importCourses(loadCourses(dir).courses);
    expect(report.refused).toEqual(["mini-course"]);
    expect(
      await prisma.course.findUniqueOrThrow({ where: { id: "mini-course" }, select: { sourceHash: true } })
    ).toEqual(before);
  });

  it("imports assignments idempotently: revision on change, retired when removed, back when restored", async () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, "mini-course/assignments.yaml"), ASSIGNMENTS);
    const row = (slug: string) =>
      prisma.assignment.findUniqueOrThrow({
        where: { courseId_slug: { courseId: "mini-course", slug } },
        select: {
          id: true,
          moduleSlug: true,
          position: true,
          dueDays: true,
          titles: true,
          instructions: true,
          rubric: true,
          maxPoints: true,
          revision: true,
          retiredAt: true,
        },
      });

    expect(await importCourses(loadCourses(dir).courses)).toMatchObject({ imported: ["mini-course"], refused: [] });
    const plan = await row("plan");
    expect(plan).toMatchObject({
      moduleSlug: "basics",
      position: 0,
      dueDays: 30,
      maxPoints: 5,
      revision: 1,
      retiredAt: null,
    });
    expect(JSON.parse(plan.titles)).toEqual({ en: "Draft a plan", fr: "Rédiger un plan" });
    // Instructions are stored rendered and sanitised, with lesson links resolved to the course's URLs.
    const html = JSON.parse(plan.instructions) as Record<string, string>;
    expect(Object.keys(html)).toEqual(["en"]);
    expect(html.en).toContain("<strong>three days</strong>");
    expect(html.en).toContain('href="/courses/mini-course/basics/first"');
    expect(html.en).not.toContain("<script");
    // The rubric is in the shape the mentoring domain reads.
    expect(parseRubric(plan.rubric)).toEqual([
      {
        id: "objectives",
        titles: { en: "Objectives", fr: "Objectifs" },
        levels: [
          { id: "vague", points: 0, titles: { en: "Vague" } },
          { id: "observable", points: 3, titles: { en: "Observable" } },
        ],
      },
      {
        id: "partners",
        titles: { en: "Partners" },
        levels: [
          { id: "none", points: 0, titles: { en: "None" } },
          { id: "some", points: 1, titles: { en: "Some" } },
          { id: "all", points: 2, titles: { en: "All, with roles" } },
        ],
      },
    ]);
    const analysis = await row("analysis");
    expect(analysis).toMatchObject({ position: 1, maxPoints: 1, revision: 1 });

    // Importing again changes nothing.
    expect(await importCourses(loadCourses(dir).courses)).toMatchObject({ unchanged: ["mini-course"] });
    expect(await row("plan")).toEqual(plan);

    // A submission points at the assignment; it must survive everything below.
    const user = await ensureUser(prisma);
    await prisma.submission.create({
      data: { assignmentId: plan.id, userId: user.id, status: "draft", dueAt: new Date() },
      select: { id: true },
    });

    // A change of content raises the revision and keeps the row; an unchanged one keeps its revision.
    edit(dir, "mini-course/assignments.yaml", (t) => t.replace("dueDays: 30", "dueDays: 45"));
    expect(await importCourses(loadCourses(dir).courses)).toMatchObject({ imported: ["mini-course"] });
    expect(await row("plan")).toMatchObject({ id: plan.id, dueDays: 45, revision: 2 });
    expect(await row("analysis")).toMatchObject({ id: analysis.id, revision: 1 });

    // Removed from the file: retired, not deleted, its submission kept.
    const withoutPlan = ASSIGNMENTS.replace(/ {2}- id: plan[\s\S]*?(?= {2}- id: analysis)/, "").replace(
      "dueDays: 30",
      "dueDays: 45"
    );
    fs.writeFileSync(path.join(dir, "mini-course/assignments.yaml"), withoutPlan);
    expect(await importCourses(loadCourses(dir).courses)).toMatchObject({ imported: ["mini-course"] });
    const retired = await row("plan");
    expect(retired.retiredAt).toBeInstanceOf(Date);
    expect(retired.revision).toBe(2);
    expect(await row("analysis")).toMatchObject({ position: 0, revision: 1, retiredAt: null });
    expect(await prisma.submission.count({ where: { assignmentId: plan.id } })).toBe(1);

    // Back in the file: current again, same row.
    edit(dir, "mini-course/assignments.yaml", () => ASSIGNMENTS.replace("dueDays: 30", "dueDays: 45"));
    expect(await importCourses(loadCourses(dir).courses)).toMatchObject({ imported: ["mini-course"] });
    expect(await row("plan")).toMatchObject({ id: plan.id, retiredAt: null, position: 0, revision: 2 });

    // The whole file removed: every assignment retired.
    fs.rmSync(path.join(dir, "mini-course/assignments.yaml"));
    await importCourses(loadCourses(dir).courses);
    expect(await prisma.assignment.count({ where: { courseId: "mini-course", retiredAt: null } })).toBe(0);
  });

  it("refuses a course whose assignments have problems, keeping the assignments learners have", async () => {
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, "mini-course/assignments.yaml"), ASSIGNMENTS);
    await importCourses(loadCourses(dir).courses);
    edit(dir, "mini-course/assignments.yaml", (t) => t.replace("module: basics", "module: nowhere"));
    const loaded = loadCourses(dir);
    expect(loaded.issues.map((i) => i.message)).toContain(
      "assignment `plan`: module `nowhere` is not a module of this course"
    );
    expect((await importCourses(loaded.courses)).refused).toEqual(["mini-course"]);
    expect(
      await prisma.assignment.findUniqueOrThrow({
        where: { courseId_slug: { courseId: "mini-course", slug: "plan" } },
        select: { moduleSlug: true },
      })
    ).toEqual({ moduleSlug: "basics" });
  });
});

const ASSIGNMENTS = `assignments:
  - id: plan
    module: basics
    dueDays: 30
    title:
      en: Draft a plan
      fr: Rédiger un plan
    instructions:
      en: |
        Plan **three days** of training, as in [the first lesson](../basics/first).

        <script>alert(1)</script>
    rubric:
      criteria:
        - id: objectives
          title:
            en: Objectives
            fr: Objectifs
          levels:
            - id: vague
              points: 0
              title:
                en: Vague
            - id: observable
              points: 3
              title:
                en: Observable
        - id: partners
          title:
            en: Partners
          levels:
            - id: none
              points: 0
              title:
                en: None
            - id: some
              points: 1
              title:
                en: Some
            - id: all
              points: 2
              title:
                en: All, with roles
  - id: analysis
    module: basics
    dueDays: 60
    title:
      en: Write an analysis
    instructions:
      en: Write the analysis of a seizure.
    rubric:
      criteria:
        - id: facts
          title:
            en: Facts
          levels:
            - id: missing
              points: 0
              title:
                en: Missing
            - id: clear
              points: 1
              title:
                en: Clear
`;
