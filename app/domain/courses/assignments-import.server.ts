import type { Prisma } from "~/utils/db.server.ts";
import type { LoadedCourse } from "./load.server.ts";
import { renderMarkdown } from "./render.server.ts";
import { assignmentMaxPoints, type AssignmentFile } from "./schema.ts";

/**
 * The columns of an Assignment row, as the files say: titles as JSON by language, instructions as JSON of
 * sanitised HTML by language (rendered like lessons, relative links resolved from the assignment's module),
 * the rubric in the shape `parseRubric` (domain/mentoring/rubric.ts) reads, and the points it is worth.
 */
export function assignmentColumns(courseId: string, assignment: AssignmentFile, position: number) {
  const instructions = Object.fromEntries(
    Object.entries(assignment.instructions)
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .map(([lng, markdown]) => [lng, renderMarkdown(markdown, courseId, assignment.module)])
  );
  const rubric = assignment.rubric.criteria.map((criterion) => ({
    id: criterion.id,
    titles: criterion.title,
    levels: criterion.levels.map((level) => ({ id: level.id, points: level.points, titles: level.title })),
  }));
  return {
    moduleSlug: assignment.module,
    position,
    dueDays: assignment.dueDays,
    titles: JSON.stringify(assignment.title),
    instructions: JSON.stringify(instructions),
    rubric: JSON.stringify(rubric),
    maxPoints: assignmentMaxPoints(assignment.rubric.criteria),
  };
}

const CONTENT = ["moduleSlug", "dueDays", "titles", "instructions", "rubric", "maxPoints"] as const;

/**
 * Bring a course's Assignment rows in line with its assignments.yaml, inside the course's import transaction.
 * Rows are upserted by (course, slug) and keep their ids (submissions point at them); a change of content
 * raises `revision` (a move in the list does not); an assignment that left the file is retired, never deleted,
 * and one that comes back is current again.
 */
export async function importAssignments(tx: Prisma.TransactionClient, course: LoadedCourse, now: Date) {
  const existing = await tx.assignment.findMany({
    where: { courseId: course.id },
    select: {
      id: true,
      slug: true,
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
  const bySlug = new Map(existing.map((row) => [row.slug, row]));
  for (const [position, assignment] of course.assignments.entries()) {
    const columns = assignmentColumns(course.id, assignment, position);
    const before = bySlug.get(assignment.id);
    if (!before) {
      await tx.assignment.create({
        data: { courseId: course.id, slug: assignment.id, ...columns },
        select: { id: true },
      });
      continue;
    }
    const changed = CONTENT.some((key) => before[key] !== columns[key]);
    if (!changed && before.position === position && before.retiredAt === null) continue;
    await tx.assignment.update({
      where: { id: before.id },
      data: { ...columns, retiredAt: null, revision: changed ? before.revision + 1 : before.revision },
      select: { id: true },
    });
  }
  const present = course.assignments.map((a) => a.id);
  await tx.assignment.updateMany({
    where: { courseId: course.id, slug: { notIn: present }, retiredAt: null },
    data: { retiredAt: now },
  });
}
