/**
 * Demo data. Idempotent: run it as often as you like; it never duplicates people.
 * The demo accounts are a contract other tools rely on: do not rename them.
 */
import { sitAssessment } from "../tests/factories/assessments.ts";
import { enrolWithProgress } from "../tests/factories/learning.ts";
import { makeTrainerCandidate, submitAnswer } from "../tests/factories/mentoring.ts";
import { ensureUser, type UserSpec } from "../tests/factories/users.ts";
import { approveRequest } from "../app/domain/certificates/issue.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { env } from "../app/utils/env.server.ts";

const password = env().DEMO_PASSWORD;

export const DEMO_ACCOUNTS: (UserSpec & { email: string })[] = [
  {
    email: "learner@example.org",
    fullName: "Amina Okafor",
    agency: "Nigeria Customs Service",
    country: "NG",
    roles: ["learner"],
  },
  {
    email: "trainer@example.org",
    fullName: "Luis Fernández Ortega",
    agency: "Policía Nacional",
    country: "ES",
    roles: ["learner", "trainer"],
  },
  {
    email: "mentor@example.org",
    fullName: "Marie Dubois",
    agency: "Gendarmerie nationale",
    country: "FR",
    roles: ["learner", "mentor"],
  },
  {
    email: "admin@example.org",
    fullName: "College Administrator",
    agency: "Provenance College",
    country: "FR",
    roles: ["admin"],
  },
  {
    // Passed both programmes and holds all three certificates, issued and signed when the seed runs.
    email: "certified@example.org",
    fullName: "ليلى حداد",
    fullNameLatin: "Layla Haddad",
    agency: "Lebanese Customs Administration",
    country: "LB",
    preferredLanguage: "ar",
    roles: ["learner"],
  },
];

const OTHER_PEOPLE: UserSpec[] = [
  {
    email: "m.alali@example.org",
    fullName: "محمد العلي",
    fullNameLatin: "Mohammed Al-Ali",
    agency: "Jordan Customs",
    country: "JO",
    preferredLanguage: "ar",
  },
  {
    email: "wang.wei@example.org",
    fullName: "王伟",
    fullNameLatin: "Wang Wei",
    agency: "Public Security Bureau",
    country: "CN",
    preferredLanguage: "zh",
  },
  {
    email: "joana.silva@example.org",
    fullName: "Joana Silva",
    agency: "Polícia Federal",
    country: "BR",
    preferredLanguage: "pt",
  },
  { email: "k.mensah@example.org", fullName: "Kwame Mensah", agency: "Food and Drugs Authority", country: "GH" },
  // A certified investigator on the trainer pathway, as the demo's Layla Haddad is (see seedMentoring).
  {
    email: "n.eze@example.org",
    fullName: "Ngozi Eze",
    agency: "National Agency for Food and Drug Administration and Control",
    country: "NG",
  },
];

const LANGUAGE_BY_COUNTRY: Record<string, string> = {
  FR: "fr",
  SN: "fr",
  CO: "es",
  ES: "es",
  AR: "es",
  MA: "ar",
  EG: "ar",
  JO: "ar",
  TN: "ar",
  CN: "zh",
  PT: "pt",
  BR: "pt",
};

/** A class that has sat the Introductory final assessment, so trainers' results and item analysis have data. */
const CLASS_OF_2026: UserSpec[] = [
  ["Aisha Bello", "Nigeria Police Force", "NG"],
  ["Carlos Mendoza", "Policía Nacional de Colombia", "CO"],
  ["Sophie Laurent", "Douane française", "FR"],
  ["Nguyen Van An", "Vietnam Customs", "VN"],
  ["Fatima Zahra El Idrissi", "Direction générale de la Sûreté nationale", "MA"],
  ["João Pereira", "Autoridade Tributária e Aduaneira", "PT"],
  ["Grace Wanjiru", "Kenya Revenue Authority", "KE"],
  ["Ahmed Hassan", "Egyptian Customs Authority", "EG"],
  ["Ana Torres", "Guardia Civil", "ES"],
  ["Li Na", "General Administration of Customs", "CN"],
  ["Kofi Asante", "Ghana Police Service", "GH"],
  ["Maria Santos", "Polícia Federal", "BR"],
  ["Omar Khalil", "Jordan Customs", "JO"],
  ["Thabo Nkosi", "South African Police Service", "ZA"],
  ["Priya Sharma", "Central Bureau of Investigation", "IN"],
  ["Youssef Benali", "Police judiciaire", "TN"],
  ["Elena Popescu", "Poliția Română", "RO"],
  ["Diego Fernández", "Policía Federal Argentina", "AR"],
  ["Amara Diallo", "Douanes sénégalaises", "SN"],
  ["Hana Kim", "Korea Customs Service", "KR"],
].map(([fullName, agency, country], i) => ({
  email: `officer${String(i + 1).padStart(2, "0")}@example.org`,
  fullName,
  agency,
  country,
  preferredLanguage: LANGUAGE_BY_COUNTRY[country!] ?? "en",
}));

