import { isUniqueViolation } from "~/domain/certificates/issue.server.ts";
import crypto from "node:crypto";
import { audit } from "~/domain/audit/audit.server.ts";
import { enrol } from "~/domain/courses/learning.server.ts";
import type { Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import type { FieldErrors } from "~/utils/form.server.ts";
import { DEADLINE_FIELD } from "./schemas.ts";

/** Who changes a cohort: only their id is recorded (access is the route's `cohortAccess`). */
interface Editor {
  id: string;
}

const pickText = (json: string, language: Language) => {
  const texts = JSON.parse(json) as Record<string, string | undefined>;
  return texts[language] ?? texts.en ?? "";
};

/** A form's one-time key (SessionSchema, AnnouncementSchema), made when the page renders. */
export const newFormKey = () => crypto.randomBytes(16).toString("base64url");

/** A place is shown as a link only when it is a web address. */
export const isWebLink = (place: string) => /^https?:\/\/[^\s/]+\S*$/i.test(place);

export interface ScheduleModule {
  key: string; // <courseId>/<moduleSlug>
  courseId: string;
  courseTitle: string;
  title: string;
  dueOn: string | null; // YYYY-MM-DD
}

/** The current modules of some programmes, in teaching order, titled in `language`. */
async function modulesOf(courseIds: string[], language: Language) {
  if (courseIds.length === 0) return [];
  const [courses, modules] = await Promise.all([
    prisma.course.findMany({ where: { id: { in: courseIds } }, select: { id: true, titles: true } }),
    prisma.courseModule.findMany({
      where: { courseId: { in: courseIds }, retiredAt: null },
      orderBy: { position: "asc" },
      select: { courseId: true, slug: true, titles: true },
    }),
  ]);
  const courseTitle = new Map(courses.map((c) => [c.id, pickText(c.titles, language)]));
  // The cohort's order of programmes, then each programme's order of modules.
  return courseIds.flatMap((courseId) =>
    modules
      .filter((m) => m.courseId === courseId)
      .map((m) => ({
        key: `${courseId}/${m.slug}`,
        courseId,
        slug: m.slug,
        courseTitle: courseTitle.get(courseId) ?? courseId,
        title: pickText(m.titles, language),
      }))
  );
}

/**
 * What a cohort's members see and its trainer edits: the details, the live sessions in time order and the
 * programmes' modules with their deadlines. Nothing about the other members but their number.
 */
export async function cohortSchedule(cohortId: string, language: Language) {
  const cohort = await prisma.cohort.findUniqueOrThrow({
    where: { id: cohortId },
    select: {
      id: true,
      name: true,
      country: true,
      language: true,
      courses: true,
      startsOn: true,
      endsOn: true,
      capacity: true,
      _count: { select: { members: true } },
      deadlines: { select: { courseId: true, moduleSlug: true, dueOn: true } },
      sessions: { orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, place: true, topic: true } },
    },
  });
  const courses = JSON.parse(cohort.courses) as string[];
  const due = new Map(cohort.deadlines.map((d) => [`${d.courseId}/${d.moduleSlug}`, d.dueOn]));
  const modules: ScheduleModule[] = (await modulesOf(courses, language)).map((m) => ({
    key: m.key,
    courseId: m.courseId,
    courseTitle: m.courseTitle,
    title: m.title,
    dueOn: due.get(m.key)?.toISOString().slice(0, 10) ?? null,
  }));
  return {
    cohort: {
      id: cohort.id,
      name: cohort.name,
      country: cohort.country,
      language: cohort.language,
      courses,
      startsOn: cohort.startsOn.toISOString(),
      endsOn: cohort.endsOn.toISOString(),
      capacity: cohort.capacity,
      memberCount: cohort._count.members,
    },
    sessions: cohort.sessions.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      place: s.place,
      topic: s.topic,
      link: isWebLink(s.place),
    })),
    modules,
  };
}

export interface CohortDetails {
  name: string;
  country: string;
  language: Language;
  courses: string[];
  startsOn: Date;
  endsOn: Date;
  capacity: number;
}

export type DetailsResult = { ok: true } | { ok: false; errors: FieldErrors };

/**
 * Change a cohort's details. Capacity may not go below the number of members; every programme must be a
 * current course. Members are enrolled in a programme added to the cohort, and the deadlines of a programme
 * taken off it go with it. One transaction with its audit entry.
 */
