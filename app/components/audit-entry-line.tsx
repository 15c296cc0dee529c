import { useTranslation } from "react-i18next";
import { DateText } from "./date-text.tsx";

/** One line of the audit log in a list: when, what, by whom. */
export function AuditEntryLine({
  entry,
}: {
  entry: { action: string; createdAt: Date | string; actor: { email: string } | null };
}) {
  const { t } = useTranslation();
  return (
    <>
      <DateText value={entry.createdAt} withTime /> ·{" "}
      {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })} ·{" "}
      <span dir="ltr">{entry.actor?.email ?? "—"}</span>
    </>
  );
}
