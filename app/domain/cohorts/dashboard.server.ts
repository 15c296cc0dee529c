import { courseAssessments } from "~/domain/assessments/attempts.server.ts";
import { countedAttempt } from "~/domain/assessments/rules.ts";
import { courseStructure } from "~/domain/courses/structure.server.ts";
import type { Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { readAll } from "~/utils/sql.server.ts";
import { riskFlags, type RiskFlag } from "./at-risk.ts";

const pickText = (json: string, language: Language) => {
  const texts = JSON.parse(json) as Record<string, string | undefined>;
  return texts[language] ?? texts.en ?? "";
};

export interface DashboardModule {
  key: string; // <courseId>/<moduleSlug>
  courseId: string;
  title: string;
  dueOn: string | null;
  quizId: string | null;
}

export interface DashboardMember {
  userId: string;
  fullName: string;
  email: string;
  country: string;
  /** Per module key: percent of its lessons completed, and the module quiz's counted score (null: not sat). */
  modules: Record<string, { percent: number; quiz: number | null; quizPassed: boolean | null }>;
  /** Per course: the final's counted score (null: not sat). */
  finals: Record<string, { score: number | null; passed: boolean | null }>;
  percent: number;
  lastActivityAt: string | null;
  flags: RiskFlag[];
}

/**
 * A cohort's dashboard: every member's progress per module, quiz and final scores, last activity and
 * risk flags, plus completions per week. Three plain-SQL reads for the whole cohort (not per member),
 * so a 500-member cohort is one pass over its rows (bench/cohort-dashboard.mjs).
 */
export async function cohortDashboard(cohortId: string, language: Language, now = new Date()) {
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
      ownerId: true,
      deadlines: { select: { courseId: true, moduleSlug: true, dueOn: true } },
      sessions: { orderBy: { startsAt: "asc" }, select: { id: true, startsAt: true, place: true, topic: true } },
    },
  });
  const courseIds = JSON.parse(cohort.courses) as string[];
  const modules: DashboardModule[] = [];
  const lessonModule = new Map<string, string>(); // lessonId → module key
  const lessonsPerModule = new Map<string, number>();
  const assessmentInfo = new Map<
    string,
    { key: string; kind: "quiz" | "final"; courseId: string; settings: Parameters<typeof countedAttempt>[0] }
  >();
  for (const courseId of courseIds) {
    const structure = await courseStructure(courseId);
    if (!structure) continue;
    const assessments = await courseAssessments(courseId);
    // Teaching order: the order of the modules' lessons.
    const order = [...new Set([...structure.lessons.map((l) => l.moduleSlug), ...structure.moduleTitles.keys()])];
    for (const slug of order) {
      const titles = structure.moduleTitles.get(slug) ?? "{}";
      const key = `${courseId}/${slug}`;
      const quiz = assessments.find((a) => a.kind === "quiz" && a.moduleSlug === slug);
      const due = cohort.deadlines.find((d) => d.courseId === courseId && d.moduleSlug === slug);
      modules.push({
        key,
        courseId,
        title: pickText(titles, language),
        dueOn: due?.dueOn.toISOString() ?? null,
        quizId: quiz?.id ?? null,
      });
    }
    for (const lesson of structure.lessons.filter((l) => !l.retired)) {
      const key = `${courseId}/${lesson.moduleSlug}`;
      lessonModule.set(lesson.id, key);
      lessonsPerModule.set(key, (lessonsPerModule.get(key) ?? 0) + 1);
    }
    for (const a of assessments)
      assessmentInfo.set(a.id, {
        key: a.kind === "quiz" ? `${courseId}/${a.moduleSlug}` : courseId,
        kind: a.kind as "quiz" | "final",
        courseId,
        settings: a.settings,
      });
  }

  const members = readAll<{ userId: string; fullName: string; email: string; country: string }>(
    `SELECT u.id AS userId, u.fullName AS fullName, u.email AS email, u.country AS country
     FROM CohortMember cm JOIN User u ON u.id = cm.userId WHERE cm.cohortId = ? ORDER BY u.fullName`,
    cohortId
  );
  const progress = readAll<{
    userId: string;
    lessonId: string;
    completedAt: number | string | null;
    lastViewedAt: number | string;
  }>(
    `SELECT lp.userId AS userId, lp.lessonId AS lessonId, lp.completedAt AS completedAt, lp.lastViewedAt AS lastViewedAt
     FROM LessonProgress lp JOIN CohortMember cm ON cm.userId = lp.userId WHERE cm.cohortId = ?`,
    cohortId
  );
  const attempts = readAll<{
    id: string;
    userId: string;
    assessmentId: string;
    number: number;
    score: number | null;
    passed: number | null;
    gradedAt: number | string | null;
    startedAt: number | string;
  }>(
    `SELECT a.id AS id, a.userId AS userId, a.assessmentId AS assessmentId, a.number AS number, a.score AS score,
            a.passed AS passed, a.gradedAt AS gradedAt, a.startedAt AS startedAt
     FROM Attempt a JOIN CohortMember cm ON cm.userId = a.userId WHERE cm.cohortId = ?`,
    cohortId
  );
  const toDate = (v: number | string | null) => (v === null ? null : new Date(typeof v === "number" ? v : v));

  const byMember = new Map(
    members.map((m) => [
      m.userId,
      { done: new Map<string, number>(), last: 0, attempts: new Map<string, typeof attempts>() },
    ])
  );
  const weekly = new Map<string, number>();
  for (const row of progress) {
    const entry = byMember.get(row.userId);
    const key = lessonModule.get(row.lessonId);
    if (!entry || !key) continue;
    entry.last = Math.max(entry.last, toDate(row.lastViewedAt)!.getTime());
    const completed = toDate(row.completedAt);
    if (completed) {
      entry.done.set(key, (entry.done.get(key) ?? 0) + 1);
      const monday = new Date(
        Date.UTC(
          completed.getUTCFullYear(),
          completed.getUTCMonth(),
          completed.getUTCDate() - ((completed.getUTCDay() + 6) % 7)
        )
      );
      const week = monday.toISOString().slice(0, 10);
      weekly.set(week, (weekly.get(week) ?? 0) + 1);
    }
  }
  for (const row of attempts) {
    const entry = byMember.get(row.userId);
    if (!entry || !assessmentInfo.has(row.assessmentId)) continue;
    entry.last = Math.max(entry.last, toDate(row.startedAt)!.getTime());
    const list = entry.attempts.get(row.assessmentId) ?? [];
    list.push(row);
    entry.attempts.set(row.assessmentId, list);
  }

  const totalLessons = [...lessonsPerModule.values()].reduce((a, b) => a + b, 0);
  const rows: DashboardMember[] = members.map((m) => {
    const entry = byMember.get(m.userId)!;
    const perModule: DashboardMember["modules"] = {};
    const finals: DashboardMember["finals"] = {};
    const failuresNotRecovered: number[] = [];
    for (const mod of modules) {
      const total = lessonsPerModule.get(mod.key) ?? 0;
      perModule[mod.key] = {
        percent: total ? Math.round((100 * (entry.done.get(mod.key) ?? 0)) / total) : 0,
        quiz: null,
        quizPassed: null,
      };
    }
    for (const [assessmentId, list] of entry.attempts) {
      const info = assessmentInfo.get(assessmentId)!;
      const facts = list.map((a) => ({
        id: a.id,
        number: a.number,
        startedAt: toDate(a.startedAt)!,
        deadline: null,
        closedAt: null,
        closedBy: null,
        score: a.score,
        passed: a.passed === null ? null : a.passed === 1,
        gradedAt: toDate(a.gradedAt),
      }));
      const counted = countedAttempt(info.settings, facts);
      const score = counted?.score ?? null;
      const passed = counted ? counted.passed : null;
      if (info.kind === "quiz" && perModule[info.key])
        Object.assign(perModule[info.key]!, { quiz: score, quizPassed: passed });
      if (info.kind === "final") finals[info.courseId] = { score, passed };
      if (passed !== true) failuresNotRecovered.push(facts.filter((f) => f.gradedAt && f.passed === false).length);
    }
    const modulesDone = new Set(modules.filter((mod) => perModule[mod.key]!.percent === 100).map((mod) => mod.key));
    const doneLessons = [...entry.done.values()].reduce((a, b) => a + b, 0);
    return {
      userId: m.userId,
      fullName: m.fullName,
      email: m.email,
      country: m.country,
      modules: perModule,
      finals,
      percent: totalLessons ? Math.round((100 * doneLessons) / totalLessons) : 0,
      lastActivityAt: entry.last ? new Date(entry.last).toISOString() : null,
      flags: riskFlags(
        { lastActivityAt: entry.last ? new Date(entry.last) : null, modulesDone, failuresNotRecovered },
        { startsOn: cohort.startsOn, deadlines: cohort.deadlines },
        now
      ),
    };
  });
  const timeline = [...weekly]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, completions]) => ({ week, completions }));
  return {
    cohort: {
      id: cohort.id,
      name: cohort.name,
      country: cohort.country,
      language: cohort.language,
      courses: courseIds,
      startsOn: cohort.startsOn.toISOString(),
      endsOn: cohort.endsOn.toISOString(),
      capacity: cohort.capacity,
      sessions: cohort.sessions.map((s) => ({ ...s, startsAt: s.startsAt.toISOString() })),
    },
    modules,
    members: rows,
    atRisk: rows.filter((r) => r.flags.length > 0).length,
    timeline,
  };
}
