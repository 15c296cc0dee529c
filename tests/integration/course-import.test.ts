import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCourses } from "~/domain/courses/import.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
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
});
