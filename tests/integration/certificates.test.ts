import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startBatch, batchStatus, runBatch } from "~/domain/certificates/batches.server.ts";
import { certificatePdf } from "~/domain/certificates/files.server.ts";
import {
  approveRequest,
  declineRequest,
  evaluateFor,
  issueCertificate,
  reissueCertificate,
  revokeCertificate,
} from "~/domain/certificates/issue.server.ts";
import { makeNumber } from "~/domain/certificates/numbers.ts";
import { canonicalRecord, type CertificateRecord } from "~/domain/certificates/record.ts";
import { resetRulesCache } from "~/domain/certificates/rules.server.ts";
import { certificatesOf, listRequests, usersByEmail } from "~/domain/certificates/views.server.ts";
import { verdictForNumber, verdictForPdf } from "~/domain/certificates/verify.server.ts";
import { verifyRecord } from "~/domain/certificates/crypto/record-signature.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { notificationsOf } from "~/domain/notifications/notifications.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { outboxDir } from "~/utils/email.server.ts";
import { sitAssessment } from "../factories/assessments.ts";
import { enrolWithProgress } from "../factories/learning.ts";
import { ensureUser } from "../factories/users.ts";

// Rules over the fixture course: exam-course (automatic), exam-certified (approval), exam-trainer
// (approval, valid 4 years, renewal from 90 days before expiry).
beforeAll(async () => {
  process.env.CERTIFICATION_RULES_FILE = path.resolve("tests/fixtures/certificates/rules.yaml");
  resetRulesCache();
  const coursesDir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-assessed"), coursesDir, { recursive: true });
  await importCourses(loadCourses(coursesDir).courses);
});

async function admin() {
  return ensureUser(prisma, { roles: ["admin"] });
}

/** Someone who has passed exam-course (module quiz and final), which earns its automatic certificate. */
async function graduate(spec: Parameters<typeof ensureUser>[1] = {}) {
  const user = await ensureUser(prisma, spec);
  await enrolWithProgress(prisma, user.id, "exam-course", 99);
  await sitAssessment(prisma, user.id, "exam-course", "final", 1);
  return user;
}

const certificatesOfUser = (userId: string) =>
  prisma.certificate.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { number: true, ruleId: true, status: true, record: true, signature: true, supersedesId: true, id: true },
  });

describe("issuing by rule", () => {
  it("issues automatic rules when the programme is passed and queues the approval rules", async () => {
    const user = await graduate({ fullName: "José Ñúñez Gonçalves" });
    const held = await certificatesOfUser(user.id);
    expect(held.map((c) => c.ruleId)).toEqual(["exam-course"]);
    const record = JSON.parse(held[0]!.record) as CertificateRecord;
    expect(record.holder.name).toBe("José Ñúñez Gonçalves");
    expect(record.programmes.map((p) => p.id)).toEqual(["exam-course"]);
    expect(canonicalRecord(record)).toBe(held[0]!.record);
    expect((await verifyRecord(held[0]!.record, held[0]!.signature)).valid).toBe(true);
    const requests = await prisma.certificateRequest.findMany({
      where: { userId: user.id },
      select: { ruleId: true, status: true },
      orderBy: { ruleId: "asc" },
    });
    expect(requests).toEqual([
      { ruleId: "exam-certified", status: "pending" },
      { ruleId: "exam-trainer", status: "pending" },
    ]);
    // Evaluating again changes nothing.
    expect(await evaluateFor(user.id)).toEqual({ issued: [], queued: [] });
    const notes = await notificationsOf(user.id);
    expect(notes.items.map((n) => n.kind)).toEqual(["certificate.issued"]);
    const audit = await prisma.auditLog.findMany({
      where: { action: "certificate.issued", targetId: held[0]!.number },
      select: { details: true },
    });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ mode: "automatic", rule: "exam-course" });
  });

  it("lets an administrator approve from the queue, once; the holder is notified in-app and by email", async () => {
    const boss = await admin();
    const user = await graduate();
    const queue = await listRequests({ status: "pending", ruleId: "exam-certified", page: 1 }, "en");
    const mine = queue.requests.find((r) => r.user.id === user.id)!;
    expect(mine.programmes.map((p) => p.title)).toHaveLength(1);
    const before = fs.existsSync(outboxDir()) ? fs.readdirSync(outboxDir()).length : 0;
    const approved = await approveRequest(mine.id, boss.id);
    expect(approved.ok).toBe(true);
    expect(await approveRequest(mine.id, boss.id)).toEqual({ ok: false, reason: "already-decided" });
    const held = await certificatesOfUser(user.id);
    expect(held.map((c) => c.ruleId).sort()).toEqual(["exam-certified", "exam-course"]);
    const mail = fs
      .readdirSync(outboxDir())
      .slice(before)
      .map((f) => JSON.parse(fs.readFileSync(path.join(outboxDir(), f), "utf8")) as { to: string; subject: string });
    expect(mail.some((m) => m.to === user.email && m.subject.includes("Exam Course — Certified"))).toBe(true);
    const dashboard = await certificatesOf(user.id, "en");
    expect(dashboard.map((c) => c.standing)).toEqual(["valid", "valid"]);
  });

  it("issues exactly one certificate under concurrent requests for the same person and rule", async () => {
    const boss = await admin();
    const user = await ensureUser(prisma);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        issueCertificate({ userId: user.id, ruleId: "exam-certified", mode: "manual", actorId: boss.id, reason: "x" })
      )
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "already-holds")).toBe(true);
    expect(await prisma.certificate.count({ where: { userId: user.id, ruleId: "exam-certified" } })).toBe(1);
  });

  it("declines with a reason the learner is told; a declined person stays out of the queue", async () => {
    const boss = await admin();
    const user = await graduate();
    const request = await prisma.certificateRequest.findUniqueOrThrow({
      where: { userId_ruleId: { userId: user.id, ruleId: "exam-certified" } },
      select: { id: true },
    });
    expect((await declineRequest(request.id, boss.id, "Identity not confirmed by the agency")).ok).toBe(true);
    await evaluateFor(user.id);
    const row = await prisma.certificateRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: { status: true },
    });
    expect(row.status).toBe("declined");
    const notes = await notificationsOf(user.id);
    expect(notes.items[0]).toMatchObject({
      kind: "certificate.declined",
      data: { reason: "Identity not confirmed by the agency" },
    });
  });
});

