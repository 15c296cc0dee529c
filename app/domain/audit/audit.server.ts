import type { Prisma } from "~/utils/db.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { AuditAction } from "./actions.ts";

export { AUDIT_ACTIONS, type AuditAction } from "./actions.ts";

export interface AuditEntry {
  actorId?: string | null;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ipAddress?: string | null;
  userAgent?: string | null;
}

type Db = Pick<Prisma.TransactionClient, "auditLog">;

/** Record one entry; pass the transaction client so the entry commits or rolls back with the change. */
export async function audit(entry: AuditEntry, db: Db = prisma): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
      ipAddress: entry.ipAddress ?? null,
      userAgent: entry.userAgent ?? null,
    },
    select: { id: true },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  action?: string;
  actor?: string; // email fragment
  target?: string;
  page: number;
}

export async function listAuditEntries(query: AuditQuery) {
  const where: Prisma.AuditLogWhereInput = {
    ...(query.action ? { action: query.action } : {}),
    ...(query.actor ? { actor: { email: { contains: query.actor.toLowerCase() } } } : {}),
    ...(query.target ? { targetId: query.target } : {}),
  };
  const [total, entries] = await prisma.$transaction([
    prisma.auditLog.count({ where }),
    prisma.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        action: true,
        targetType: true,
        targetId: true,
        details: true,
        ipAddress: true,
        createdAt: true,
        actor: { select: { id: true, email: true, fullName: true } },
      },
    }),
  ]);
  return { total, entries, pageSize: AUDIT_PAGE_SIZE };
}
