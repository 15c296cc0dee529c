import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { audit } from "~/domain/audit/audit.server.ts";
import { issueCertificate } from "~/domain/certificates/issue.server.ts";
import { certificatesDir, findRule } from "~/domain/certificates/rules.server.ts";
import { programmeCompletion } from "~/domain/courses/learning.server.ts";
import { notify } from "~/domain/notifications/notifications.server.ts";
import { prisma } from "~/utils/db.server.ts";
import {
  allowed,
  evaluatePathway,
  PathwaysFileSchema,
  type Pathway,
  type PathwayFacts,
  type PathwayView,
} from "./pathways.ts";

let cached: Pathway[] | undefined;

/** The pathways of certificates/pathways.yaml (or PATHWAYS_FILE), validated once per process. */
export function pathways(): Pathway[] {
  if (cached) return cached;
  const file = process.env.PATHWAYS_FILE || path.join(certificatesDir(), "pathways.yaml");
  const parsed = PathwaysFileSchema.safeParse(parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`${file} is not a valid pathways file:\n${problems}`);
  }
  cached = parsed.data.pathways;
  return cached;
}

/** Forget the pathways read (tests switch PATHWAYS_FILE). */
export function resetPathwaysCache() {
  cached = undefined;
}

export function findPathway(id: string): Pathway | undefined {
  return pathways().find((p) => p.id === id);
}

/** The facts the state machine needs, for one person and one pathway. */
export async function pathwayFacts(pathway: Pathway, userId: string, now = new Date()): Promise<PathwayFacts> {
  const rules = pathway.steps.flatMap((s) => (s.kind === "certificate" ? [s.rule] : []));
  const courses = pathway.steps.flatMap((s) => (s.kind === "course" ? [s.course] : []));
  const [candidate, held, coFacilitations, pairing] = await Promise.all([
    prisma.pathwayCandidate.findUnique({
      where: { pathwayId_userId: { pathwayId: pathway.id, userId } },
      select: { status: true },
    }),
    prisma.certificate.findMany({
      where: { userId, ruleId: { in: rules }, status: "issued", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { ruleId: true },
    }),
    prisma.cohortFacilitator.count({ where: { userId, completedAt: { not: null } } }),
    prisma.mentorPairing.findUnique({ where: { activeKey: userId }, select: { id: true } }),
  ]);
  const passed = new Set<string>();
  for (const course of courses) if (await programmeCompletion(userId, course)) passed.add(course);
  return {
    candidate: candidate ? { status: candidate.status as "active" | "signed-off" | "withdrawn" } : null,
    certificates: new Set(held.map((h) => h.ruleId)),
    coursesPassed: passed,
    coFacilitations,
    hasMentor: pairing !== null,
  };
}

export async function pathwayView(pathway: Pathway, userId: string, now = new Date()): Promise<PathwayView> {
  return evaluatePathway(pathway, await pathwayFacts(pathway, userId, now));
}

export type StartResult = { ok: true } | { ok: false; reason: "not-allowed" };

/** Become a candidate (or again after withdrawing). Safe to repeat. */
export async function startPathway(pathway: Pathway, userId: string): Promise<StartResult> {
  const view = await pathwayView(pathway, userId);
  if (view.state !== "not-started" && view.state !== "withdrawn") return { ok: true };
  if (!allowed(view.state, "start")) return { ok: false, reason: "not-allowed" };
  await prisma.$transaction(async (tx) => {
    await tx.pathwayCandidate.upsert({
      where: { pathwayId_userId: { pathwayId: pathway.id, userId } },
      create: { pathwayId: pathway.id, userId, status: "active" },
      update: { status: "active", startedAt: new Date() },
      select: { id: true },
    });
    await audit(
      {
        actorId: userId,
        action: "pathway.started",
        targetType: "user",
        targetId: userId,
        details: { pathway: pathway.id },
      },
      tx
    );
  });
  return { ok: true };
}

export type SignOffResult =
  | { ok: true; number: string | null }
  | { ok: false; reason: "not-ready" | "already" | "not-candidate" };

/**
 * Sign off a candidate whose every other step is done: in one transaction the candidacy is closed (only
 * one of two concurrent sign-offs passes the `status = active` guard), the role granted, the sign-off
 * audited and the candidate notified; then the pathway's certificate is issued and signed like any other.
 */
export async function signOff(
  pathway: Pathway,
  candidateId: string,
  actorId: string,
  note: string | null,
  now = new Date()
) {
  const view = await pathwayView(pathway, candidateId, now);
  if (view.state === "signed-off") return { ok: false, reason: "already" } satisfies SignOffResult;
  if (view.state === "not-started" || view.state === "withdrawn")
    return { ok: false, reason: "not-candidate" } satisfies SignOffResult;
  if (!allowed(view.state, "sign-off")) return { ok: false, reason: "not-ready" } satisfies SignOffResult;
  const closed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.pathwayCandidate.updateMany({
      where: { pathwayId: pathway.id, userId: candidateId, status: "active" },
      data: { status: "signed-off", signedOffAt: now, signedOffById: actorId, note },
    });
    if (count === 0) return false;
    await tx.userRole.upsert({
      where: { userId_role: { userId: candidateId, role: pathway.role } },
      create: { userId: candidateId, role: pathway.role, grantedBy: actorId },
      update: {},
      select: { userId: true },
    });
    await audit(
      {
        actorId,
        action: "pathway.signed_off",
        targetType: "user",
        targetId: candidateId,
        details: { pathway: pathway.id, role: pathway.role },
      },
      tx
    );
    await audit(
      { actorId, action: "role.granted", targetType: "user", targetId: candidateId, details: { role: pathway.role } },
      tx
    );
    await notify(
      candidateId,
      "pathway.signed-off",
      { pathway: pathway.id, role: pathway.role, path: `/pathways/${pathway.id}` },
      tx
    );
    return true;
  });
  if (!closed) return { ok: false, reason: "already" } satisfies SignOffResult;
  const rule = findRule(pathway.certificate);
  if (!rule) throw new Error(`pathway ${pathway.id}: unknown certificate rule ${pathway.certificate}`);
  const programmes = [];
  for (const course of rule.requires) {
    const done = await programmeCompletion(candidateId, course);
    if (done) programmes.push({ id: course, completedOn: done.first });
  }
  const issued = await issueCertificate({
    userId: candidateId,
    ruleId: rule.id,
    mode: "pathway",
    actorId,
    reason: note ?? undefined,
    programmes,
    now,
  });
  return { ok: true, number: issued.ok ? issued.number : null } satisfies SignOffResult;
}

