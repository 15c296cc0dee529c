import crypto from "node:crypto";
import { hashPassword, verifyPassword } from "~/domain/accounts/password.server.ts";
import type { Role } from "~/utils/permissions.ts";
import type { PrismaClient } from "~/generated/prisma/client.ts";

/** Shared by the demo seed and the tests, so both build people the same way. */
export interface UserSpec {
  email?: string;
  password?: string;
  fullName?: string;
  fullNameLatin?: string | null;
  agency?: string;
  country?: string;
  preferredLanguage?: string;
  roles?: Role[];
  isActive?: boolean;
}

export function uniqueEmail(prefix = "officer") {
  return `${prefix}-${crypto.randomBytes(5).toString("hex")}@example.test`;
}

/**
 * Create a person, or bring an existing one (same email) back to the spec: roles added,
 * password reset to the spec's when it no longer matches. Safe to run again and again.
 */
export async function ensureUser(prisma: PrismaClient, spec: UserSpec = {}) {
  const email = (spec.email ?? uniqueEmail()).toLowerCase();
  const password = spec.password ?? "a long test password";
  const roles = spec.roles ?? ["learner"];
  const profile = {
    fullName: spec.fullName ?? "Test Officer",
    fullNameLatin: spec.fullNameLatin ?? null,
    agency: spec.agency ?? "National Police",
    country: spec.country ?? "FR",
    preferredLanguage: spec.preferredLanguage ?? "en",
    isActive: spec.isActive ?? true,
  };
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  if (existing) {
    const passwordHash = (await verifyPassword(password, existing.passwordHash))
      ? existing.passwordHash
      : await hashPassword(password);
    await prisma.user.update({ where: { id: existing.id }, data: { ...profile, passwordHash }, select: { id: true } });
    for (const role of roles) {
      await prisma.userRole.upsert({
        where: { userId_role: { userId: existing.id, role } },
        create: { userId: existing.id, role },
        update: {},
        select: { role: true },
      });
    }
    return { id: existing.id, email, password, created: false };
  }
  const user = await prisma.user.create({
    data: {
      email,
      passwordHash: await hashPassword(password),
      ...profile,
      roles: { create: roles.map((role) => ({ role })) },
    },
    select: { id: true },
  });
  return { id: user.id, email, password, created: true };
}
