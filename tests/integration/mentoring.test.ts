import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { approveRequest } from "~/domain/certificates/issue.server.ts";
import { resetRulesCache } from "~/domain/certificates/rules.server.ts";
import { verdictForNumber } from "~/domain/certificates/verify.server.ts";
import { createCohort } from "~/domain/cohorts/cohorts.server.ts";
import { addFacilitator, recordCoFacilitation } from "~/domain/cohorts/facilitators.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import {
  attachFile,
  reviewQueue,
  reviewSubmission,
  saveWork,
  submissionOf,
  versionsForDisplay,
} from "~/domain/mentoring/submissions.server.ts";
import {
  logSession,
  mentorAccess,
  mentoringLog,
  pairingHistory,
  pairMentor,
} from "~/domain/mentoring/pairings.server.ts";
import { notificationsOf } from "~/domain/notifications/notifications.server.ts";
import {
  findPathway,
  pathwaysFor,
  pathwayView,
  resetPathwaysCache,
  signOff,
  startPathway,
} from "~/domain/pathways/pathways.server.ts";
import { remindDueAssignments, remindExpiringCertificates } from "~/domain/reminders/reminders.server.ts";
import { richTextFromPlain } from "~/domain/rich-text/rich-text.ts";
import * as reviewRoute from "~/routes/mentoring.submissions.$submissionId.tsx";
import * as traineeRoute from "~/routes/mentoring.trainees.$userId.tsx";
import * as fileRoute from "~/routes/submissions.files.$file.ts";
import { prisma } from "~/utils/db.server.ts";
import { sitAssessment } from "../factories/assessments.ts";
import { enrolWithProgress } from "../factories/learning.ts";
import { cookieFor, get, outcome, post, routeContext } from "../factories/routes.ts";
import { submitAnswer } from "../factories/mentoring.ts";
import { ensureUser } from "../factories/users.ts";

beforeAll(async () => {
  process.env.CERTIFICATION_RULES_FILE = path.resolve("tests/fixtures/certificates/rules.yaml");
  process.env.PATHWAYS_FILE = path.resolve("tests/fixtures/certificates/pathways.yaml");
  resetRulesCache();
  resetPathwaysCache();
  const coursesDir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-assessed"), coursesDir, { recursive: true });
  await importCourses(loadCourses(coursesDir).courses);
});

type Roles = ("learner" | "trainer" | "mentor" | "admin")[];
const person = async (roles: Roles = ["learner"]) => {
  const user = await ensureUser(prisma, { roles });
  return { id: user.id, email: user.email, roles, isActive: true };
};

const RUBRIC = [
  {
    id: "facts",
    titles: { en: "Facts of the seizure" },
    levels: [
      { id: "missing", points: 0, titles: { en: "Missing" } },
      { id: "partial", points: 2, titles: { en: "Partial" } },
      { id: "complete", points: 4, titles: { en: "Complete" } },
    ],
  },
  {
    id: "evidence",
    titles: { en: "Evidence" },
    levels: [
      { id: "weak", points: 0, titles: { en: "Weak" } },
      { id: "sound", points: 3, titles: { en: "Sound" } },
    ],
  },
];

async function assignment(dueDays = 14) {
  return prisma.assignment.create({
    data: {
      courseId: "exam-course",
      slug: `case-${Math.random().toString(36).slice(2, 10)}`,
      position: 1,
      dueDays,
      titles: JSON.stringify({ en: "Case analysis of a seizure" }),
      instructions: JSON.stringify({ en: "<p>Write the case analysis.</p>" }),
      rubric: JSON.stringify(RUBRIC),
      maxPoints: 7,
    },
    select: { id: true, slug: true },
  });
}

/** A trainee enrolled in the fixture course, paired by an administrator with a new mentor. */
async function pairedTrainee() {
  const [admin, mentor, trainee] = await Promise.all([person(["admin"]), person(["mentor"]), person()]);
  await enrolWithProgress(prisma, trainee.id, "exam-course", 0);
  expect(await pairMentor(admin, mentor.email, trainee.email)).toEqual({ ok: true, unchanged: false });
  return { admin, mentor, trainee };
}

const review = (
  version: number,
  decision: "approved" | "revision",
  text = "Good structure; cite the exhibit numbers."
) => ({
  versionNumber: version,
  decision,
  levels: { facts: "partial", evidence: "sound" },
  feedback: { text },
  comments: [{ id: "1", quote: "forty cartons", text: "Which warehouse?" }],
});

