/**
 * Demo data. Idempotent: run it as often as you like; it never duplicates people.
 * The demo accounts are a contract other tools rely on: do not rename them.
 */
import { enrolWithProgress } from "../tests/factories/learning.ts";
import { ensureUser, type UserSpec } from "../tests/factories/users.ts";
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
];

async function main() {
  const people = new Map<string, string>();
  for (const spec of [...DEMO_ACCOUNTS, ...OTHER_PEOPLE]) people.set(spec.email!, (await ensureUser(prisma, { ...spec, password })).id);

  // The demo learner is part-way through the Introductory programme (its first module done and
  // the next lesson started), so the dashboard and "resume" have something to show.
  const introductory = await prisma.course.findFirst({ where: { level: "introductory", retiredAt: null }, select: { id: true } });
  if (introductory) {
    await enrolWithProgress(prisma, people.get("learner@example.org")!, introductory.id, 4);
    await enrolWithProgress(prisma, people.get("trainer@example.org")!, introductory.id, 2);
  } else {
    console.warn("No course imported yet: run `npm run courses:import` before the seed to give the demo learner progress.");
  }
  console.log("Demo accounts (password from DEMO_PASSWORD, default provenance-demo):");
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(22)} ${account.roles!.join(", ")}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
