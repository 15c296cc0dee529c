import { describe, expect, it } from "vitest";
import { grantRole, revokeRole, searchUsers, setUserActive } from "~/domain/admin/users.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { startSession } from "~/utils/session.server.ts";
import { ensureUser } from "../factories/users.ts";

const meta = { ipAddress: "127.0.0.1", userAgent: "vitest" };

describe("administering people", () => {
  it("grants a role once, however often the button is pressed, and audits it once", async () => {
    const admin = await ensureUser(prisma, { roles: ["admin"] });
    const officer = await ensureUser(prisma);
    const results = await Promise.all([
      grantRole(admin.id, officer.id, "trainer", meta),
      grantRole(admin.id, officer.id, "trainer", meta),
    ]);
    expect(results.map((r) => r.ok && r.changed).sort()).toEqual([false, true]);
    expect(await prisma.userRole.count({ where: { userId: officer.id, role: "trainer" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "role.granted", targetId: officer.id } })).toBe(1);

    expect(await revokeRole(admin.id, officer.id, "trainer", meta)).toEqual({ ok: true, changed: true });
    expect(await revokeRole(admin.id, officer.id, "trainer", meta)).toEqual({ ok: true, changed: false });
    expect(await grantRole(admin.id, "no-such-user", "trainer", meta)).toEqual({ ok: false, reason: "not_found" });
  });

  it("never lets an administrator lock themselves out, nor remove the last administrator", async () => {
    const admin = await ensureUser(prisma, { roles: ["admin"] });
    expect(await revokeRole(admin.id, admin.id, "admin", meta)).toEqual({ ok: false, reason: "self_lockout" });
    expect(await setUserActive(admin.id, admin.id, false, meta)).toEqual({ ok: false, reason: "self_lockout" });

    await prisma.userRole.deleteMany({ where: { role: "admin", userId: { not: admin.id } } });
    const other = await ensureUser(prisma, { roles: ["admin"] });
    expect(await revokeRole(other.id, admin.id, "admin", meta)).toEqual({ ok: true, changed: true });
    expect(await revokeRole(admin.id, other.id, "admin", meta)).toEqual({ ok: false, reason: "last_admin" });
  });

  it("ends every session of a deactivated account and keeps its history", async () => {
    const admin = await ensureUser(prisma, { roles: ["admin"] });
    const officer = await ensureUser(prisma);
    await startSession(new Request("http://localhost/"), officer.id, meta);
    expect(await setUserActive(admin.id, officer.id, false, meta)).toEqual({ ok: true, changed: true });
    expect(await prisma.session.count({ where: { userId: officer.id } })).toBe(0);
    expect(await prisma.user.findUnique({ where: { id: officer.id }, select: { isActive: true } })).toEqual({
      isActive: false,
    });
    expect(await setUserActive(admin.id, officer.id, true, meta)).toEqual({ ok: true, changed: true });
  });

  it("finds people by name, email or agency, and filters by role and status", async () => {
    const marker = `Unit-${Math.random().toString(36).slice(2, 8)}`;
    const mentor = await ensureUser(prisma, { agency: `${marker} Customs`, roles: ["mentor"] });
    await ensureUser(prisma, { agency: `${marker} Police`, isActive: false });
    expect((await searchUsers({ q: marker, page: 1 })).total).toBe(2);
    const mentors = await searchUsers({ q: marker, role: "mentor", page: 1 });
    expect(mentors.users.map((u) => u.id)).toEqual([mentor.id]);
    expect((await searchUsers({ q: marker, status: "deactivated", page: 1 })).total).toBe(1);
    // No password hash ever leaves the query.
    expect(Object.keys(mentors.users[0]!)).not.toContain("passwordHash");
  });
});
