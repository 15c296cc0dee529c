import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { announce, announcementsOf } from "~/domain/cohorts/announcements.server.ts";
import { addMember, createCohort } from "~/domain/cohorts/cohorts.server.ts";
import {
  addSession,
  cohortSchedule,
  removeSession,
  setDeadlines,
  updateCohortDetails,
} from "~/domain/cohorts/schedule.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { outboxDir } from "~/utils/email.server.ts";
import * as dashboardRoute from "~/routes/cohorts.$cohortId._index.tsx";
import * as editRoute from "~/routes/cohorts.$cohortId.edit.tsx";
import { cookieFor, get, outcome, post, routeContext } from "../factories/routes.ts";
import { ensureUser } from "../factories/users.ts";

beforeAll(async () => {
  const coursesDir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-assessed"), coursesDir, { recursive: true });
  await importCourses(loadCourses(coursesDir).courses);
});

type Role = "learner" | "trainer" | "admin";
const actor = async (roles: Role[], spec: { preferredLanguage?: string; fullName?: string } = {}) => {
  const user = await ensureUser(prisma, { roles, ...spec });
  return { id: user.id, email: user.email, roles, isActive: true };
};

async function cohortOf(ownerId: string, options: { capacity?: number; courses?: string[] } = {}) {
  return createCohort(ownerId, {
    name: "Morocco customs, spring 2027",
    country: "MA",
    language: "fr",
    courses: options.courses ?? ["exam-course"],
    startsOn: new Date("2027-03-01T00:00:00Z"),
    endsOn: new Date("2027-05-31T00:00:00Z"),
    capacity: options.capacity ?? 20,
  });
}

const details = (over: Partial<Parameters<typeof updateCohortDetails>[2]> = {}) => ({
  name: "Morocco customs, spring 2027 (renamed)",
  country: "MA",
  language: "fr" as const,
  courses: ["exam-course"],
  startsOn: new Date("2027-03-08T00:00:00Z"),
  endsOn: new Date("2027-06-30T00:00:00Z"),
  capacity: 25,
  ...over,
});

const auditCount = (cohortId: string, action: string) =>
  prisma.auditLog.count({ where: { targetType: "cohort", targetId: cohortId, action } });

/** The outbox's messages to some addresses (one JSON file a message). */
function mailTo(addresses: string[]) {
  if (!fs.existsSync(outboxDir())) return [];
  return fs
    .readdirSync(outboxDir())
    .map(
      (f) =>
        JSON.parse(fs.readFileSync(path.join(outboxDir(), f), "utf8")) as {
          to: string;
          subject: string;
          text: string;
          html: string;
        }
    )
    .filter((m) => addresses.includes(m.to));
}

describe("a cohort's details", () => {
  it("are updated with an audit entry, and capacity may not go below the member count", async () => {
    const lead = await actor(["trainer"]);
    const cohort = await cohortOf(lead.id, { capacity: 5 });
    const members = [await actor(["learner"]), await actor(["learner"]), await actor(["learner"])];
    for (const m of members) expect((await addMember(lead.id, cohort.id, m.email)).ok).toBe(true);

    expect(await updateCohortDetails(lead, cohort.id, details({ capacity: 2 }))).toEqual({
      ok: false,
      errors: { capacity: "cohorts:errors.capacity_below_members" },
    });
    expect(await auditCount(cohort.id, "cohort.updated")).toBe(0);
    const unchanged = await prisma.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { name: true } });
    expect(unchanged.name).toBe("Morocco customs, spring 2027");

    expect(await updateCohortDetails(lead, cohort.id, details({ capacity: 3 }))).toEqual({ ok: true });
    const saved = await prisma.cohort.findUniqueOrThrow({
      where: { id: cohort.id },
      select: { name: true, capacity: true, startsOn: true, endsOn: true },
    });
    expect(saved).toEqual({
      name: "Morocco customs, spring 2027 (renamed)",
      capacity: 3,
      startsOn: new Date("2027-03-08T00:00:00Z"),
      endsOn: new Date("2027-06-30T00:00:00Z"),
    });
    expect(await auditCount(cohort.id, "cohort.updated")).toBe(1);
    expect(await updateCohortDetails(lead, cohort.id, details({ courses: ["no-such-course"] }))).toEqual({
      ok: false,
      errors: { courses: "cohorts:errors.courses" },
    });
  });

  it("enrols the members in a programme added to the cohort and drops a removed programme's deadlines", async () => {
    const lead = await actor(["trainer"]);
    const cohort = await cohortOf(lead.id, { courses: [] });
    const member = await actor(["learner"]);
    await addMember(lead.id, cohort.id, member.email);
    expect(await prisma.enrolment.count({ where: { userId: member.id, courseId: "exam-course" } })).toBe(0);
    expect((await updateCohortDetails(lead, cohort.id, details({ courses: ["exam-course"] }))).ok).toBe(true);
    expect(await prisma.enrolment.count({ where: { userId: member.id, courseId: "exam-course" } })).toBe(1);

    await setDeadlines(lead, cohort.id, { "exam-course/basics": new Date("2027-04-01T00:00:00Z") });
    expect(await prisma.cohortDeadline.count({ where: { cohortId: cohort.id } })).toBe(1);
    // Taking the programme off the cohort takes its deadlines with it (the schema asks for one programme;
    // the domain takes what it is given).
    expect((await updateCohortDetails(lead, cohort.id, details({ courses: [] }))).ok).toBe(true);
    expect(await prisma.cohortDeadline.count({ where: { cohortId: cohort.id } })).toBe(0);
  });
});

