import { audit } from "~/domain/audit/audit.server.ts";
import { notify } from "~/domain/notifications/notifications.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { ANYONE, can, type Actor } from "~/utils/permissions.ts";
import { isUniqueViolation } from "~/domain/certificates/issue.server.ts";
import { sendMentoringEmail } from "./email.server.ts";

/** The trainee's current pairing (at most one, by the unique `activeKey`). */
export async function currentPairing(traineeId: string) {
  return prisma.mentorPairing.findUnique({
    where: { activeKey: traineeId },
    select: { id: true, mentorId: true, traineeId: true, startedAt: true },
  });
}

/**
 * May `actor` read and review `traineeId`'s work? Their current mentor may (an `own` review permission,
 * the owner being the pairing's mentor); so may whoever reads every submission (administrators). A former
 * mentor may not: reassignment hands the work over.
 */
export async function mentorAccess(actor: Actor, traineeId: string): Promise<"mentor" | "admin" | null> {
  const pairing = await currentPairing(traineeId);
  if (pairing && can(actor, "create", "review", { ownerId: pairing.mentorId })) return "mentor";
  if (can(actor, "read", "submission", ANYONE)) return "admin";
  return null;
}

/**
 * May `actor` pair someone with `traineeId`? Administrators anyone; a lead trainer the members and
 * co-facilitators of cohorts they run.
 */
export async function mayPair(actor: Actor, traineeId: string): Promise<boolean> {
  if (can(actor, "create", "pairing", ANYONE)) return true;
  if (!can(actor, "create", "pairing", { ownerId: actor.id })) return false;
  const [member, facilitator] = await Promise.all([
    prisma.cohortMember.count({ where: { userId: traineeId, cohort: { ownerId: actor.id } } }),
    prisma.cohortFacilitator.count({ where: { userId: traineeId, cohort: { ownerId: actor.id } } }),
  ]);
  return member + facilitator > 0;
}

export type PairResult = { ok: true; unchanged: boolean } | { ok: false; field: "mentor" | "trainee"; error: string };

/**
 * Pair `mentorEmail` with `traineeEmail`: the current pairing (if another mentor) ends and a new one starts,
 * in one transaction; the history stays. Pairing someone with their current mentor again changes nothing.
 */
export async function pairMentor(actor: Actor, mentorEmail: string, traineeEmail: string): Promise<PairResult> {
  const [mentor, trainee] = await Promise.all([
    prisma.user.findUnique({
      where: { email: mentorEmail.toLowerCase() },
      select: { id: true, fullName: true, isActive: true, roles: { select: { role: true } } },
    }),
    prisma.user.findUnique({ where: { email: traineeEmail.toLowerCase() }, select: { id: true, isActive: true } }),
  ]);
  if (!mentor || !mentor.isActive) return { ok: false, field: "mentor", error: "mentoring:errors.no_mentor" };
  if (!mentor.roles.some((r) => r.role === "mentor"))
    return { ok: false, field: "mentor", error: "mentoring:errors.not_a_mentor" };
  if (!trainee || !trainee.isActive) return { ok: false, field: "trainee", error: "mentoring:errors.no_trainee" };
  if (trainee.id === mentor.id) return { ok: false, field: "trainee", error: "mentoring:errors.self" };
  if (!(await mayPair(actor, trainee.id))) return { ok: false, field: "trainee", error: "mentoring:errors.not_yours" };
  try {
    const unchanged = await prisma.$transaction(async (tx) => {
      const current = await tx.mentorPairing.findUnique({
        where: { activeKey: trainee.id },
        select: { id: true, mentorId: true },
      });
      if (current?.mentorId === mentor.id) return true;
      const now = new Date();
      if (current)
        await tx.mentorPairing.update({ where: { id: current.id }, data: { activeKey: null, endedAt: now } });
      const pairing = await tx.mentorPairing.create({
        data: {
          mentorId: mentor.id,
          traineeId: trainee.id,
          assignedById: actor.id,
          activeKey: trainee.id,
          startedAt: now,
        },
        select: { id: true },
      });
      await audit(
        {
          actorId: actor.id,
          action: "mentoring.paired",
          targetType: "user",
          targetId: trainee.id,
          details: { mentor: mentor.id, previous: current?.mentorId ?? null, pairing: pairing.id },
        },
        tx
      );
      await notify(trainee.id, "mentoring.paired", { mentor: mentor.fullName, path: "/mentoring" }, tx);
      return false;
    });
    if (!unchanged)
      await sendMentoringEmail(trainee.id, "mentoring:email.paired", { mentor: mentor.fullName }, "/mentoring");
    return { ok: true, unchanged };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: true, unchanged: true }; // a concurrent identical pairing won
    throw error;
  }
}

