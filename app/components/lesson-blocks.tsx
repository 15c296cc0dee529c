import { createContext, useContext } from "react";
import { useTranslation } from "react-i18next";
import type { BlockView } from "~/domain/courses/learning.server.ts";

/**
 * What a block's form posts with: the lesson's path and the CSRF token. A context rather than
 * Remix hooks, so that blocks can be rendered to HTML once and reused (lesson-block-html.server.tsx).
 */
export const BlockFormContext = createContext({ path: "", csrf: "" });

/** Stands for the viewer's CSRF token in block HTML rendered once for everyone. */
export const CSRF_PLACEHOLDER = "__provenance_csrf__";

/**
 * The interactive blocks of a lesson. Each is a plain form that the server grades, so it works
 * without JavaScript; with JavaScript Remix submits it in place. Answers and feedback only exist
 * in the page once the learner has answered.
 */
export function LessonBlock({ block }: { block: BlockView }) {
  switch (block.type) {
    case "knowledge-check":
      return <KnowledgeCheck block={block} />;
    case "scenario":
      return <Scenario block={block} />;
    case "categorise":
      return <Categorise block={block} />;
    case "reveal":
      return <Reveal block={block} />;
    case "quiz":
      return <Quiz block={block} />;
  }
}

type Of<T extends BlockView["type"]> = Extract<BlockView, { type: T }>;

/**
 * A block's answer form: a plain form (lesson pages do not hydrate). public/islands/lesson.js posts
 * it in place and disables its fieldset while the answer is on its way (no double submission).
 */
function BlockForm({ id, children }: { id: string; children: React.ReactNode }) {
  const { path, csrf } = useContext(BlockFormContext);
  return (
    <form method="post" action={`${path}?block=${encodeURIComponent(id)}#block-${id}`}>
      <input type="hidden" name="csrf" value={csrf} />
      <fieldset className="block__form">{children}</fieldset>
    </form>
  );
}

export const Html = ({ html, as: Tag = "span" }: { html: string; as?: "span" | "p" | "div" | "legend" }) => (
  // Sanitised on the server (render.server.ts).
  <Tag dangerouslySetInnerHTML={{ __html: html }} />
);

