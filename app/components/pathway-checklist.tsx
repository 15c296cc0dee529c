import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateText } from "~/components/date-text.tsx";

export interface ChecklistView {
  id: string;
  title: string;
  state: "not-started" | "in-progress" | "ready" | "signed-off" | "withdrawn";
  steps: {
    id: string;
    kind: "certificate" | "course" | "co-facilitation" | "sign-off";
    done: boolean;
    name: string | null;
    link: string | null;
    progress: { done: number; needed: number } | null;
  }[];
  signedOffAt: string | null;
  signedOffBy: string | null;
}

/** A pathway's steps with what is done and what is missing, in order; the same list for candidate and mentor. */
export function PathwayChecklist({ pathway, headingLevel = 2 }: { pathway: ChecklistView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("pathway");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`pathway-${pathway.id}`}>
      <Heading id={`pathway-${pathway.id}`}>
        {pathway.title} <span className="badge">{t(`state.${pathway.state}`)}</span>
      </Heading>
      <ol className="checklist">
        {pathway.steps.map((s) => (
          <li key={s.id}>
            <span className={s.done ? "step-mark step-mark--done" : "step-mark"} aria-hidden="true">
              {s.done ? "✓" : "○"}
            </span>
            <span>
              <strong>{t(`steps.${s.kind}.title`, { name: s.name ?? "" })}</strong>{" "}
              <span className="visually-hidden">({s.done ? t("done") : t("missing")})</span>
              <br />
              <span className="muted">
                {s.kind === "co-facilitation" && s.progress
                  ? t("steps.co-facilitation.progress", { done: s.progress.done, count: s.progress.needed })
                  : t(`steps.${s.kind}.${s.done ? "done" : "todo"}`)}
                {s.kind === "sign-off" && s.done && pathway.signedOffAt ? (
                  <>
                    {" "}
                    (<DateText value={pathway.signedOffAt} />
                    {pathway.signedOffBy ? `, ${pathway.signedOffBy}` : ""})
                  </>
                ) : null}
              </span>{" "}
              {s.link && !s.done ? <Link to={s.link}>{t(`steps.${s.kind}.link`)}</Link> : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