/** Every pairing of a trainee, newest first: the history a reassignment keeps. */
export async function pairingHistory(traineeId: string) {
  const rows = await prisma.mentorPairing.findMany({
    where: { traineeId },
    orderBy: { startedAt: "desc" },
    select: { id: true, startedAt: true, endedAt: true, mentor: { select: { fullName: true, email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    mentor: r.mentor.fullName,
    mentorEmail: r.mentor.email,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  }));
}

/** The pairings an actor can see on the pairing page: all for administrators, their cohorts' for lead trainers. */
export async function visiblePairings(actor: Actor, take = 100) {
  const where = can(actor, "create", "pairing", ANYONE)
    ? {}
    : {
        OR: [
          { trainee: { cohortMemberships: { some: { cohort: { ownerId: actor.id } } } } },
          { trainee: { cohortFacilitations: { some: { cohort: { ownerId: actor.id } } } } },
        ],
      };
  const rows = await prisma.mentorPairing.findMany({
    where,
    orderBy: { startedAt: "desc" },
    take,
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      mentor: { select: { fullName: true } },
      trainee: { select: { id: true, fullName: true, email: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    mentor: r.mentor.fullName,
    trainee: r.trainee.fullName,
    traineeEmail: r.trainee.email,
    traineeId: r.trainee.id,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  }));
}

/** A mentor's current trainees with what waits for them. */
export async function traineesOf(mentorId: string) {
  const rows = await prisma.mentorPairing.findMany({
    where: { mentorId, endedAt: null },
    orderBy: { startedAt: "asc" },
    select: {
      id: true,
      startedAt: true,
      trainee: {
        select: {
          id: true,
          fullName: true,
          agency: true,
          country: true,
          submissions: { where: { status: "submitted" }, select: { id: true } },
        },
      },
      sessions: { orderBy: { heldOn: "desc" }, take: 1, select: { heldOn: true } },
    },
  });
  return rows.map((r) => ({
    pairingId: r.id,
    id: r.trainee.id,
    fullName: r.trainee.fullName,
    agency: r.trainee.agency,
    country: r.trainee.country,
    since: r.startedAt.toISOString(),
    waiting: r.trainee.submissions.length,
    lastSession: r.sessions[0]?.heldOn.toISOString() ?? null,
  }));
}

export async function traineeSummary(traineeId: string) {
  return prisma.user.findUnique({
    where: { id: traineeId },
    select: { id: true, fullName: true, fullNameLatin: true, agency: true, country: true, email: true },
  });
}

export type LogResult = { ok: true } | { ok: false; reason: "not-your-trainee" };

/** Record a mentoring session in the log of the actor's current pairing with the trainee (idempotent by key). */
export async function logSession(
  actor: Actor,
  traineeId: string,
  input: { heldOn: Date; minutes: number; notes: string; key: string }
): Promise<LogResult> {
  const pairing = await currentPairing(traineeId);
  if (!pairing || !can(actor, "create", "mentoring-log", { ownerId: pairing.mentorId }))
    return { ok: false, reason: "not-your-trainee" };
  try {
    await prisma.mentoringSession.create({
      data: { pairingId: pairing.id, heldOn: input.heldOn, minutes: input.minutes, notes: input.notes, key: input.key },
      select: { id: true },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // the same form sent twice: recorded once
  }
  return { ok: true };
}

/** The mentoring log of a trainee, across all their pairings (newest first). */
export async function mentoringLog(traineeId: string) {
  const rows = await prisma.mentoringSession.findMany({
    where: { pairing: { traineeId } },
    orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      heldOn: true,
      minutes: true,
      notes: true,
      pairing: { select: { mentor: { select: { fullName: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.heldOn.toISOString(),
    minutes: r.minutes,
    notes: r.notes,
    mentor: r.pairing.mentor.fullName,
  }));
}
