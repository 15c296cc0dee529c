import { audit } from "~/domain/audit/audit.server.ts";
import { isUniqueViolation, profileSelect, type RequestMeta } from "~/domain/accounts/accounts.server.ts";
import { prisma, type Prisma } from "~/utils/db.server.ts";
import type { Role } from "~/utils/permissions.ts";

export const USERS_PAGE_SIZE = 25;

export interface UserSearch {
  q?: string;
  role?: Role;
  status?: "active" | "deactivated";
  page: number;
}

export async function searchUsers(search: UserSearch) {
  const q = search.q?.trim();
  const where: Prisma.UserWhereInput = {
    ...(q
      ? {
          OR: [
            { email: { contains: q.toLowerCase() } },
            { fullName: { contains: q } },
            { fullNameLatin: { contains: q } },
            { agency: { contains: q } },
          ],
        }
      : {}),
    ...(search.role ? { roles: { some: { role: search.role } } } : {}),
    ...(search.status ? { isActive: search.status === "active" } : {}),
  };
  const [total, users] = await prisma.$transaction([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (search.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        fullName: true,
        agency: true,
        country: true,
        isActive: true,
        createdAt: true,
        roles: { select: { role: true }, orderBy: { role: "asc" } },
      },
    }),
  ]);
  return { total, users, pageSize: USERS_PAGE_SIZE };
}

export async function getUserForAdmin(userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      ...profileSelect,
      isActive: true,
      deactivatedAt: true,
      roles: { select: { role: true, grantedAt: true }, orderBy: { role: "asc" } },
    },
  });
  if (!user) return null;
  const history = await prisma.auditLog.findMany({
    where: { OR: [{ targetType: "user", targetId: userId }, { actorId: userId }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
    select: { id: true, action: true, createdAt: true, ipAddress: true, actor: { select: { email: true } } },
  });
  return { ...user, history };
}

export type AdminChangeResult =
  | { ok: true; changed: boolean }
  | { ok: false; reason: "not_found" | "self_lockout" | "last_admin" };

/** Grant a role. Granting a role already held changes nothing (safe to double-submit). */
export async function grantRole(
  actorId: string,
  userId: string,
  role: Role,
  meta: RequestMeta
): Promise<AdminChangeResult> {
  try {
    return await grantRoleOnce(actorId, userId, role, meta);
  } catch (error) {
    // Two administrators (or two tabs) granting the same role at once: the second finds it held.
    if (isUniqueViolation(error)) return { ok: true, changed: false };
    throw error;
  }
}

async function grantRoleOnce(
  actorId: string,
  userId: string,
  role: Role,
  meta: RequestMeta
): Promise<AdminChangeResult> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) return { ok: false, reason: "not_found" } as const;
    const existing = await tx.userRole.findUnique({ where: { userId_role: { userId, role } }, select: { role: true } });
    if (existing) return { ok: true, changed: false } as const;
    await tx.userRole.create({ data: { userId, role, grantedBy: actorId }, select: { role: true } });
    await audit(
      { actorId, action: "role.granted", targetType: "user", targetId: userId, details: { role }, ...meta },
      tx
    );
    return { ok: true, changed: true } as const;
  });
}

/** Remove a role. An admin cannot remove their own admin role, nor the last admin's. */
export async function revokeRole(
  actorId: string,
  userId: string,
  role: Role,
  meta: RequestMeta
): Promise<AdminChangeResult> {
  if (role === "admin" && actorId === userId) return { ok: false, reason: "self_lockout" };
  return prisma.$transaction(async (tx) => {
    const existing = await tx.userRole.findUnique({ where: { userId_role: { userId, role } }, select: { role: true } });
    if (!existing) {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
      return user ? ({ ok: true, changed: false } as const) : ({ ok: false, reason: "not_found" } as const);
    }
    if (role === "admin") {
      const admins = await tx.userRole.count({ where: { role: "admin", user: { isActive: true } } });
      if (admins <= 1) return { ok: false, reason: "last_admin" } as const;
    }
    await tx.userRole.delete({ where: { userId_role: { userId, role } }, select: { role: true } });
    await audit(
      { actorId, action: "role.revoked", targetType: "user", targetId: userId, details: { role }, ...meta },
      tx
    );
    return { ok: true, changed: true } as const;
  });
}

/**
 * Deactivate (ends every session at once; the account can no longer log in or reset its
 * password) or reactivate an account. Nothing is deleted: history and future certificates stay.
 */
export async function setUserActive(
  actorId: string,
  userId: string,
  active: boolean,
  meta: RequestMeta
): Promise<AdminChangeResult> {
  if (!active && actorId === userId) return { ok: false, reason: "self_lockout" };
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { isActive: true } });
    if (!user) return { ok: false, reason: "not_found" } as const;
    if (user.isActive === active) return { ok: true, changed: false } as const;
    await tx.user.update({
      where: { id: userId },
      data: { isActive: active, deactivatedAt: active ? null : new Date() },
      select: { id: true },
    });
    if (!active) await tx.session.deleteMany({ where: { userId } });
    await audit(
      {
        actorId,
        action: active ? "user.reactivated" : "user.deactivated",
        targetType: "user",
        targetId: userId,
        ...meta,
      },
      tx
    );
    return { ok: true, changed: true } as const;
  });
}
