import { audit } from "~/domain/audit/audit.server.ts";
import { notify } from "~/domain/notifications/notifications.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { Actor } from "~/utils/permissions.ts";

/**
 * Co-facilitators: trainer candidates who help the lead trainer run a cohort (a step of the trainer pathway,
 * certificates/pathways.yaml). The lead trainer (or an administrator) adds them and, once the session has
 * run, records the co-facilitation as done. Callers check `cohortAccess(...) === "manage"` first.
 */
export async function facilitatorsOf(cohortId: string) {
  const rows = await prisma.cohortFacilitator.findMany({
    where: { cohortId },
    orderBy: { addedAt: "asc" },
    select: {
      userId: true,
      addedAt: true,
      completedAt: true,
      note: true,
      user: { select: { fullName: true, email: true } },
    },
  });
  return rows.map((r) => ({
    userId: r.userId,
    fullName: r.user.fullName,
    email: r.user.email,
    addedAt: r.addedAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    note: r.note,
  }));
}

export type AddFacilitatorResult = { ok: true; already: boolean } | { ok: false; error: string };

/** Add a co-facilitator by email; adding the same person again changes nothing. */
export async function addFacilitator(actor: Actor, cohortId: string, email: string): Promise<AddFacilitatorResult> {
  const [cohort, user] = await Promise.all([
    prisma.cohort.findUnique({ where: { id: cohortId }, select: { ownerId: true, name: true } }),
    prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, isActive: true } }),
  ]);
  if (!cohort) return { ok: false, error: "errors.invalid" };
  if (!user || !user.isActive) return { ok: false, error: "pathway:facilitators.unknown" };
  if (user.id === cohort.ownerId) return { ok: false, error: "pathway:facilitators.is_lead" };
  const existing = await prisma.cohortFacilitator.findUnique({
    where: { cohortId_userId: { cohortId, userId: user.id } },
    select: { userId: true },
  });
  if (existing) return { ok: true, already: true };
  await prisma.$transaction(async (tx) => {
    await tx.cohortFacilitator.upsert({
      where: { cohortId_userId: { cohortId, userId: user.id } },
      create: { cohortId, userId: user.id, addedById: actor.id },
      update: {},
      select: { userId: true },
    });
    await audit(
      {
        actorId: actor.id,
        action: "cohort.cofacilitator_added",
        targetType: "cohort",
        targetId: cohortId,
        details: { user: user.id },
      },
      tx
    );
  });
  return { ok: true, already: false };
}

/** Record that a co-facilitator has done their part (once: a repeat changes nothing). */
export async function recordCoFacilitation(
  actor: Actor,
  cohortId: string,
  userId: string,
  note: string | null,
  now = new Date()
) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.cohortFacilitator.updateMany({
      where: { cohortId, userId, completedAt: null },
      data: { completedAt: now, completedById: actor.id, note },
    });
    if (count === 0) return false;
    await audit(
      {
        actorId: actor.id,
        action: "cohort.cofacilitation_recorded",
        targetType: "cohort",
        targetId: cohortId,
        details: { user: userId },
      },
      tx
    );
    const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { name: true } });
    await notify(userId, "pathway.cofacilitation", { cohort: cohort.name, path: "/pathways/trainer" }, tx);
    return true;
  });
}
