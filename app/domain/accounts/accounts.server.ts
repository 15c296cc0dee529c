import { audit } from "~/domain/audit/audit.server.ts";
import { prisma, type Prisma } from "~/utils/db.server.ts";
import { accountKey, addressKey, clearLimit, consumeLimits, hitLimits, peekLimits } from "~/utils/rate-limit.server.ts";
import { LIMITS } from "~/utils/rate-limit.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server.ts";
import type { ProfileInput, RegisterInput } from "./schemas.ts";

export interface RequestMeta {
  ipAddress: string;
  userAgent: string | null;
}

export type RegisterResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "email_taken" }
  | { ok: false; reason: "rate_limited"; retryAfter: number };

/** A new account starts as a learner (officer). Other roles are granted by an administrator. */
export async function registerUser(input: RegisterInput, meta: RequestMeta): Promise<RegisterResult> {
  const limit = await consumeLimits([[addressKey("register", meta.ipAddress), LIMITS.registerPerAddress]]);
  if (limit.limited) return { ok: false, reason: "rate_limited", retryAfter: limit.retryAfter };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          email: input.email,
          passwordHash,
          fullName: input.fullName,
          fullNameLatin: input.fullNameLatin,
          agency: input.agency,
          country: input.country,
          preferredLanguage: input.preferredLanguage,
          roles: { create: { role: "learner" } },
        },
        select: { id: true },
      });
      await audit(
        { actorId: created.id, action: "auth.register", targetType: "user", targetId: created.id, ...meta },
        tx
      );
      return created;
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "email_taken" };
    throw error;
  }
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfter: number };

/**
 * Check an email and password. The answer for an unknown email, a wrong password and a
 * deactivated account is the same, and takes the same time (a dummy hash is verified).
 * Failures count against the account and the address; a success clears the account's count.
 */
export async function authenticate(email: string, password: string, meta: RequestMeta): Promise<LoginResult> {
  const checks: [string, (typeof LIMITS)["loginPerAccount"]][] = [
    [accountKey("login", email), LIMITS.loginPerAccount],
    [addressKey("login", meta.ipAddress), LIMITS.loginPerAddress],
  ];
  const limit = await peekLimits(checks);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, isActive: true },
  });
  if (limit.limited) {
    await audit({ actorId: user?.id, action: "auth.login_rate_limited", details: { email }, ...meta });
    return { ok: false, reason: "rate_limited", retryAfter: limit.retryAfter };
  }
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid || !user.isActive) {
    await hitLimits(checks);
    await audit({
      actorId: user?.id,
      action: "auth.login_failed",
      targetType: user ? "user" : undefined,
      targetId: user?.id,
      details: { email, reason: !user ? "unknown_email" : !valid ? "wrong_password" : "deactivated" },
      ...meta,
    });
    return { ok: false, reason: "invalid_credentials" };
  }
  await clearLimit(accountKey("login", email));
  await audit({ actorId: user.id, action: "auth.login", targetType: "user", targetId: user.id, ...meta });
  return { ok: true, userId: user.id };
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: "wrong_password" };

/** Change a password knowing the current one; every other session of the user ends. */
export async function changePassword(
  userId: string,
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
  meta: RequestMeta
): Promise<ChangePasswordResult> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(currentPassword, user.passwordHash))) return { ok: false, reason: "wrong_password" };
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, passwordChangedAt: new Date() },
      select: { id: true },
    });
    await tx.session.deleteMany({ where: { userId, id: { not: currentSessionId } } });
    await audit(
      { actorId: userId, action: "auth.password_changed", targetType: "user", targetId: userId, ...meta },
      tx
    );
  });
  return { ok: true };
}

/** What a person's own profile page, and an administrator's view of them, may show. Never the hash. */
export const profileSelect = {
  id: true,
  email: true,
  fullName: true,
  fullNameLatin: true,
  agency: true,
  country: true,
  preferredLanguage: true,
  createdAt: true,
  lastLoginAt: true,
} satisfies Prisma.UserSelect;

export async function getProfile(userId: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { ...profileSelect, roles: { select: { role: true }, orderBy: { role: "asc" } } },
  });
}

export async function updateProfile(userId: string, input: ProfileInput, meta: RequestMeta): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { fullName: true, fullNameLatin: true, agency: true, country: true, preferredLanguage: true },
    });
    await tx.user.update({ where: { id: userId }, data: input, select: { id: true } });
    const changed = Object.keys(input).filter(
      (key) => before[key as keyof typeof before] !== input[key as keyof ProfileInput]
    );
    if (changed.length) {
      await audit(
        {
          actorId: userId,
          action: "profile.updated",
          targetType: "user",
          targetId: userId,
          details: { changed },
          ...meta,
        },
        tx
      );
    }
  });
}

export async function setPreferredLanguage(userId: string, language: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { preferredLanguage: language }, select: { id: true } });
}

export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002"
  );
}
