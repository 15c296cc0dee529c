import { audit } from "~/domain/audit/audit.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { intlLocale, isLanguage, type Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { env } from "~/utils/env.server.ts";
import { accountKey, addressKey, consumeLimits } from "~/utils/rate-limit.server.ts";
import { LIMITS } from "~/utils/rate-limit.ts";
import { randomToken, sha256 } from "~/utils/secrets.server.ts";
import type { RequestMeta } from "./accounts.server.ts";
import { hashPassword } from "./password.server.ts";

export const RESET_TOKEN_TTL_MS = 60 * 60_000;

export type ResetRequestResult = { ok: true } | { ok: false; reason: "rate_limited"; retryAfter: number };

/**
 * Email a one-time reset link if the address belongs to an active account. The answer is the
 * same whether or not it does; limits count every request, known address or not.
 */
export async function requestPasswordReset(
  email: string,
  locale: Language,
  meta: RequestMeta
): Promise<ResetRequestResult> {
  const limit = await consumeLimits([
    [accountKey("reset", email), LIMITS.resetPerAccount],
    [addressKey("reset", meta.ipAddress), LIMITS.resetPerAddress],
  ]);
  if (limit.limited) return { ok: false, reason: "rate_limited", retryAfter: limit.retryAfter };
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, fullName: true, isActive: true, preferredLanguage: true },
  });
  if (!user || !user.isActive) return { ok: true };
  const token = randomToken(32);
  await prisma.$transaction(async (tx) => {
    await tx.passwordResetToken.create({
      data: {
        tokenHash: sha256(token),
        userId: user.id,
        expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS),
        ipAddress: meta.ipAddress,
      },
      select: { id: true },
    });
    await audit(
      { actorId: user.id, action: "auth.password_reset_requested", targetType: "user", targetId: user.id, ...meta },
      tx
    );
  });
  const language = isLanguage(user.preferredLanguage) ? user.preferredLanguage : locale;
  const t = await getFixedT(language);
  const link = `${env().appUrl}/reset-password?${new URLSearchParams({ token })}`;
  const minutes = RESET_TOKEN_TTL_MS / 60_000;
  const lines = [
    t("email.reset.greeting", { name: user.fullName }),
    t("email.reset.intro"),
    link,
    t("email.reset.expiry", { count: minutes }),
    t("email.reset.ignore"),
  ];
  await sendEmail({
    to: user.email,
    subject: t("email.reset.subject"),
    language: intlLocale(language),
    text: lines.join("\n\n"),
    html: `<!doctype html><html lang="${language}"><body><p>${escapeHtml(lines[0]!)}</p><p>${escapeHtml(
      lines[1]!
    )}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t("email.reset.button"))}</a></p><p>${escapeHtml(
      lines[3]!
    )}</p><p>${escapeHtml(lines[4]!)}</p></body></html>`,
  });
  return { ok: true };
}

/** Is this token usable? For showing the form or an "expired link" message. */
export async function isResetTokenValid(token: string): Promise<boolean> {
  const row = await prisma.passwordResetToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { isActive: true } } },
  });
  return !!row && !row.usedAt && row.expiresAt > new Date() && row.user.isActive;
}

export type ResetResult = { ok: true; userId: string } | { ok: false; reason: "invalid_or_expired" };

/**
 * Set a new password with a reset token. The token is claimed with a conditional update, so
 * two submissions of the same link cannot both succeed; every session of the user ends and
 * every other outstanding link dies with it.
 */
export async function resetPassword(token: string, newPassword: string, meta: RequestMeta): Promise<ResetResult> {
  const passwordHash = await hashPassword(newPassword);
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const row = await tx.passwordResetToken.findUnique({
      where: { tokenHash: sha256(token) },
      select: { id: true, userId: true, user: { select: { isActive: true } } },
    });
    if (!row || !row.user.isActive) return { ok: false, reason: "invalid_or_expired" } as const;
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return { ok: false, reason: "invalid_or_expired" } as const;
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, passwordChangedAt: now },
      select: { id: true },
    });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await audit(
      {
        actorId: row.userId,
        action: "auth.password_reset_completed",
        targetType: "user",
        targetId: row.userId,
        ...meta,
      },
      tx
    );
    return { ok: true, userId: row.userId } as const;
  });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
