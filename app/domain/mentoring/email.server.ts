import { getFixedT } from "~/i18n/i18n.server.ts";
import { intlLocale, isLanguage, type Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { env } from "~/utils/env.server.ts";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]!));

/**
 * A short email in the recipient's language: `<ns>:email.<kind>.subject` and `.body`, interpolated with
 * `params` (plus `title` resolved per language by `title`), and a link into the app. Sent after the change
 * it reports has committed; the in-app notification was written inside it.
 */
export async function sendMentoringEmail(
  userId: string,
  key: string,
  params: Record<string, string>,
  path: string,
  title?: (language: Language) => string
) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, fullName: true, preferredLanguage: true },
  });
  if (!user) return;
  const language: Language = isLanguage(user.preferredLanguage) ? user.preferredLanguage : "en";
  const t = await getFixedT(language);
  const values = { ...params, title: title ? title(language) : params.title ?? "" };
  const href = `${env().appUrl}${path}`;
  const lines = [t("mentoring:email.greeting", { name: user.fullName }), t(`${key}.body`, values)];
  const label = t("mentoring:email.open");
  await sendEmail({
    to: user.email,
    subject: t(`${key}.subject`, values),
    language: intlLocale(language),
    text: [...lines, `${label}: ${href}`].join("\n\n"),
    html: `<!doctype html><html lang="${language}" dir="${language === "ar" ? "rtl" : "ltr"}"><body>${lines
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join("")}<p><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></p></body></html>`,
  });
}