export interface ChecklistStep {
  id: string;
  kind: "certificate" | "course" | "co-facilitation" | "sign-off";
  done: boolean;
  /** The certificate's or the course's title, in the reader's language. */
  name: string | null;
  link: string | null;
  progress: { done: number; needed: number } | null;
}

const inLanguage = (titles: Record<string, string | undefined>, language: string) =>
  titles[language] ?? titles.en ?? Object.values(titles).find(Boolean) ?? "";

/** A pathway as a checklist for one person, worded for the reader: what is done and what is missing. */
export async function pathwayChecklist(pathway: Pathway, userId: string, language: string, now = new Date()) {
  const view = await pathwayView(pathway, userId, now);
  const courseIds = pathway.steps.flatMap((s) => (s.kind === "course" ? [s.course] : []));
  const courses = await prisma.course.findMany({
    where: { id: { in: courseIds } },
    select: { id: true, titles: true },
  });
  const candidate = await prisma.pathwayCandidate.findUnique({
    where: { pathwayId_userId: { pathwayId: pathway.id, userId } },
    select: { startedAt: true, signedOffAt: true, signedOffById: true },
  });
  const signer = candidate?.signedOffById
    ? await prisma.user.findUnique({ where: { id: candidate.signedOffById }, select: { fullName: true } })
    : null;
  const steps: ChecklistStep[] = view.steps.map(({ step, done, progress }) => {
    switch (step.kind) {
      case "certificate": {
        const rule = findRule(step.rule);
        return {
          id: step.id,
          kind: step.kind,
          done,
          name: rule ? inLanguage(rule.title, language) : step.rule,
          link: "/courses",
          progress: null,
        };
      }
      case "course": {
        const course = courses.find((c) => c.id === step.course);
        const name = course ? inLanguage(JSON.parse(course.titles) as Record<string, string>, language) : step.course;
        return { id: step.id, kind: step.kind, done, name, link: `/courses/${step.course}`, progress: null };
      }
      case "co-facilitation":
        return { id: step.id, kind: step.kind, done, name: null, link: null, progress: progress ?? null };
      case "sign-off":
        return { id: step.id, kind: step.kind, done, name: null, link: null, progress: null };
    }
  });
  return {
    id: pathway.id,
    title: inLanguage(pathway.title, language),
    state: view.state,
    steps,
    startedAt: candidate?.startedAt.toISOString() ?? null,
    signedOffAt: candidate?.signedOffAt?.toISOString() ?? null,
    signedOffBy: signer?.fullName ?? null,
  };
}

export type PathwayChecklist = Awaited<ReturnType<typeof pathwayChecklist>>;

/**
 * The pathways worth showing a person on their dashboard: those they follow, and those whose first step (a
 * certificate) they already hold. Two indexed reads for everyone else, so the dashboard stays light.
 */
export async function pathwaysFor(userId: string, language: string, now = new Date()) {
  const all = pathways();
  const firstRule = (p: Pathway) => {
    const first = p.steps[0];
    return first?.kind === "certificate" ? first.rule : null;
  };
  const rules = all.flatMap((p) => firstRule(p) ?? []);
  const [candidacies, held] = await Promise.all([
    prisma.pathwayCandidate.findMany({ where: { userId }, select: { pathwayId: true } }),
    prisma.certificate.findMany({
      where: { userId, ruleId: { in: rules }, status: "issued", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { ruleId: true },
    }),
  ]);
  const relevant = all.filter(
    (p) => candidacies.some((c) => c.pathwayId === p.id) || held.some((h) => h.ruleId === firstRule(p))
  );
  return Promise.all(relevant.map((p) => pathwayChecklist(p, userId, language, now)));
}
