// Prepares the certificate benchmark (bench/certificates.mjs): `count` learners with names in many scripts,
// an administrator with a session and a CSRF pair, and the signing keys (generated now, as on first run).
//
//   DATA_DIR=bench/.tmp-certificates npx tsx bench/certificates-setup.ts <count> <out.json>
import crypto from "node:crypto";
import fs from "node:fs";
import { loadKeyring } from "~/domain/certificates/crypto/keys.server.ts";
import { hashPassword } from "~/domain/accounts/password.server.ts";
import { csrfToken } from "~/utils/csrf.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sessionCookie } from "~/utils/session.server.ts";

const count = Number(process.argv[2] ?? 1000);
const out = process.argv[3] ?? "bench/.tmp-certificates/setup.json";
const NAMES: [string, string | null, string][] = [
  ["Amina Okafor", null, "en"],
  ["ليلى حداد", "Layla Haddad", "ar"],
  ["王小明", "Wang Xiaoming", "zh"],
  ["José Ñúñez Gonçalves", null, "es"],
  ["Анна Кузнецова", "Anna Kuznetsova", "fr"],
  ["Γιώργος Παπαδόπουλος", "Giorgos Papadopoulos", "en"],
  ["Nguyễn Thị Minh Khai", null, "pt"],
  ["محمد Smith-Ali", "Mohammed Smith-Ali", "ar"],
];
const passwordHash = await hashPassword("a bench password that nobody uses");
const run = crypto.randomBytes(4).toString("hex");
const emails: string[] = [];
const rows = Array.from({ length: count }, (_, i) => {
  const [fullName, fullNameLatin, preferredLanguage] = NAMES[i % NAMES.length]!;
  const email = `bench-${run}-${i}@example.test`;
  emails.push(email);
  return {
    id: crypto.randomUUID(),
    email,
    passwordHash,
    fullName,
    fullNameLatin,
    agency: "Bench",
    country: "FR",
    preferredLanguage,
  };
});
for (let i = 0; i < rows.length; i += 500) await prisma.user.createMany({ data: rows.slice(i, i + 500) });

const admin = await prisma.user.create({
  data: {
    email: `bench-admin-${run}@example.test`,
    passwordHash,
    fullName: "Bench Administrator",
    agency: "Bench",
    country: "FR",
    roles: { create: [{ role: "admin" }] },
  },
  select: { id: true },
});
const token = crypto.randomBytes(32).toString("base64url");
await prisma.session.create({
  data: {
    id: crypto.createHash("sha256").update(token).digest("hex"),
    userId: admin.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  },
});
const csrfCookie = crypto.randomBytes(24).toString("base64url");
const session = (await sessionCookie.serialize(token)).split(";")[0]!;
await loadKeyring(); // keys are made once, on first use: not part of the measured batch
fs.writeFileSync(
  out,
  JSON.stringify({ emails, cookie: `csrf=${csrfCookie}; ${session}`, csrf: csrfToken({ csrfCookie }) }, null, 2)
);
await prisma.$disconnect();