async function main() {
  const people = new Map<string, string>();
  for (const spec of [...DEMO_ACCOUNTS, ...OTHER_PEOPLE])
    people.set(spec.email!, (await ensureUser(prisma, { ...spec, password })).id);

  // The demo learner is part-way through the Introductory programme (its first module done and
  // the next lesson started), so the dashboard and "resume" have something to show.
  const introductory = await prisma.course.findFirst({
    where: { level: "introductory", retiredAt: null },
    select: { id: true },
  });
  if (introductory) {
    await enrolWithProgress(prisma, people.get("learner@example.org")!, introductory.id, 4);
    await enrolWithProgress(prisma, people.get("trainer@example.org")!, introductory.id, 2);
    await seedClassResults(introductory.id);
    await seedGraduates(introductory.id);
    await seedCohort(introductory.id);
    await seedMentoring();
  } else {
    console.warn(
      "No course imported yet: run `npm run courses:import` before the seed to give the demo learner progress."
    );
  }
  console.log("Demo accounts (password from DEMO_PASSWORD, default provenance-demo):");
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(22)} ${account.roles!.join(", ")}`);
}

/** The class: every module quiz passed, one attempt at the final each, scores spread from 20 % to 100 %. */
async function seedClassResults(courseId: string) {
  const final = await prisma.assessment.findFirst({
    where: { courseId, kind: "final", retiredAt: null },
    select: { slug: true },
  });
  if (!final) return;
  const lessons = await prisma.lesson.count({ where: { courseId, retiredAt: null } });
  const start = new Date(Date.UTC(2026, 9, 5, 8));
  for (const [i, spec] of CLASS_OF_2026.entries()) {
    const id = (await ensureUser(prisma, { ...spec, password })).id;
    if (await prisma.attempt.count({ where: { userId: id } })) continue;
    await enrolWithProgress(prisma, id, courseId, lessons);
    const share = 0.2 + (0.8 * i) / (CLASS_OF_2026.length - 1);
    await sitAssessment(prisma, id, courseId, final.slug, share, new Date(start.getTime() + i * 3_600_000));
  }
}

/**
 * Two graduates of both programmes: the certified demo account, whose special certification an
 * administrator approved (so she holds all three certificates), and one still in the approval queue.
 */
async function seedGraduates(introductoryId: string) {
  const intermediate = await prisma.course.findFirst({
    where: { level: "intermediate", retiredAt: null },
    select: { id: true },
  });
  if (!intermediate) return;
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" }, select: { id: true } });
  for (const email of ["certified@example.org", "m.alali@example.org", "n.eze@example.org"]) {
    const userId = (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
    for (const courseId of [introductoryId, intermediate.id]) {
      if (await prisma.certificate.count({ where: { userId, ruleId: courseId } })) continue;
      const lessons = await prisma.lesson.count({ where: { courseId, retiredAt: null } });
      await enrolWithProgress(prisma, userId, courseId, lessons);
      const final = await prisma.assessment.findFirstOrThrow({
        where: { courseId, kind: "final", retiredAt: null },
        select: { slug: true },
      });
      await sitAssessment(prisma, userId, courseId, final.slug, 0.9); // passing issues the programme's certificate
    }
  }
  const approved = await prisma.certificateRequest.findMany({
    where: { user: { email: { in: ["certified@example.org", "n.eze@example.org"] } }, status: "pending" },
    select: { id: true },
  });
  for (const request of approved) await approveRequest(request.id, admin.id);
}

/**
 * The demo trainer's national session: the demo learner, a dozen officers of the demo class (all lessons
 * done and the final sat) and a few newcomers at varied progress, with module deadlines and live sessions.
 */
async function seedCohort(courseId: string) {
  const name = "Spain — Policía Nacional, autumn 2026";
  const trainer = await prisma.user.findUniqueOrThrow({
    where: { email: "trainer@example.org" },
    select: { id: true },
  });
  if (await prisma.cohort.count({ where: { name, ownerId: trainer.id } })) return;
  const start = new Date(Date.UTC(2026, 9, 1));
  const structure = await prisma.courseModule.findMany({
    where: { courseId, retiredAt: null },
    orderBy: { position: "asc" },
    select: { slug: true },
  });
  const cohort = await prisma.cohort.create({
    data: {
      name,
      country: "ES",
      language: "es",
      courses: JSON.stringify([courseId]),
      startsOn: start,
      endsOn: new Date(Date.UTC(2026, 11, 18)),
      capacity: 40,
      ownerId: trainer.id,
      deadlines: {
        create: structure.map((m, i) => ({
          courseId,
          moduleSlug: m.slug,
          dueOn: new Date(start.getTime() + (i + 1) * 7 * 86_400_000),
        })),
      },
      sessions: {
        create: [
          {
            startsAt: new Date(Date.UTC(2026, 9, 1, 9)),
            place: "Madrid, Escuela Nacional de Policía, aula 3",
            topic: "Opening: what IP crime is",
          },
          {
            startsAt: new Date(Date.UTC(2026, 9, 22, 9)),
            place: "https://video.example.org/provenance-es",
            topic: "Case study: a seizure of counterfeit medicines",
          },
          {
            startsAt: new Date(Date.UTC(2026, 11, 18, 9)),
            place: "Madrid, Escuela Nacional de Policía, aula 3",
            topic: "Final assessment and closing",
          },
        ],
      },
    },
    select: { id: true },
  });
  const newcomers: UserSpec[] = [
    {
      email: "c.ruiz@example.org",
      fullName: "Carmen Ruiz Soto",
      agency: "Policía Nacional",
      country: "ES",
      preferredLanguage: "es",
    },
    {
      email: "j.moreno@example.org",
      fullName: "Javier Moreno Gil",
      agency: "Policía Nacional",
      country: "ES",
      preferredLanguage: "es",
    },
    {
      email: "l.navarro@example.org",
      fullName: "Lucía Navarro Peña",
      agency: "Guardia Civil",
      country: "ES",
      preferredLanguage: "es",
    },
  ];
  const members = ["learner@example.org", ...CLASS_OF_2026.slice(0, 12).map((o) => o.email!)];
  for (const [i, spec] of newcomers.entries()) {
    const id = (await ensureUser(prisma, { ...spec, password })).id;
    await enrolWithProgress(prisma, id, courseId, [0, 5, 12][i]!);
    members.push(spec.email!);
  }
  for (const email of members) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    await prisma.cohortMember.create({ data: { cohortId: cohort.id, userId: user.id, via: "manual" } });
  }
}

/**
 * Mentoring and the trainer pathway: the demo mentor mentors two certified investigators who are becoming
 * trainers (both passed the trainer course and co-facilitate the demo trainer's cohort). Layla Haddad's
 * session plan waits in the mentor's review queue; Ngozi Eze has not started her assignments.
 */
async function seedMentoring() {
  const course = await prisma.course.findFirst({ where: { level: "trainer", retiredAt: null }, select: { id: true } });
  if (!course) return;
  const ids = async (email: string) =>
    (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  const [mentorId, adminId, trainerId] = await Promise.all([
    ids("mentor@example.org"),
    ids("admin@example.org"),
    ids("trainer@example.org"),
  ]);
  const cohort = await prisma.cohort.findFirst({ where: { ownerId: trainerId }, select: { id: true } });
  for (const email of ["certified@example.org", "n.eze@example.org"]) {
    const userId = await ids(email);
    await makeTrainerCandidate(prisma, {
      userId,
      mentorId,
      adminId,
      cohortId: cohort?.id ?? null,
      trainerCourse: course.id,
    });
  }
  const plan = await prisma.assignment.findFirst({
    where: { courseId: course.id, retiredAt: null },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  const layla = await ids("certified@example.org");
  if (plan && !(await prisma.submission.count({ where: { assignmentId: plan.id, userId: layla } })))
    await submitAnswer(layla, plan.id, SESSION_PLAN, new Date(Date.now() - 9 * 86_400_000));
}

const SESSION_PLAN = `Session plan: two-day national session on falsified medicines for customs and police officers in Beirut.

Audience: 24 officers from customs, the Internal Security Forces and the Ministry of Public Health inspectorate, most with less than two years in IP work. Working language Arabic, materials in Arabic and English.

Day 1 morning: what IP crime is and why it matters to health (Introductory module 1 and 7). Opening case: a seizure of falsified antibiotics at the port. Knowledge checks in small mixed-agency groups.
Day 1 afternoon: first response and evidence at a seizure; a right holder's brand-protection expert demonstrates product identification on genuine and counterfeit packs.
Day 2 morning: online sales of medicines: Operation Pangea as a case study, tracing a website, its domain and its payment trail.
Day 2 afternoon: table-top exercise on a coordinated operation with the health regulator; each agency presents what it would do in the first 48 hours. Short quiz and evaluation.

Follow-up: each participant completes the Introductory programme online within six weeks; I will run two live video sessions and track progress on the cohort dashboard.`;

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
