import { useTranslation } from "react-i18next";
import type { QuestionReview, QuestionView } from "~/domain/assessments/views.server.ts";
import { Html, stripTags } from "./lesson-blocks.tsx";

/**
 * The fields of one question in an attempt form. Values are display positions (the server maps
 * them back); nothing here knows which answer is right. Every control is a native input or select:
 * keyboard and screen readers work, ordering and matching need no dragging, and it all posts without JS.
 * Question texts are Markdown rendered and sanitised on the server (render.server.ts).
 */
export function QuestionFields({
  view,
  prefix = "",
  idPrefix,
}: {
  view: QuestionView;
  prefix?: string;
  idPrefix: string;
}) {
  const { t } = useTranslation("assess");
  const name = (n: string) => `${prefix}${n}`;
  const id = (n: string | number) => `${idPrefix}-${n}`;
  const saved = view.saved as { value?: string; values?: string[]; matches?: string[]; positions?: string[] };
  switch (view.type) {
    case "single":
    case "multiple":
      return (
        <fieldset className="question">
          <legend dangerouslySetInnerHTML={{ __html: view.text }} />
          {view.type === "multiple" ? <p className="muted">{t("question.multiple_hint")}</p> : null}
          <ul className="choices">
            {view.options!.map((html, i) => (
              <li key={i}>
                <input
                  type={view.type === "single" ? "radio" : "checkbox"}
                  id={id(i)}
                  name={name("answer")}
                  value={i}
                  defaultChecked={
                    view.type === "single" ? saved.value === String(i) : !!saved.values?.includes(String(i))
                  }
                />{" "}
                <label htmlFor={id(i)}>
                  <Html html={html} />
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      );
    case "true-false":
      return (
        <fieldset className="question">
          <legend dangerouslySetInnerHTML={{ __html: view.text }} />
          <ul className="choices">
            {(["true", "false"] as const).map((value) => (
              <li key={value}>
                <input
                  type="radio"
                  id={id(value)}
                  name={name("answer")}
                  value={value}
                  defaultChecked={saved.value === value}
                />{" "}
                <label htmlFor={id(value)}>{t(`question.${value}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      );
    case "matching":
      return (
        <fieldset className="question">
          <legend dangerouslySetInnerHTML={{ __html: view.text }} />
          <p className="muted">{t("question.matching_hint")}</p>
          <ul className="match-list">
            {view.lefts!.map((left, i) => (
              <li key={i}>
                <label htmlFor={id(`match-${i}`)}>
                  <Html html={left} />
                </label>
                <select id={id(`match-${i}`)} name={name(`match-${i}`)} defaultValue={saved.matches?.[i] ?? ""}>
                  <option value="">{t("question.choose")}</option>
                  {view.answers!.map((answer, j) => (
                    // Option text cannot hold markup: answers are plain text once rendered.
                    <option key={j} value={j}>
                      {stripTags(answer)}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        </fieldset>
      );
    case "ordering":
      return (
        <fieldset className="question">
          <legend dangerouslySetInnerHTML={{ __html: view.text }} />
          <p className="muted">{t("question.ordering_hint", { count: view.items!.length })}</p>
          <ul className="match-list">
            {view.items!.map((item, i) => (
              <li key={i}>
                <label htmlFor={id(`position-${i}`)}>
                  <Html html={item} />
                </label>
                <select id={id(`position-${i}`)} name={name(`position-${i}`)} defaultValue={saved.positions?.[i] ?? ""}>
                  <option value="">{t("question.position_none")}</option>
                  {view.items!.map((_, p) => (
                    <option key={p} value={p}>
                      {t("question.position", { position: p + 1 })}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        </fieldset>
      );
    case "short-text":
    case "numeric":
      return (
        <div className="question field">
          <label htmlFor={id("text")}>
            <Html html={view.text} />
          </label>
          <span className="input-with-unit">
            <input
              type="text"
              id={id("text")}
              name={name("answer")}
              defaultValue={saved.value ?? ""}
              maxLength={view.maxLength}
              inputMode={view.type === "numeric" ? "decimal" : undefined}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={view.type === "numeric" ? id("hint") : undefined}
            />
            {view.unit ? <span dangerouslySetInnerHTML={{ __html: view.unit }} /> : null}
          </span>
          {view.type === "numeric" ? (
            <p className="muted" id={id("hint")}>
              {t("question.numeric_hint")}
            </p>
          ) : null}
        </div>
      );
    case "scenario":
      return (
        <section className="question question--scenario" aria-labelledby={id("case")}>
          <h2 id={id("case")} className="visually-hidden">
            {t("question.case")}
          </h2>
          <div className="case-narrative prose" dangerouslySetInnerHTML={{ __html: view.text }} />
          <ol className="scenario-parts">
            {view.parts!.map((part, i) => (
              <li key={part.id}>
                <QuestionFields view={part} prefix={`${prefix}p${i}-`} idPrefix={`${idPrefix}-p${i}`} />
              </li>
            ))}
          </ol>
        </section>
      );
  }
}

/** A graded question: the learner's answer, the right one, feedback and explanation. */
export function QuestionReviewView({ review, number }: { review: QuestionReview; number: string }) {
  const { t } = useTranslation("assess");
  const verdict = review.score >= 1 ? "right" : review.score > 0 ? "partial" : "wrong";
  return (
    <article className={`review-question review-question--${verdict}`}>
      <h3>
        {t("review.question", { number })} ·{" "}
        <span className={`verdict verdict--${verdict}`}>{t(`review.${verdict}`)}</span>
        {review.score > 0 && review.score < 1 ? ` (${Math.round(review.score * 100)} %)` : null}
      </h3>
      <div className="prose" dangerouslySetInnerHTML={{ __html: review.text }} />
      {review.verdicts ? (
        <ul className="review-options">
          {review.verdicts.map((v, i) => (
            <li key={i} className={v.correct ? "is-correct" : undefined}>
              <span dangerouslySetInnerHTML={{ __html: review.options![i]! }} />{" "}
              <strong>
                {[v.chosen ? t("review.your_choice") : null, v.correct ? t("review.correct_option") : null]
                  .filter(Boolean)
                  .join(" · ")}
              </strong>
              {v.feedback && (v.chosen || v.correct) ? (
                <p className="muted" dangerouslySetInnerHTML={{ __html: v.feedback }} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {review.pairs ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("review.item")}</th>
              <th scope="col">{t("review.your_answer")}</th>
              <th scope="col">{t("review.right_answer")}</th>
            </tr>
          </thead>
          <tbody>
            {review.pairs.map((p, i) => (
              <tr key={i}>
                <td dangerouslySetInnerHTML={{ __html: p.left }} />
                <td dangerouslySetInnerHTML={{ __html: p.given ?? t("review.no_answer") }} />
                <td>
                  <span dangerouslySetInnerHTML={{ __html: p.right }} />
                  {p.feedback ? <p className="muted" dangerouslySetInnerHTML={{ __html: p.feedback }} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {review.rightOrder ? (
        <div className="review-columns">
          <div>
            <h4>{t("review.your_answer")}</h4>
            {review.givenOrder!.length ? (
              <ol>
                {review.givenOrder!.map((item, i) => (
                  <li key={i} dangerouslySetInnerHTML={{ __html: item }} />
                ))}
              </ol>
            ) : (
              <p>{t("review.no_answer")}</p>
            )}
          </div>
          <div>
            <h4>{t("review.right_answer")}</h4>
            <ol>
              {review.rightOrder.map((item, i) => (
                <li key={i} dangerouslySetInnerHTML={{ __html: item }} />
              ))}
            </ol>
          </div>
        </div>
      ) : null}
      {review.rightAnswer !== undefined ? (
        <dl className="review-answer">
          <dt>{t("review.your_answer")}</dt>
          <dd>
            {review.given !== undefined
              ? review.given || t("review.no_answer")
              : review.saved && "value" in review.saved && review.saved.value
              ? t(`question.${review.saved.value}`)
              : t("review.no_answer")}
          </dd>
          <dt>{t("review.right_answer")}</dt>
          <dd>{review.type === "true-false" ? t(`question.${review.rightAnswer}`) : review.rightAnswer}</dd>
        </dl>
      ) : null}
      {review.feedback ? <p className="muted" dangerouslySetInnerHTML={{ __html: review.feedback }} /> : null}
      {review.partReviews ? (
        <ol className="scenario-parts">
          {review.partReviews.map((part, i) => (
            <li key={part.id}>
              <QuestionReviewView review={part} number={`${number}.${i + 1}`} />
            </li>
          ))}
        </ol>
      ) : null}
      {review.explanation ? (
        <p className="explanation">
          <strong>{t("review.explanation")}</strong> <span dangerouslySetInnerHTML={{ __html: review.explanation }} />
        </p>
      ) : null}
    </article>
  );
}
