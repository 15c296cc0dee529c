import { describe, expect, it } from "vitest";
import { markAllRead, notificationsOf, notify } from "~/domain/notifications/notifications.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { ensureUser } from "../factories/users.ts";

describe("notifications", () => {
  it("lists a person's own, newest first, with how many are unread, until they are marked read", async () => {
    const user = await ensureUser(prisma);
    const other = await ensureUser(prisma);
    expect(await notificationsOf(user.id)).toEqual({ items: [], unread: 0 });
    const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, minutes));
    for (const [minutes, number] of [
      [5, "B"],
      [1, "A"],
      [9, "C"],
    ] as const) {
      await prisma.notification.create({
        data: { userId: user.id, kind: "certificate.issued", data: JSON.stringify({ number }), createdAt: at(minutes) },
        select: { id: true },
      });
    }
    await notify(other.id, "certificate.revoked", { number: "X" });

    const mine = await notificationsOf(user.id);
    expect(mine.unread).toBe(3);
    expect(mine.items.map((n) => [n.data.number, n.createdAt, n.read, n.kind])).toEqual([
      ["C", at(9).toISOString(), false, "certificate.issued"],
      ["B", at(5).toISOString(), false, "certificate.issued"],
      ["A", at(1).toISOString(), false, "certificate.issued"],
    ]);
    expect((await notificationsOf(user.id, 2)).items).toHaveLength(2);

    await markAllRead(user.id);
    await markAllRead(user.id); // twice: the same
    const read = await notificationsOf(user.id);
    expect(read.unread).toBe(0);
    expect(read.items.every((n) => n.read)).toBe(true);
    expect((await notificationsOf(other.id)).unread).toBe(1);
  });
});