describe("live sessions", () => {
  it("are added once per form key (a double post adds one), listed in time order, and removed", async () => {
    const lead = await actor(["trainer"]);
    const cohort = await cohortOf(lead.id);
    const other = await cohortOf(lead.id);
    const session = {
      startsAt: new Date("2027-03-10T08:30:00Z"),
      place: "https://meet.example.org/ma-customs",
      topic: "Opening session",
      key: "k".repeat(22),
    };
    const [first, second] = await Promise.all([
      addSession(lead, cohort.id, session),
      addSession(lead, cohort.id, session),
    ]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(await addSession(lead, cohort.id, session)).toEqual({ created: false });
    // The same form key with other fields (a retry after an edit of the same form) adds nothing either.
    expect(await addSession(lead, cohort.id, { ...session, topic: "Changed" })).toEqual({ created: false });
    expect(
      await addSession(lead, cohort.id, {
        startsAt: new Date("2027-03-03T14:00:00Z"),
        place: "Rabat, Direction générale, salle 2",
        topic: "Case study",
        key: "m".repeat(22),
      })
    ).toEqual({ created: true });

    const schedule = await cohortSchedule(cohort.id, "en");
    expect(schedule.sessions.map((s) => [s.topic, s.link])).toEqual([
      ["Case study", false],
      ["Opening session", true],
    ]);
    expect(await auditCount(cohort.id, "cohort.schedule_changed")).toBe(2);

    const opening = schedule.sessions.find((s) => s.topic === "Opening session")!;
    expect(await removeSession(lead, other.id, opening.id)).toEqual({ removed: false }); // not that cohort's
    expect(await removeSession(lead, cohort.id, opening.id)).toEqual({ removed: true });
    expect(await removeSession(lead, cohort.id, opening.id)).toEqual({ removed: false });
    expect((await cohortSchedule(cohort.id, "en")).sessions.map((s) => s.topic)).toEqual(["Case study"]);
    expect(await auditCount(cohort.id, "cohort.schedule_changed")).toBe(3);
  });
});

describe("module deadlines", () => {
  it("are set and cleared all at once, and an unknown module refuses the whole form", async () => {
    const lead = await actor(["trainer"]);
    const cohort = await cohortOf(lead.id);
    const rows = () =>
      prisma.cohortDeadline
        .findMany({
          where: { cohortId: cohort.id },
          orderBy: { moduleSlug: "asc" },
          select: { moduleSlug: true, dueOn: true },
        })
        .then((r) => r.map((d) => [d.moduleSlug, d.dueOn.toISOString().slice(0, 10)]));

    expect(
      await setDeadlines(lead, cohort.id, {
        "exam-course/basics": new Date("2027-03-20T00:00:00Z"),
        "exam-course/advanced": new Date("2027-04-20T00:00:00Z"),
      })
    ).toEqual({ ok: true, set: 2, cleared: 0 });
    expect(await rows()).toEqual([
      ["advanced", "2027-04-20"],
      ["basics", "2027-03-20"],
    ]);

    expect(
      await setDeadlines(lead, cohort.id, {
        "exam-course/basics": null,
        "exam-course/advanced": new Date("2027-05-01T00:00:00Z"),
      })
    ).toEqual({ ok: true, set: 1, cleared: 1 });
    expect(await rows()).toEqual([["advanced", "2027-05-01"]]);

    const refused = await setDeadlines(lead, cohort.id, {
      "exam-course/basics": new Date("2027-03-25T00:00:00Z"),
      "exam-course/nowhere": new Date("2027-03-25T00:00:00Z"),
      "other-course/basics": null,
    });
    expect(refused).toEqual({
      ok: false,
      errors: {
        "due:exam-course/nowhere": "cohorts:errors.unknown_module",
        "due:other-course/basics": "cohorts:errors.unknown_module",
      },
    });
    expect(await rows()).toEqual([["advanced", "2027-05-01"]]); // nothing written, not even the good one
    expect(await auditCount(cohort.id, "cohort.schedule_changed")).toBe(2);

    const schedule = await cohortSchedule(cohort.id, "en");
    expect(schedule.modules.map((m) => [m.key, m.title, m.dueOn])).toEqual([
      ["exam-course/basics", "Basics", null],
      ["exam-course/advanced", "Advanced", "2027-05-01"],
    ]);
  });
});

describe("announcements", () => {
  it("are sent once per form key: one row, one notification and one email per member, in their language", async () => {
    const lead = await actor(["trainer"]);
    const cohort = await cohortOf(lead.id);
    const english = await actor(["learner"], { fullName: "Amina Idrissi" });
    const french = await actor(["learner"], { preferredLanguage: "fr", fullName: "Youssef Benali" });
    const gone = await actor(["learner"]);
    for (const m of [english, french, gone]) await addMember(lead.id, cohort.id, m.email);
    await prisma.user.update({ where: { id: gone.id }, data: { isActive: false }, select: { id: true } });
    const stranger = await actor(["learner"]);

    const input = {
      subject: "Room change <b>Monday</b>",
      body: "The opening moves to room 4.\n\nBring your badge & ID.",
      key: "announce-key-0000000001",
    };
    const [a, b] = await Promise.all([announce(lead, cohort.id, input), announce(lead, cohort.id, input)]);
    const again = await announce(lead, cohort.id, input);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(again).toEqual({ id: a.id, created: false, recipients: 2 });
    expect(b.id).toBe(a.id);

    expect(await prisma.cohortAnnouncement.count({ where: { cohortId: cohort.id } })).toBe(1);
    expect(await auditCount(cohort.id, "cohort.announced")).toBe(1);
    const notes = await prisma.notification.findMany({
      where: { kind: "cohort.announcement", userId: { in: [english.id, french.id, gone.id, stranger.id] } },
      select: { userId: true, data: true },
    });
    expect(notes.map((n) => n.userId).sort()).toEqual([english.id, french.id].sort());
    expect(JSON.parse(notes[0]!.data)).toEqual({
      cohort: "Morocco customs, spring 2027",
      subject: input.subject,
      path: `/cohorts/${cohort.id}`,
    });

    const mails = mailTo([english.email, french.email, gone.email, stranger.email]);
    expect(mails.map((m) => m.to).sort()).toEqual([english.email, french.email].sort());
    const fr = mails.find((m) => m.to === french.email)!;
    expect(fr.subject).toBe("Morocco customs, spring 2027\u00a0: Room change <b>Monday</b>");
    expect(fr.text).toContain("Bonjour Youssef Benali,");
    expect(fr.html).toContain("Room change &lt;b&gt;Monday&lt;/b&gt;");
    expect(fr.html).toContain('<p dir="auto">Bring your badge &amp; ID.</p>');
    expect(mails.find((m) => m.to === english.email)!.text).toContain("Dear Amina Idrissi,");

    // A new form (another key) is another announcement; the cohort page lists them newest first.
    await announce(lead, cohort.id, { subject: "Second", body: "Line one\nline two", key: "announce-key-0000000002" });
    const listed = await announcementsOf(cohort.id);
    expect(listed.map((l) => l.subject)).toEqual(["Second", input.subject]);
    expect(listed[1]!.paragraphs).toEqual(["The opening moves to room 4.", "Bring your badge & ID."]);
  });
});

describe("the routes", () => {
  const context = routeContext;

  it("answer 404 to a trainer who does not own the cohort and to its members, and work for its owner", async () => {
    const lead = await actor(["trainer"]);
    const otherTrainer = await actor(["trainer"]);
    const member = await actor(["learner"]);
    const cohort = await cohortOf(lead.id);
    await addMember(lead.id, cohort.id, member.email);
    const [leadCookie, otherCookie, memberCookie] = await Promise.all([
      cookieFor(lead.id),
      cookieFor(otherTrainer.id),
      cookieFor(member.id),
    ]);
    const url = `/cohorts/${cohort.id}/edit`;
    const params = { cohortId: cohort.id };
    const session = {
      intent: "add-session",
      startsAt: "2027-03-10T08:30",
      place: "Rabat",
      topic: "Opening",
      key: "r".repeat(22),
    };

    for (const cookie of [otherCookie, memberCookie]) {
      expect(await outcome(() => editRoute.loader({ request: get(url, cookie), params, context }))).toMatchObject({
        status: 404,
      });
      expect(
        await outcome(() => editRoute.action({ request: post(url, cookie, session), params, context }))
      ).toMatchObject({ status: 404 });
    }
    expect(
      await outcome(() =>
        dashboardRoute.action({
          request: post(`/cohorts/${cohort.id}`, otherCookie, {
            intent: "announce",
            subject: "Hijack",
            body: "Not mine",
            key: "h".repeat(22),
          }),
          params,
          context,
        })
      )
    ).toMatchObject({ status: 404 });
    expect(await prisma.cohortSession.count({ where: { cohortId: cohort.id } })).toBe(0);
    expect(await prisma.cohortAnnouncement.count({ where: { cohortId: cohort.id } })).toBe(0);

    // The owner: the edit page loads; a session is added once even when the form is posted twice.
    const page = await outcome(() => editRoute.loader({ request: get(url, leadCookie), params, context }));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ cohort: { id: cohort.id, memberCount: 1 }, sessionKey: expect.any(String) });
    for (const done of ["session_added", "session_already"])
      expect(
        await outcome(() => editRoute.action({ request: post(url, leadCookie, session), params, context }))
      ).toEqual({
        status: 302,
        location: `${url}?done=${done}`,
      });
    expect(await prisma.cohortSession.count({ where: { cohortId: cohort.id } })).toBe(1);
    // A link that is not a web address is refused; so is a form without its key.
    const refused = await outcome(() =>
      editRoute.action({
        request: post(url, leadCookie, { ...session, place: "javascript:alert(1)", key: "" }),
        params,
        context,
      })
    );
    expect(refused).toMatchObject({
      status: 400,
      data: { form: "add-session", errors: { place: "cohorts:errors.place_link", key: "cohorts:errors.form_key" } },
    });
    // Capacity below the member count is a field error of the details form.
    const details = await outcome(() =>
      editRoute.action({
        request: post(url, leadCookie, {
          intent: "details",
          name: "Renamed",
          country: "MA",
          language: "fr",
          courses: "exam-course",
          startsOn: "2027-03-01",
          endsOn: "2027-05-31",
          capacity: "0",
        }),
        params,
        context,
      })
    );
    expect(details).toMatchObject({ status: 400, data: { errors: { capacity: "cohorts:errors.capacity" } } });
    // Deadlines: one field per module; an unknown field name is refused.
    expect(
      await outcome(() =>
        editRoute.action({
          request: post(url, leadCookie, {
            intent: "deadlines",
            "due:exam-course/basics": "2027-03-20",
            "due:exam-course/advanced": "",
          }),
          params,
          context,
        })
      )
    ).toEqual({ status: 302, location: `${url}?done=deadlines_saved` });
    expect(
      await outcome(() =>
        editRoute.action({
          request: post(url, leadCookie, { intent: "deadlines", sneaky: "2027-03-20" }),
          params,
          context,
        })
      )
    ).toMatchObject({ status: 400, data: { form: "deadlines" } });

    // The owner announces from the dashboard; the member's page shows the schedule and the announcement,
    // and no other member's data.
    const announced = await outcome(() =>
      dashboardRoute.action({
        request: post(`/cohorts/${cohort.id}`, leadCookie, {
          intent: "announce",
          subject: "Welcome",
          body: "See you on Monday.",
          key: "w".repeat(22),
        }),
        params,
        context,
      })
    );
    expect(announced).toMatchObject({ status: 200, data: { notice: "announcements.sent", count: 1 } });
    const seen = await outcome(() =>
      dashboardRoute.loader({ request: get(`/cohorts/${cohort.id}`, memberCookie), params, context })
    );
    expect(seen).toMatchObject({
      status: 200,
      data: {
        access: "member",
        board: null,
        announceKey: null,
        sessions: [{ topic: "Opening", place: "Rabat", link: false }],
        deadlines: [{ key: "exam-course/basics", dueOn: "2027-03-20" }],
        announcements: [{ subject: "Welcome", paragraphs: ["See you on Monday."] }],
      },
    });
    expect(JSON.stringify(seen)).not.toContain(lead.email);
  });
});