describe("revoking and re-issuing", () => {
  it("revokes with a reason; verification says revoked; the rule never re-issues it by itself", async () => {
    const boss = await admin();
    const user = await graduate();
    const [cert] = await certificatesOfUser(user.id);
    expect((await verdictForNumber(cert!.number, "en")).kind).toBe("found");
    expect(await revokeCertificate(cert!.number, boss.id, "Obtained by fraud", true)).toEqual({ ok: true });
    expect(await revokeCertificate(cert!.number, boss.id, "again", true)).toEqual({ ok: false, reason: "not-current" });
    const verdict = await verdictForNumber(cert!.number, "en");
    expect(verdict).toMatchObject({
      kind: "found",
      certificate: { standing: "revoked", revocationReason: "Obtained by fraud" },
    });
    await evaluateFor(user.id); // still passed: only the revocation stops a new automatic certificate
    expect((await certificatesOfUser(user.id)).filter((c) => c.ruleId === "exam-course")).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { action: "certificate.revoked", targetId: cert!.number } })).toBe(1);
  });

  it("re-issues after a name correction: new number, old one superseded and chained, profile corrected", async () => {
    const boss = await admin();
    const user = await graduate({ fullName: "Layla Hadad" });
    const [old] = await certificatesOfUser(user.id);
    const result = await reissueCertificate(old!.number, boss.id, {
      name: "ليلى حداد",
      latin: "Layla Haddad",
      reason: "Name misspelt at registration",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const after = await certificatesOfUser(user.id);
    const fresh = after.find((c) => c.number === result.number)!;
    expect(fresh.supersedesId).toBe(old!.id);
    expect(JSON.parse(fresh.record)).toMatchObject({ holder: { name: "ليلى حداد", latin: "Layla Haddad" } });
    expect((await verdictForNumber(old!.number, "en")) as unknown).toMatchObject({
      certificate: { standing: "superseded", supersededBy: result.number },
    });
    const profile = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { fullName: true } });
    expect(profile.fullName).toBe("ليلى حداد");
    expect(await prisma.auditLog.count({ where: { action: "certificate.reissued", targetId: result.number } })).toBe(1);
    // The signed record itself can never be edited in place (a trigger refuses it; Prisma's adapter
    // reports the abort as a constraint violation).
    await expect(
      prisma.certificate.update({ where: { id: old!.id }, data: { holderName: "Someone else" } })
    ).rejects.toThrow();
    const kept = await prisma.certificate.findUniqueOrThrow({ where: { id: old!.id }, select: { holderName: true } });
    expect(kept.holderName).toBe("Layla Hadad");
  });
});

