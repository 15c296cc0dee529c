import { prisma } from "~/utils/db.server.ts";
import { ROLES, type Role } from "~/utils/permissions.ts";

export async function adminOverview() {
  const [users, deactivated, byRole, recent] = await prisma.$transaction([
    prisma.user.count(),
    prisma.user.count({ where: { isActive: false } }),
    prisma.userRole.groupBy({ by: ["role"], _count: { role: true }, orderBy: { role: "asc" } }),
    prisma.auditLog.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 10,
      select: { id: true, action: true, createdAt: true, actor: { select: { email: true } } },
    }),
  ]);
  const roles = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  for (const row of byRole) {
    if (row.role in roles) roles[row.role as Role] = (row._count as { role: number }).role;
  }
  return { users, deactivated, roles, recent };
}
