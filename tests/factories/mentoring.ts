import { saveWork } from "~/domain/mentoring/submissions.server.ts";
import { findPathway, startPathway } from "~/domain/pathways/pathways.server.ts";
import { richTextFromPlain } from "~/domain/rich-text/rich-text.ts";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { sitAssessment } from "./assessments.ts";
import { enrolWithProgress } from "./learning.ts";

/** Shared by the demo seed and the tests: mentoring and the trainer pathway, built through the domain. */

/** Complete every lesson of a course and pass its final assessment (safe to repeat). */
export async function passCourse(prisma: PrismaClient, userId: string, courseId: string) {
  const lessons = await prisma.lesson.count({ where: { courseId, retiredAt: null } });
  await enrolWithProgress(prisma, userId, courseId, lessons);
  const final = await prisma.assessment.findFirst({
    where: { courseId, kind: "final", retiredAt: null },
    select: { id: true, slug: true },
  });
  if (!final) return;
  const passed = await prisma.attempt.count({ where: { userId, assessmentId: final.id, passed: true } });
  if (passed === 0) await sitAssessment(prisma, userId, courseId, final.slug, 0.9);
}

/** Make `mentorId` the trainee's current mentor, unless someone already is (a direct write: no notification). */
export async function pairDirectly(prisma: PrismaClient, mentorId: string, traineeId: string, assignedById: string) {
  const current = await prisma.mentorPairing.findUnique({ where: { activeKey: traineeId }, select: { id: true } });
  if (current) return current.id;
  const pairing = await prisma.mentorPairing.create({
    data: { mentorId, traineeId, assignedById, activeKey: traineeId },
    select: { id: true },
  });
  return pairing.id;
}

/** Write and submit an answer as plain paragraphs, through the same domain function the page uses. */
export async function submitAnswer(userId: string, assignmentId: string, text: string, now?: Date) {
  const result = await saveWork(userId, assignmentId, { state: richTextFromPlain(text) }, true, now);
  if (!result.ok) throw new Error(`cannot submit ${assignmentId} for ${userId}: ${result.reason}`);
  return result.submissionId;
}

/**
 * A trainer candidate one step from sign-off but for the co-facilitation: holds what the pathway's first
 * step needs (the caller sees to it), has passed the trainer course, has a mentor, co-facilitates `cohortId`
 * (not yet recorded) and has started the pathway.
 */
export async function makeTrainerCandidate(
  prisma: PrismaClient,
  input: { userId: string; mentorId: string; adminId: string; cohortId: string | null; trainerCourse: string }
) {
  await passCourse(prisma, input.userId, input.trainerCourse);
  await pairDirectly(prisma, input.mentorId, input.userId, input.adminId);
  if (input.cohortId) {
    const cohort = await prisma.cohort.findUniqueOrThrow({ where: { id: input.cohortId }, select: { ownerId: true } });
    await prisma.cohortFacilitator.upsert({
      where: { cohortId_userId: { cohortId: input.cohortId, userId: input.userId } },
      create: { cohortId: input.cohortId, userId: input.userId, addedById: cohort.ownerId },
      update: {},
      select: { userId: true },
    });
  }
  const pathway = findPathway("trainer");
  if (!pathway) throw new Error("no trainer pathway in certificates/pathways.yaml");
  const started = await startPathway(pathway, input.userId);
  if (!started.ok) throw new Error(`cannot start the trainer pathway for ${input.userId}`);
}