function KnowledgeCheck({ block }: { block: Of<"knowledge-check"> }) {
  const { t } = useTranslation("learn");
  const result = block.outcome;
  return (
    <section className="block block--check" id={`block-${block.id}`} aria-labelledby={`q-${block.id}`}>
      <p className="block__kind">{t("blocks.knowledge_check")}</p>
      <BlockForm id={block.id}>
        <fieldset>
          <legend id={`q-${block.id}`}>
            <Html html={block.question} />
            {block.multiple ? <span className="block__hint"> {t("blocks.choose_all")}</span> : null}
          </legend>
          {block.options.map((option, i) => (
            <label key={i} className="choice">
              <input
                type={block.multiple ? "checkbox" : "radio"}
                name="option"
                value={i}
                required={!block.multiple}
                defaultChecked={result?.selected.includes(i)}
              />
              <Html html={option} />
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--small">
          {result ? t("blocks.try_again") : t("blocks.check")}
        </button>
      </BlockForm>
      {result ? (
        <div className={result.correct ? "feedback feedback--right" : "feedback feedback--wrong"} role="status">
          <p>
            <strong>{result.correct ? t("blocks.right") : t("blocks.not_quite")}</strong>
          </p>
          <ul>
            {result.feedback.map((f) => (
              <li key={f.option}>
                <Html html={f.text} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Scenario({ block }: { block: Of<"scenario"> }) {
  const { t } = useTranslation("learn");
  return (
    <section
      className="block block--scenario"
      id={`block-${block.id}`}
      aria-labelledby={`s-${block.id}`}
      data-choices={block.choicesMade}
    >
      <p className="block__kind">{t("blocks.scenario")}</p>
      <h2 id={`s-${block.id}`}>{block.title ? <Html html={block.title} /> : t("blocks.scenario")}</h2>
      {block.lastFeedback ? (
        <div className="feedback" role="status">
          <Html html={block.lastFeedback} as="p" />
        </div>
      ) : null}
      <Html html={block.step.text} as="p" />
      <BlockForm id={block.id}>
        {block.ending ? (
          <>
            <p className={`ending ending--${block.ending}`}>
              <strong>{t(`blocks.ending_${block.ending}`)}</strong>
            </p>
            <button type="submit" name="restart" value="1" className="button button--secondary button--small">
              {t("blocks.restart")}
            </button>
          </>
        ) : (
          <>
            <input type="hidden" name="at" value={block.choicesMade} />
            <ul className="scenario-choices">
              {block.step.choices.map((choice, i) => (
                <li key={i}>
                  <button type="submit" name="choice" value={i} className="button button--secondary">
                    <Html html={choice} />
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </BlockForm>
    </section>
  );
}

function Categorise({ block }: { block: Of<"categorise"> }) {
  const { t } = useTranslation("learn");
  const result = block.outcome;
  const label = (id: string) => block.categories.find((c) => c.id === id)?.label ?? id;
  return (
    <section className="block block--categorise" id={`block-${block.id}`} aria-labelledby={`c-${block.id}`}>
      <p className="block__kind">{t("blocks.categorise")}</p>
      <Html html={block.prompt} as="p" />
      <BlockForm id={block.id}>
        {/* A choice per item instead of dragging: works with a keyboard, a screen reader and a phone. */}
        <table className="categorise">
          <caption id={`c-${block.id}`} className="visually-hidden">
            {t("blocks.categorise")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("blocks.item")}</th>
              <th scope="col">{t("blocks.category")}</th>
            </tr>
          </thead>
          <tbody>
            {block.items.map((item, i) => {
              const outcome = result?.results[i];
              return (
                <tr key={i}>
                  <td>
                    <label htmlFor={`${block.id}-item-${i}`}>
                      <Html html={item} />
                    </label>
                    {outcome ? (
                      <p className={outcome.correct ? "mark mark--right" : "mark mark--wrong"}>
                        {outcome.correct ? t("blocks.right_short") : t("blocks.belongs_in")}{" "}
                        {outcome.correct ? null : <Html html={label(outcome.right)} />}
                        {outcome.feedback ? (
                          <>
                            {" "}
                            — <Html html={outcome.feedback} />
                          </>
                        ) : null}
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <select
                      id={`${block.id}-item-${i}`}
                      name={`item-${i}`}
                      required
                      defaultValue={outcome?.placed ?? ""}
                    >
                      <option value="" disabled>
                        {t("blocks.choose")}
                      </option>
                      {block.categories.map((c) => (
                        <option key={c.id} value={c.id}>
                          {stripTags(c.label)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="submit" className="button button--small">
          {result ? t("blocks.try_again") : t("blocks.check")}
        </button>
      </BlockForm>
      {result ? (
        <p className="feedback" role="status">
          {t("blocks.score", { right: Math.round(result.score * block.items.length), total: block.items.length })}
        </p>
      ) : null}
    </section>
  );
}

function Reveal({ block }: { block: Of<"reveal"> }) {
  const { t } = useTranslation("learn");
  return (
    <section className="block block--reveal" id={`block-${block.id}`}>
      <p className="block__kind">{t("blocks.reveal")}</p>
      {block.title ? <Html html={block.title} as="p" /> : null}
      <div className="reveal-cards">
        {block.cards.map((card, i) => (
          <details key={i} className="reveal-card">
            <summary>
              <Html html={card.front} />
            </summary>
            <Html html={card.back} as="p" />
          </details>
        ))}
      </div>
    </section>
  );
}

/** A module quiz: its figures, the learner's result so far, and the way to its assessment pages. */
function Quiz({ block }: { block: Of<"quiz"> }) {
  const { t } = useTranslation("learn");
  const result = block.outcome;
  return (
    <section className="block block--quiz" id={`block-${block.id}`} aria-labelledby={`quiz-${block.id}`}>
      <h2 id={`quiz-${block.id}`}>{t("blocks.quiz")}</h2>
      <p className="muted">{t("blocks.quiz_intro", { questions: block.questions, passMark: block.passMark })}</p>
      {result ? (
        <div className={result.passed ? "feedback feedback--right" : "feedback feedback--wrong"} role="status">
          <strong>
            {result.passed
              ? t("blocks.quiz_passed", { score: Math.round(result.score * 100) })
              : t("blocks.quiz_failed", { score: Math.round(result.score * 100) })}
          </strong>
        </div>
      ) : null}
      <p>
        <a className="button" href={block.href}>
          {result ? t("blocks.quiz_retry") : t("blocks.quiz_submit")}
        </a>
      </p>
    </section>
  );
}

/** Text of sanitised inline HTML, for places that cannot hold markup (an <option>). */
export function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&"); // last, so "&amp;lt;" stays "&lt;"
}