describe("pairing", () => {
  it("reassigning a trainee ends the old pairing, keeps the history and hands the work to the new mentor", async () => {
    const { admin, mentor, trainee } = await pairedTrainee();
    const next = await person(["mentor"]);
    expect(await mentorAccess(mentor, trainee.id)).toBe("mentor");
    expect(await pairMentor(admin, next.email, trainee.email)).toEqual({ ok: true, unchanged: false });
    expect(await pairMentor(admin, next.email, trainee.email)).toEqual({ ok: true, unchanged: true });
    const history = await pairingHistory(trainee.id);
    expect(history.map((h) => [h.mentorEmail, h.endedAt === null])).toEqual([
      [next.email, true],
      [mentor.email, false],
    ]);
    expect(await mentorAccess(mentor, trainee.id)).toBeNull();
    expect(await mentorAccess(next, trainee.id)).toBe("mentor");
    expect(await prisma.auditLog.count({ where: { action: "mentoring.paired", targetId: trainee.id } })).toBe(2);
  });

  it("refuses what cannot be a pairing, and lets a lead trainer pair only their own cohort's members", async () => {
    const [admin, mentor, learner, trainer] = await Promise.all([
      person(["admin"]),
      person(["mentor"]),
      person(),
      person(["trainer"]),
    ]);
    expect(await pairMentor(admin, learner.email, mentor.email)).toMatchObject({ ok: false, field: "mentor" });
    expect(await pairMentor(admin, mentor.email, mentor.email)).toMatchObject({ ok: false, field: "trainee" });
    expect(await pairMentor(admin, mentor.email, "nobody@example.test")).toMatchObject({ ok: false, field: "trainee" });
    expect(await pairMentor(trainer, mentor.email, learner.email)).toEqual({
      ok: false,
      field: "trainee",
      error: "mentoring:errors.not_yours",
    });
    const cohort = await createCohort(trainer.id, {
      name: "Ghana FDA, 2026",
      country: "GH",
      language: "en",
      courses: [],
      startsOn: new Date("2026-11-01T00:00:00Z"),
      endsOn: new Date("2026-12-15T00:00:00Z"),
      capacity: 10,
    });
    await prisma.cohortMember.create({ data: { cohortId: cohort.id, userId: learner.id, via: "manual" } });
    expect(await pairMentor(trainer, mentor.email, learner.email)).toEqual({ ok: true, unchanged: false });
  });
});

