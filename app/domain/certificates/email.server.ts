import { getFixedT } from "~/i18n/i18n.server.ts";
import { intlLocale, isLanguage, type Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { env } from "~/utils/env.server.ts";
import { findRule } from "./rules.server.ts";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]!));

export type CertificateEmail = "issued" | "reissued" | "revoked" | "declined";

/**
 * Tell the holder, in their language, by email (SMTP, or the outbox in DATA_DIR without it). The
 * in-app notification is written with the change itself; this runs after the commit.
 */
export async function sendCertificateEmail(
  userId: string,
  kind: CertificateEmail,
  number: string | null,
  reason?: string,
  ruleId?: string
) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, fullName: true, preferredLanguage: true },
  });
  if (!user) return;
  const certificate = number
    ? await prisma.certificate.findUnique({ where: { number }, select: { ruleId: true } })
    : null;
  const language: Language = isLanguage(user.preferredLanguage) ? user.preferredLanguage : "en";
  const t = await getFixedT(language);
  const rule = findRule(certificate?.ruleId ?? ruleId ?? "");
  const title = rule ? (rule.title as Record<string, string>)[language] ?? rule.title.en : "";
  const appUrl = env().appUrl;
  const lines = [
    t("certificates:email.greeting", { name: user.fullName }),
    t(`certificates:email.${kind}.body`, { title, number: number ?? "" }),
    ...(reason ? [t("certificates:email.reason", { reason })] : []),
  ];
  const link =
    kind === "issued" || kind === "reissued"
      ? { href: `${appUrl}/dashboard#certificates`, label: t("certificates:email.open_dashboard") }
      : number
      ? { href: `${appUrl}/verify/${number}`, label: t("certificates:email.open_verify") }
      : { href: `${appUrl}/dashboard`, label: t("certificates:email.open_dashboard") };
  await sendEmail({
    to: user.email,
    subject: t(`certificates:email.${kind}.subject`, { title }),
    language: intlLocale(language),
    text: [...lines, `${link.label}: ${link.href}`].join("\n\n"),
    html: `<!doctype html><html lang="${language}" dir="${language === "ar" ? "rtl" : "ltr"}"><body>${lines
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join("")}<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p></body></html>`,
  });
}