describe("expiry and renewal", () => {
  it("verifies an expired certificate as expired and opens renewal 90 days ahead", async () => {
    const boss = await admin();
    const user = await graduate();
    const issuedAt = new Date(Date.now() - 4 * 365 * 86_400_000);
    const result = await issueCertificate({
      userId: user.id,
      ruleId: "exam-trainer",
      mode: "manual",
      actorId: boss.id,
      reason: "trained in 2022",
      now: issuedAt,
      pdf: false,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const soon = new Date(issuedAt.getTime() + (4 * 365 - 30) * 86_400_000);
    expect((await verdictForNumber(result.number, "en", soon)) as unknown).toMatchObject({
      certificate: { standing: "valid" },
    });
    const later = new Date(issuedAt.getTime() + (4 * 366 + 1) * 86_400_000);
    expect((await verdictForNumber(result.number, "en", later)) as unknown).toMatchObject({
      certificate: { standing: "expired" },
    });
    // Renewal: the programme passed again after the certificate was issued → back in the queue as a renewal.
    await prisma.certificateRequest.updateMany({ where: { userId: user.id }, data: { status: "approved" } });
    await evaluateFor(user.id, later);
    const request = await prisma.certificateRequest.findUniqueOrThrow({
      where: { userId_ruleId: { userId: user.id, ruleId: "exam-trainer" } },
      select: { id: true, status: true, renewalOfId: true },
    });
    expect(request).toMatchObject({ status: "pending", renewalOfId: result.certificateId });
    const renewed = await approveRequest(request.id, boss.id);
    expect(renewed.ok).toBe(true);
    const old = await prisma.certificate.findUniqueOrThrow({
      where: { number: result.number },
      select: { status: true },
    });
    expect(old.status).toBe("superseded");
  });
});

describe("bulk issue", () => {
  it("looks up thousands of pasted addresses at once (more than one query may bind)", async () => {
    const known = await ensureUser(prisma);
    const pasted = [...Array.from({ length: 1500 }, (_, i) => `nobody-${i}@example.test`), known.email];
    const { ids, missing } = await usersByEmail(pasted);
    expect(ids).toEqual([known.id]);
    expect(missing).toHaveLength(1500);
  });

  it("works through a batch in the background, skipping people who already hold it", async () => {
    const boss = await admin();
    const people = await Promise.all(Array.from({ length: 12 }, () => ensureUser(prisma)));
    await issueCertificate({
      userId: people[0]!.id,
      ruleId: "exam-certified",
      mode: "manual",
      actorId: boss.id,
      pdf: false,
    });
    const batchId = await startBatch({
      adminId: boss.id,
      ruleId: "exam-certified",
      reason: "Classroom cohort 14",
      items: people.map((p) => ({ kind: "user" as const, id: p.id })),
    });
    await runBatch(batchId); // joins the run startBatch began, or finishes it
    for (let i = 0; i < 100 && (await batchStatus(batchId))?.status !== "finished"; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await batchStatus(batchId)).toMatchObject({
      status: "finished",
      total: 12,
      done: 11,
      skipped: 1,
      failed: 0,
    });
    expect(
      await prisma.certificate.count({ where: { ruleId: "exam-certified", userId: { in: people.map((p) => p.id) } } })
    ).toBe(12);
  });
});

describe("verifying an uploaded PDF", () => {
  it("says authentic and current, then modified, not a PDF, too large, and revoked", async () => {
    const boss = await admin();
    const user = await graduate({ fullName: "Γιώργος Παπαδόπουλος" });
    const [cert] = await certificatesOfUser(user.id);
    const pdf = (await certificatePdf(cert!.number, "en"))!;
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const authentic = await verdictForPdf(pdf, "en");
    expect(authentic).toMatchObject({ kind: "authentic", certificate: { number: cert!.number, standing: "valid" } });

    const changed = Buffer.from(pdf);
    const at = changed.indexOf("/Type /Page");
    expect(at).toBeGreaterThan(0);
    changed[at + 2] = "X".charCodeAt(0); // one byte inside the signed content
    expect((await verdictForPdf(changed, "en")).kind).toBe("modified");
    expect((await verdictForPdf(Buffer.concat([pdf, Buffer.from("\n% appended\n")]), "en")).kind).toBe("modified");
    expect((await verdictForPdf(Buffer.from("\x89PNG\r\n\x1a\nnot a pdf"), "en")).kind).toBe("not-pdf");
    expect((await verdictForPdf(new Uint8Array(3 * 1024 * 1024), "en")).kind).toBe("too-large");
    expect((await verdictForPdf(new Uint8Array(0), "en")).kind).toBe("empty");

    await revokeCertificate(cert!.number, boss.id, "Revoked for the test", false);
    expect(await verdictForPdf(pdf, "en")).toMatchObject({
      kind: "authentic",
      certificate: { standing: "revoked", revocationReason: null },
    });
  });

  it("tells a forged number from a mistyped one and from one never issued", async () => {
    expect(await verdictForNumber("PRV-2026-ABCDE", "en")).toEqual({ kind: "malformed", reason: "format" });
    const user = await graduate();
    const [cert] = await certificatesOfUser(user.id);
    const typo = cert!.number.slice(0, -1) + (cert!.number.endsWith("0") ? "1" : "0");
    expect(await verdictForNumber(typo, "en")).toEqual({ kind: "malformed", reason: "check" });
    expect((await verdictForNumber(cert!.number.toLowerCase().replace(/-/g, " "), "en")).kind).toBe("found");
    const forged = makeNumber(2026, new Uint8Array(9).fill(7));
    expect(await verdictForNumber(forged, "en")).toEqual({ kind: "unknown", number: forged });
  });
});
