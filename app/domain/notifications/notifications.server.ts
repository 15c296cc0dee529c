import type { Prisma } from "~/utils/db.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { readAll, readOne, sqlDate } from "~/utils/sql.server.ts";

/**
 * In-app notifications. A notification stores its kind and facts (JSON), not text: it is worded in
 * the reader's language when shown, so a learner who switches language reads their history in it.
 */
export type NotificationKind =
  | "certificate.issued"
  | "certificate.revoked"
  | "certificate.reissued"
  | "certificate.declined"
  | "certificate.expiring"
  | "cohort.announcement"
  | "mentoring.paired"
  | "mentoring.submitted"
  | "mentoring.revision"
  | "mentoring.approved"
  | "mentoring.due"
  | "pathway.signed-off"
  | "pathway.cofacilitation";

export type NotificationData = Record<string, string | number | boolean | null>;

type Db = Pick<Prisma.TransactionClient, "notification">;

/** Record one notification; pass the transaction client so it commits with the change it reports. */
export async function notify(userId: string, kind: NotificationKind, data: NotificationData, db: Db = prisma) {
  await db.notification.create({ data: { userId, kind, data: JSON.stringify(data) }, select: { id: true } });
}

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  data: NotificationData;
  read: boolean;
  createdAt: string;
}

/** The newest notifications of a person, with how many are unread. */
export async function notificationsOf(userId: string, take = 20) {
  // Every signed-in home page reads these: two prepared statements (utils/sql.server.ts, decision 017)
  // rather than Prisma queries, and no transaction (the Prisma adapter serialises those on its connection).
  const rows = readAll<{ id: string; kind: string; data: string; readAt: string | null; createdAt: string }>(
    `SELECT id, kind, data, readAt, createdAt FROM Notification
      WHERE userId = ? ORDER BY createdAt DESC, id DESC LIMIT ?`,
    userId,
    take
  );
  const unread = readOne<{ n: number }>(
    "SELECT count(*) AS n FROM Notification WHERE userId = ? AND readAt IS NULL",
    userId
  )!.n;
  const items: NotificationItem[] = rows.map((row) => ({
    id: row.id,
    kind: row.kind as NotificationKind,
    data: JSON.parse(row.data) as NotificationData,
    read: row.readAt !== null,
    createdAt: sqlDate(row.createdAt)!.toISOString(),
  }));
  return { items, unread };
}

/** Mark every notification of a person read (idempotent). */
export async function markAllRead(userId: string, now = new Date()) {
  await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
}
