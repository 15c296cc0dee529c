import { useTranslation } from "react-i18next";
import { Form } from "@remix-run/react";
import { DateText } from "~/components/date-text.tsx";
import { useFormat } from "~/utils/format.ts";

export interface AttachmentView {
  id: string;
  fileName: string;
  storedName: string;
  mediaType: string;
  bytes: number;
}

export interface VersionView {
  id: string;
  number: number;
  submittedAt: string;
  html: string;
  attachments: AttachmentView[];
  review: {
    decision: "approved" | "revision";
    points: number;
    feedbackHtml: string;
    comments: { id: string; quote: string; text: string }[];
    mentor: string;
    createdAt: string;
    scores: { criterion: string; level: string; points: number; max: number }[];
  } | null;
}

/** A file kept with a draft or a version: a download link with its name and size. */
export function AttachmentList({ files }: { files: AttachmentView[] }) {
  const { t } = useTranslation("mentoring");
  const format = useFormat();
  if (files.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t("files.list")}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/submissions/files/${f.storedName}`} download={f.fileName}>
            {f.fileName}
          </a>{" "}
          <span className="muted">
            ({t("files.size", { size: format.number(Math.max(1, Math.round(f.bytes / 1024))) })})
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * One submitted version as sent, with the mentor's review of it: rubric scores, feedback and the inline
 * comments (numbered marks in the text, the notes beneath). Its HTML was sanitised on the server.
 */
export function SubmissionVersion({ version, maxPoints }: { version: VersionView; maxPoints: number }) {
  const { t } = useTranslation("mentoring");
  const headingId = `version-${version.number}`;
  const review = version.review;
  return (
    <article className="version" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t("version.title", { number: version.number })}{" "}
        <span className="muted">
          · {t("version.sent")} <DateText value={version.submittedAt} withTime />
        </span>
      </h3>
      <div className="rich-text" dangerouslySetInnerHTML={{ __html: version.html }} />
      <AttachmentList files={version.attachments} />
      {review ? (
        <section className="review" aria-label={t("review.of_version", { number: version.number })}>
          <h4>
            {t("review.by", { mentor: review.mentor })}{" "}
            <span className={review.decision === "approved" ? "badge badge--success" : "badge badge--warning"}>
              {t(`review.decision.${review.decision}`)}
            </span>
          </h4>
          <p>{t("review.points", { points: review.points, max: maxPoints })}</p>
          {review.scores.length > 0 ? (
            <table className="table">
              <caption className="visually-hidden">{t("review.scores")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("rubric.criterion")}</th>
                  <th scope="col">{t("rubric.level")}</th>
                  <th scope="col">{t("rubric.points")}</th>
                </tr>
              </thead>
              <tbody>
                {review.scores.map((s) => (
                  <tr key={s.criterion}>
                    <th scope="row">{s.criterion}</th>
                    <td>{s.level}</td>
                    <td>{t("rubric.points_of", { points: s.points, max: s.max })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <h5>{t("review.feedback")}</h5>
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: review.feedbackHtml }} />
          {review.comments.length > 0 ? (
            <>
              <h5>{t("review.comments")}</h5>
              <ol className="comment-notes">
                {review.comments.map((c) => (
                  <li key={c.id} id={`note-${c.id}`}>
                    {c.quote ? <q>{c.quote}</q> : null} {c.text}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : (
        <p className="muted">{t("review.waiting")}</p>
      )}
    </article>
  );
}

/** Every version sent, newest first, or two of them side by side (`?a=&b=`, a plain GET form). */
export function VersionHistory({
  versions,
  compare,
  maxPoints,
}: {
  versions: VersionView[];
  compare: number[] | null;
  maxPoints: number;
}) {
  const { t } = useTranslation("mentoring");
  const shown = compare ? versions.filter((v) => compare.includes(v.number)).reverse() : versions;
  const select = (id: string, name: string, label: string, value: number) => (
    <>
      <label htmlFor={id}>{label}</label>{" "}
      <select id={id} name={name} defaultValue={value}>
        {versions.map((v) => (
          <option key={v.number} value={v.number}>
            {t("version.title", { number: v.number })}
          </option>
        ))}
      </select>{" "}
    </>
  );
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">{t("version.all", { count: versions.length })}</h2>
      {versions.length > 1 ? (
        <Form method="get" className="inline-form">
          {select("compare-a", "a", t("version.compare_a"), compare?.[0] ?? versions.at(-1)!.number)}
          {select("compare-b", "b", t("version.compare_b"), compare?.[1] ?? versions[0]!.number)}
          <button type="submit" className="button button--secondary">
            {t("version.compare")}
          </button>
        </Form>
      ) : null}
      <div className={compare ? "compare" : undefined} aria-label={compare ? t("version.side_by_side") : undefined}>
        {shown.map((v) => (
          <SubmissionVersion key={v.id} version={v} maxPoints={maxPoints} />
        ))}
      </div>
    </section>
  );
}
