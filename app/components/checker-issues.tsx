import { useTranslation } from "react-i18next";

/** Why an edit was not saved: the course checker's messages (English, as in `courses:check`). */
export function CheckerIssues({ issues }: { issues: string[] }) {
  const { t } = useTranslation("author");
  if (!issues.length) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>{t("not_saved", { count: issues.length })}</p>
      <ul className="issue-list">
        {issues.map((issue, i) => (
          <li key={i} dir="ltr" lang="en">
            <code>{issue}</code>
          </li>
        ))}
      </ul>
      <p className="muted">{t("problems_note")}</p>
    </div>
  );
}
