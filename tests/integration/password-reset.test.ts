import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { authenticate } from "~/domain/accounts/accounts.server.ts";
import { isResetTokenValid, requestPasswordReset, resetPassword } from "~/domain/accounts/password-reset.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { outboxDir } from "~/utils/email.server.ts";
import { startSession } from "~/utils/session.server.ts";
import { ensureUser, uniqueEmail } from "../factories/users.ts";

const meta = () => ({ ipAddress: `192.0.2.${Math.random().toString(36).slice(2, 8)}`, userAgent: "vitest" });

function mailsTo(email: string): { subject: string; text: string }[] {
  if (!fs.existsSync(outboxDir())) return [];
  return fs
    .readdirSync(outboxDir())
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(`${outboxDir()}/${f}`, "utf8")))
    .filter((m) => m.to === email);
}

function tokenFrom(text: string): string {
  const token = /reset-password\?token=([\w-]+)/.exec(text)?.[1];
  if (!token) throw new Error("no link in the email");
  return token;
}

describe("password reset", () => {
  it("answers the same for an unknown address and sends nothing", async () => {
    const email = uniqueEmail();
    expect(await requestPasswordReset(email, "en", meta())).toEqual({ ok: true });
    expect(mailsTo(email)).toEqual([]);
  });

  it("emails a link in the person's own language that resets the password once", async () => {
    const user = await ensureUser(prisma, { preferredLanguage: "fr" });
    await startSession(new Request("http://localhost/"), user.id, { ipAddress: "x", userAgent: null });
    expect(await requestPasswordReset(user.email, "en", meta())).toEqual({ ok: true });
    const [mail] = mailsTo(user.email);
    expect(mail!.subject).toBe(
      JSON.parse(fs.readFileSync("app/i18n/locales/fr/common.json", "utf8")).email.reset.subject
    );
    const token = tokenFrom(mail!.text);
    expect(await prisma.passwordResetToken.count({ where: { tokenHash: token } })).toBe(0); // only its hash is stored
    expect(await isResetTokenValid(token)).toBe(true);

    expect(await resetPassword(token, "the new passphrase", meta())).toMatchObject({ ok: true, userId: user.id });
    expect(await resetPassword(token, "another passphrase", meta())).toEqual({
      ok: false,
      reason: "invalid_or_expired",
    });
    expect(await isResetTokenValid(token)).toBe(false);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await authenticate(user.email, "the new passphrase", meta())).ok).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "auth.password_reset_completed", targetId: user.id } })).toBe(
      1
    );
  });

  it("lets only one of two simultaneous submissions of the same link through", async () => {
    const user = await ensureUser(prisma);
    await requestPasswordReset(user.email, "en", meta());
    const token = tokenFrom(mailsTo(user.email).at(-1)!.text);
    const results = await Promise.all([
      resetPassword(token, "first passphrase!", meta()),
      resetPassword(token, "second passphrase", meta()),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("refuses expired links, and using one link kills the others", async () => {
    const user = await ensureUser(prisma);
    await requestPasswordReset(user.email, "en", meta());
    await requestPasswordReset(user.email, "en", meta());
    const [older, newer] = mailsTo(user.email).map((m) => tokenFrom(m.text));
    await prisma.passwordResetToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await resetPassword(older!, "some passphrase", meta())).toEqual({ ok: false, reason: "invalid_or_expired" });
    await prisma.passwordResetToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await resetPassword(newer!, "some passphrase", meta())).ok).toBe(true);
    expect(await resetPassword(older!, "other passphrase", meta())).toEqual({
      ok: false,
      reason: "invalid_or_expired",
    });
  });

  it("sends at most three emails an hour to one address", async () => {
    const user = await ensureUser(prisma);
    for (let i = 0; i < 3; i++) expect((await requestPasswordReset(user.email, "en", meta())).ok).toBe(true);
    expect(await requestPasswordReset(user.email, "en", meta())).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(mailsTo(user.email)).toHaveLength(3);
  });

  it("sends nothing to a deactivated account", async () => {
    const user = await ensureUser(prisma, { isActive: false });
    expect(await requestPasswordReset(user.email, "en", meta())).toEqual({ ok: true });
    expect(mailsTo(user.email)).toEqual([]);
  });
});