describe("an assignment from first draft to approval", () => {
  it("submits once, is reviewed once per version, and keeps every version with its review", async () => {
    const { mentor, trainee } = await pairedTrainee();
    const task = await assignment();
    const draft = await saveWork(trainee.id, task.id, { text: "First notes" }, false);
    expect(draft.ok).toBe(true);
    expect((await submissionOf(trainee.id, task.id))?.status).toBe("draft");

    const text = "On 3 March officers seized forty cartons of falsified antibiotics.\n\nThe labels were copied.";
    // A double click on "Submit": one version, one notification.
    const [a, b] = await Promise.all([
      saveWork(trainee.id, task.id, { state: richTextFromPlain(text) }, true),
      saveWork(trainee.id, task.id, { state: richTextFromPlain(text) }, true),
    ]);
    expect(a.ok && b.ok).toBe(true);
    let detail = (await submissionOf(trainee.id, task.id))!;
    expect(detail.status).toBe("submitted");
    expect(detail.versions).toHaveLength(1);
    expect((await notificationsOf(mentor.id)).items.filter((n) => n.kind === "mentoring.submitted")).toHaveLength(1);
    expect((await reviewQueue(mentor.id, "en")).map((q) => q.id)).toEqual([detail.id]);
    // Submitted work cannot change until the mentor answers.
    expect(await saveWork(trainee.id, task.id, { text: "sneaky edit" }, false)).toEqual({
      ok: false,
      reason: "closed",
    });

    // The review, sent twice at once: recorded once.
    const [r1, r2] = await Promise.all([
      reviewSubmission(mentor, detail.id, review(1, "revision")),
      reviewSubmission(mentor, detail.id, review(1, "revision")),
    ]);
    expect([r1, r2]).toContainEqual({ ok: true, already: false });
    expect([r1, r2]).toContainEqual({ ok: true, already: true });
    expect(await prisma.review.count({ where: { version: { submissionId: detail.id } } })).toBe(1);
    detail = (await submissionOf(trainee.id, task.id))!;
    expect(detail.status).toBe("revision-requested");
    expect((await notificationsOf(trainee.id)).items.map((n) => n.kind)).toContain("mentoring.revision");
    expect(await reviewQueue(mentor.id, "en")).toEqual([]);

    // Revised and sent again; a review of the old version is refused as stale.
    const revised = await saveWork(trainee.id, task.id, { text: `${text}\n\nThey were stored in warehouse 12.` }, true);
    expect(revised).toMatchObject({ ok: true, version: 2 });
    expect(await reviewSubmission(mentor, detail.id, review(1, "approved"))).toEqual({ ok: false, reason: "stale" });
    const invalid = await reviewSubmission(mentor, detail.id, {
      ...review(2, "approved"),
      levels: { facts: "complete" },
    });
    expect(invalid).toEqual({
      ok: false,
      reason: "invalid",
      errors: { "score.evidence": "mentoring:errors.level_required" },
    });
    expect(
      await reviewSubmission(mentor, detail.id, {
        ...review(2, "approved"),
        levels: { facts: "complete", evidence: "sound" },
      })
    ).toEqual({
      ok: true,
      already: false,
    });

    detail = (await submissionOf(trainee.id, task.id))!;
    expect(detail.status).toBe("approved");
    const versions = versionsForDisplay(detail, "en");
    expect(versions.map((v) => [v.number, v.review?.decision, v.review?.points])).toEqual([
      [1, "revision", 5],
      [2, "approved", 7],
    ]);
    // The comment marks the passage it quotes, in the text the mentor commented on.
    expect(versions[0]!.html).toMatch(/<mark[^>]*>forty cartons<\/mark>/);
    expect(versions[1]!.html).toContain("warehouse 12");
    expect((await notificationsOf(trainee.id)).items.map((n) => n.kind)).toContain("mentoring.approved");
    expect(await saveWork(trainee.id, task.id, { text: "after approval" }, true)).toEqual({
      ok: false,
      reason: "closed",
    });
  });

  it("cannot be submitted without a mentor, and keeps no script, handler or javascript: link of what is sent", async () => {
    const [admin, mentor, trainee] = await Promise.all([person(["admin"]), person(["mentor"]), person()]);
    await enrolWithProgress(prisma, trainee.id, "exam-course", 0);
    const task = await assignment();
    const hostile = JSON.stringify({
      root: {
        type: "root",
        version: 1,
        direction: null,
        format: "",
        indent: 0,
        children: [
          {
            type: "paragraph",
            version: 1,
            direction: null,
            format: "",
            indent: 0,
            children: [
              {
                type: "text",
                version: 1,
                text: "<script>alert(1)</script>",
                format: 0,
                detail: 0,
                mode: "normal",
                style: "",
              },
              {
                type: "link",
                version: 1,
                url: "javascript:alert(1)",
                direction: null,
                format: "",
                indent: 0,
                children: [
                  { type: "text", version: 1, text: "click", format: 0, detail: 0, mode: "normal", style: "" },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(await saveWork(trainee.id, task.id, { state: hostile }, true)).toEqual({ ok: false, reason: "no-mentor" });
    await pairMentor(admin, mentor.email, trainee.email);
    expect((await saveWork(trainee.id, task.id, { state: hostile }, true)).ok).toBe(true);
    const stored = await prisma.submissionVersion.findFirstOrThrow({
      where: { submission: { userId: trainee.id } },
      select: { html: true },
    });
    expect(stored.html).not.toMatch(/<script|javascript:|onerror=/i);
    expect(stored.html).toContain("&lt;script&gt;");
  });

  it("reminds the trainee once, three days before the due date", async () => {
    const trainee = await person();
    await enrolWithProgress(prisma, trainee.id, "exam-course", 0);
    const task = await assignment(14);
    await prisma.enrolment.update({
      where: { userId_courseId: { userId: trainee.id, courseId: "exam-course" } },
      data: { enrolledAt: new Date(Date.now() - 12 * 86_400_000) },
    });
    const mine = async () =>
      (await notificationsOf(trainee.id)).items.filter(
        (n) => n.kind === "mentoring.due" && n.data.assignment === task.id
      );
    await remindDueAssignments();
    await remindDueAssignments();
    expect(await mine()).toHaveLength(1);
  });
});

describe("the routes, by direct request", () => {
  const context = routeContext;
  const status = async (run: () => Promise<unknown>) => (await outcome(run)).status;

  it("show a trainee's work to their mentor and an administrator, and a 404 to another mentor or a former one", async () => {
    const { admin, mentor, trainee } = await pairedTrainee();
    const [otherMentor, trainer] = await Promise.all([person(["mentor"]), person(["trainer"])]);
    const task = await assignment();
    const png = Uint8Array.from(
      Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
        "base64"
      )
    );
    const file = await attachFile(trainee.id, task.id, png, "exhibit.png");
    if (!file.ok) throw new Error(file.reason);
    const submissionId = await submitAnswer(trainee.id, task.id, "Forty cartons were seized.");
    const storedName = file.src.split("/").pop()!;
    const pages = {
      review: { url: `/mentoring/submissions/${submissionId}`, params: { submissionId } },
      trainee: { url: `/mentoring/trainees/${trainee.id}`, params: { userId: trainee.id } },
      file: { url: `/submissions/files/${storedName}`, params: { file: storedName } },
    };
    const open = async (userId: string) => {
      const cookie = await cookieFor(userId);
      return Promise.all([
        status(() =>
          reviewRoute.loader({ request: get(pages.review.url, cookie), params: pages.review.params, context })
        ),
        status(() =>
          traineeRoute.loader({ request: get(pages.trainee.url, cookie), params: pages.trainee.params, context })
        ),
        status(() => fileRoute.loader({ request: get(pages.file.url, cookie), params: pages.file.params, context })),
      ]);
    };
    expect(await open(mentor.id)).toEqual([200, 200, 200]);
    expect(await open(admin.id)).toEqual([200, 200, 200]);
    expect(await open(otherMentor.id)).toEqual([404, 404, 404]);
    expect(await open(trainer.id)).toEqual([404, 404, 404]);

    // Another mentor's review or log entry, posted directly, is refused and records nothing.
    const otherCookie = await cookieFor(otherMentor.id);
    const fields = {
      decision: "approved",
      version: "1",
      "score.facts": "complete",
      "score.evidence": "sound",
      feedbackText: "ok",
    };
    expect(
      await status(() =>
        reviewRoute.action({
          request: post(pages.review.url, otherCookie, fields),
          params: pages.review.params,
          context,
        })
      )
    ).toBe(404);
    const log = { intent: "log", heldOn: "2026-11-20", minutes: "45", notes: "Talked", key: "k".repeat(20) };
    expect(
      await status(() =>
        traineeRoute.action({
          request: post(pages.trainee.url, otherCookie, log),
          params: pages.trainee.params,
          context,
        })
      )
    ).toBe(404);
    expect(await prisma.review.count({ where: { version: { submissionId } } })).toBe(0);
    expect(await mentoringLog(trainee.id)).toEqual([]);

    // The mentor's own review through the route: recorded, and a repeat of the same post changes nothing.
    const mentorCookie = await cookieFor(mentor.id);
    for (let i = 0; i < 2; i++)
      expect(
        await status(() =>
          reviewRoute.action({
            request: post(pages.review.url, mentorCookie, { ...fields, decision: "revision" }),
            params: pages.review.params,
            context,
          })
        )
      ).toBe(302);
    expect(await prisma.review.count({ where: { version: { submissionId } } })).toBe(1);

    // Reassigned: the former mentor loses access at once.
    await pairMentor(admin, otherMentor.email, trainee.email);
    expect(await open(mentor.id)).toEqual([404, 404, 404]);
    expect(await open(otherMentor.id)).toEqual([200, 200, 200]);
    expect(
      await logSession(mentor, trainee.id, { heldOn: new Date(), minutes: 30, notes: "x", key: "z".repeat(20) })
    ).toEqual({
      ok: false,
      reason: "not-your-trainee",
    });
  });
});

describe("the trainer pathway", () => {
  it("is signed off once every step is done: the role is granted and a verifiable certificate issued, once", async () => {
    const pathway = findPathway("trainer")!;
    const [admin, mentor, lead] = await Promise.all([person(["admin"]), person(["mentor"]), person(["trainer"])]);
    const candidate = await person();
    // Step 1 and 2: the certification (approved by an administrator) and the course.
    await enrolWithProgress(prisma, candidate.id, "exam-course", 99);
    await sitAssessment(prisma, candidate.id, "exam-course", "final", 1);
    expect(await pathwaysFor(candidate.id, "en")).toEqual([]); // not shown before the certification
    const request = await prisma.certificateRequest.findFirstOrThrow({
      where: { userId: candidate.id, ruleId: "exam-certified", status: "pending" },
      select: { id: true },
    });
    await approveRequest(request.id, admin.id);
    expect((await pathwayView(pathway, candidate.id)).state).toBe("not-started");
    expect((await pathwaysFor(candidate.id, "en")).map((p) => [p.id, p.state])).toEqual([["trainer", "not-started"]]);
    expect(await startPathway(pathway, candidate.id)).toEqual({ ok: true });
    await pairMentor(admin, mentor.email, candidate.email);
    let view = await pathwayView(pathway, candidate.id);
    expect(view.state).toBe("in-progress");
    expect(view.missing).toEqual(["co-facilitation"]);
    expect(await signOff(pathway, candidate.id, mentor.id, null)).toEqual({ ok: false, reason: "not-ready" });

    // Step 3: the lead trainer records the co-facilitation (once).
    const cohort = await createCohort(lead.id, {
      name: "Exam cohort",
      country: "KE",
      language: "en",
      courses: [],
      startsOn: new Date("2026-10-01T00:00:00Z"),
      endsOn: new Date("2026-11-15T00:00:00Z"),
      capacity: 10,
    });
    expect(await addFacilitator(lead, cohort.id, candidate.email)).toEqual({ ok: true, already: false });
    expect(await addFacilitator(lead, cohort.id, candidate.email)).toEqual({ ok: true, already: true });
    expect(await recordCoFacilitation(lead, cohort.id, candidate.id, "Ran module 3")).toBe(true);
    expect(await recordCoFacilitation(lead, cohort.id, candidate.id, "again")).toBe(false);
    view = await pathwayView(pathway, candidate.id);
    expect(view.state).toBe("ready");

    // Step 4: two sign-offs at once (a double click): one passes.
    const results = await Promise.all([
      signOff(pathway, candidate.id, mentor.id, "Ready to lead a session"),
      signOff(pathway, candidate.id, mentor.id, "Ready to lead a session"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results).toContainEqual({ ok: false, reason: "already" });
    expect((await pathwayView(pathway, candidate.id)).state).toBe("signed-off");
    const roles = await prisma.userRole.findMany({ where: { userId: candidate.id }, select: { role: true } });
    expect(roles.map((r) => r.role)).toContain("trainer");
    const certificates = await prisma.certificate.findMany({
      where: { userId: candidate.id, ruleId: "exam-pathway-trainer" },
      select: { number: true, expiresAt: true, issuedAt: true },
    });
    expect(certificates).toHaveLength(1);
    const years = (certificates[0]!.expiresAt!.getTime() - certificates[0]!.issuedAt.getTime()) / (365.25 * 86_400_000);
    expect(Math.round(years)).toBe(4);
    const verdict = await verdictForNumber(certificates[0]!.number, "en");
    expect(verdict).toMatchObject({ kind: "found", certificate: { standing: "valid", recordSignatureValid: true } });
    expect((await notificationsOf(candidate.id)).items.map((n) => n.kind)).toContain("pathway.signed-off");

    // Before it lapses: a reminder when renewal opens (six months ahead), another a month before; each once.
    const expiresAt = certificates[0]!.expiresAt!;
    const expiring = async () =>
      (await notificationsOf(candidate.id)).items.filter((n) => n.kind === "certificate.expiring").length;
    const DAY = 86_400_000;
    expect(await remindExpiringCertificates(new Date(expiresAt.getTime() - 200 * DAY))).toBe(0);
    await remindExpiringCertificates(new Date(expiresAt.getTime() - 150 * DAY));
    await remindExpiringCertificates(new Date(expiresAt.getTime() - 149 * DAY));
    expect(await expiring()).toBe(1);
    await remindExpiringCertificates(new Date(expiresAt.getTime() - 20 * DAY));
    await remindExpiringCertificates(new Date(expiresAt.getTime() - 19 * DAY));
    expect(await expiring()).toBe(2);
  });
});
