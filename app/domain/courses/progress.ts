/**
 * Progress is derived, never stored twice: from the facts (lessons completed, blocks answered) these
 * pure functions compute percentages and the next step. Passing is the assessments' business (rules.ts).
 */

export interface OutlineLesson {
  id: string;
  retired: boolean;
}

/** Whole percent of the course's current lessons completed: 0–100, never more, never negative. */
export function coursePercent(lessons: OutlineLesson[], completed: ReadonlySet<string>): number {
  const current = lessons.filter((l) => !l.retired);
  if (current.length === 0) return 0;
  const done = current.filter((l) => completed.has(l.id)).length;
  return Math.min(100, Math.max(0, Math.floor((done / current.length) * 100)));
}

/**
 * Where to resume: the last lesson visited if it is unfinished, else the first unfinished lesson
 * after it, else the first unfinished lesson of the course, else the last visited (all done),
 * else the first lesson.
 */
export function nextLesson<T extends OutlineLesson>(
  lessons: T[],
  completed: ReadonlySet<string>,
  lastLessonId?: string | null
): T | null {
  const current = lessons.filter((l) => !l.retired);
  if (current.length === 0) return null;
  const lastIndex = lastLessonId ? current.findIndex((l) => l.id === lastLessonId) : -1;
  if (lastIndex >= 0 && !completed.has(current[lastIndex]!.id)) return current[lastIndex]!;
  const after = current.slice(lastIndex + 1).find((l) => !completed.has(l.id));
  if (after) return after;
  const anyOpen = current.find((l) => !completed.has(l.id));
  if (anyOpen) return anyOpen;
  return (lastIndex >= 0 ? current[lastIndex] : current[0]) ?? null;
}

/** Answerable blocks (all but reveal cards) must be answered for a lesson to be complete. */
export function lessonComplete(answerableBlockIds: string[], answered: ReadonlySet<string>): boolean {
  return answerableBlockIds.every((id) => answered.has(id));
}

/** Longest stretch counted as study between two pages of a course; a longer gap counts as away. */
export const MAX_TASK_SECONDS = 20 * 60;

/** Seconds of study to count for the time since the previous page: 0 after a long gap or for no gap. */
export function timeOnTask(millisecondsSincePreviousPage: number): number {
  const seconds = Math.floor(millisecondsSincePreviousPage / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 2 * MAX_TASK_SECONDS) return 0;
  return Math.min(seconds, MAX_TASK_SECONDS);
}