export async function updateCohortDetails(
  actor: Editor,
  cohortId: string,
  input: CohortDetails
): Promise<DetailsResult> {
  const courses = [...new Set(input.courses)];
  const known = await prisma.course.findMany({
    where: { id: { in: courses }, retiredAt: null },
    select: { id: true },
  });
  if (known.length !== courses.length) return { ok: false, errors: { courses: "cohorts:errors.courses" } };
  const outcome = await prisma.$transaction(async (tx) => {
    const before = await tx.cohort.findUniqueOrThrow({
      where: { id: cohortId },
      select: {
        name: true,
        country: true,
        language: true,
        courses: true,
        startsOn: true,
        endsOn: true,
        capacity: true,
        _count: { select: { members: true } },
      },
    });
    if (input.capacity < before._count.members)
      return { ok: false as const, errors: { capacity: "cohorts:errors.capacity_below_members" } };
    const previous = JSON.parse(before.courses) as string[];
    await tx.cohort.update({
      where: { id: cohortId },
      data: {
        name: input.name,
        country: input.country,
        language: input.language,
        courses: JSON.stringify(courses),
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        capacity: input.capacity,
      },
      select: { id: true },
    });
    const dropped = previous.filter((c) => !courses.includes(c));
    if (dropped.length) await tx.cohortDeadline.deleteMany({ where: { cohortId, courseId: { in: dropped } } });
    const after = { ...input, courses };
    const changed = (Object.keys(after) as (keyof CohortDetails)[]).filter((field) => {
      const old = field === "courses" ? previous : before[field];
      const now = after[field];
      return JSON.stringify(old) !== JSON.stringify(now);
    });
    await audit(
      { actorId: actor.id, action: "cohort.updated", targetType: "cohort", targetId: cohortId, details: { changed } },
      tx
    );
    return { ok: true as const, added: courses.filter((c) => !previous.includes(c)) };
  });
  if (!outcome.ok) return outcome;
  if (outcome.added.length) {
    // Members follow the cohort's programmes: enrolment goes through the courses domain (prerequisites apply).
    const members = await prisma.cohortMember.findMany({ where: { cohortId }, select: { userId: true } });
    for (const { userId } of members) for (const courseId of outcome.added) await enrol(userId, courseId);
  }
  return { ok: true };
}

export interface SessionInput {
  startsAt: Date;
  place: string;
  topic: string;
  key: string;
}

/**
 * Add a live session. The form's one-time key is recorded in the audit entry, so the same form posted twice
 * (a double click, a retry) adds one session; so does the same session (time, place and topic) posted again.
 */
export async function addSession(actor: Editor, cohortId: string, input: SessionInput) {
  try {
    return await prisma.$transaction(async (tx) => {
      // The same session twice (another tab, a retry with a fresh form) is not added again either.
      const same = await tx.cohortSession.findFirst({
        where: { cohortId, startsAt: input.startsAt, place: input.place, topic: input.topic },
        select: { id: true },
      });
      if (same) return { created: false };
      const session = await tx.cohortSession.create({
        data: { cohortId, startsAt: input.startsAt, place: input.place, topic: input.topic, key: input.key },
        select: { id: true },
      });
      await audit(
        {
          actorId: actor.id,
          action: "cohort.schedule_changed",
          targetType: "cohort",
          targetId: cohortId,
          details: { change: "session_added", sessionId: session.id },
        },
        tx
      );
      return { created: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { created: false }; // the same form posted twice: (cohortId, key) is unique
    throw error;
  }
}

/** Remove a live session of this cohort (another cohort's session is not found). */
export async function removeSession(actor: Editor, cohortId: string, sessionId: string) {
  return prisma.$transaction(async (tx) => {
    const removed = await tx.cohortSession.deleteMany({ where: { id: sessionId, cohortId } });
    if (removed.count === 0) return { removed: false };
    await audit(
      {
        actorId: actor.id,
        action: "cohort.schedule_changed",
        targetType: "cohort",
        targetId: cohortId,
        details: { change: "session_removed", sessionId },
      },
      tx
    );
    return { removed: true };
  });
}

export type DeadlinesResult = { ok: true; set: number; cleared: number } | { ok: false; errors: FieldErrors };

/**
 * Set every module's deadline at once (`null`: none), in one transaction: each key must be a module of the
 * cohort's programmes, or nothing is written. Modules not in `deadlines` keep theirs.
 */
export async function setDeadlines(
  actor: Editor,
  cohortId: string,
  deadlines: Record<string, Date | null>
): Promise<DeadlinesResult> {
  const cohort = await prisma.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { courses: true } });
  const modules = await modulesOf(JSON.parse(cohort.courses) as string[], "en");
  const byKey = new Map(modules.map((m) => [m.key, m]));
  const errors: FieldErrors = {};
  for (const key of Object.keys(deadlines))
    if (!byKey.has(key)) errors[`${DEADLINE_FIELD}${key}`] = "cohorts:errors.unknown_module";
  if (Object.keys(errors).length) return { ok: false, errors };
  return prisma.$transaction(async (tx) => {
    const current = await tx.cohortDeadline.findMany({
      where: { cohortId },
      select: { courseId: true, moduleSlug: true, dueOn: true },
    });
    const now = new Map(current.map((d) => [`${d.courseId}/${d.moduleSlug}`, d.dueOn.getTime()]));
    let set = 0;
    let cleared = 0;
    for (const [key, dueOn] of Object.entries(deadlines)) {
      const { courseId, slug: moduleSlug } = byKey.get(key)!;
      const id = { cohortId_courseId_moduleSlug: { cohortId, courseId, moduleSlug } };
      if (dueOn === null) {
        if (!now.has(key)) continue;
        await tx.cohortDeadline.delete({ where: id, select: { cohortId: true } });
        cleared++;
      } else if (now.get(key) !== dueOn.getTime()) {
        await tx.cohortDeadline.upsert({
          where: id,
          create: { cohortId, courseId, moduleSlug, dueOn },
          update: { dueOn },
          select: { cohortId: true },
        });
        set++;
      }
    }
    if (set || cleared)
      await audit(
        {
          actorId: actor.id,
          action: "cohort.schedule_changed",
          targetType: "cohort",
          targetId: cohortId,
          details: { change: "deadlines", set, cleared },
        },
        tx
      );
    return { ok: true as const, set, cleared };
  });
}
