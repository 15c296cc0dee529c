import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { QuestionFields, QuestionReviewView } from "~/components/assessment-question.tsx";
import { saveAnswer, submitAttempt } from "~/domain/assessments/attempts.server.ts";
import { attemptPage } from "~/domain/assessments/views.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { useFormat } from "~/utils/format.ts";
import { readCheckedForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

const base = (params: LoaderFunctionArgs["params"]) =>
  `/courses/${params.courseId}/assessments/${params.assessmentId}/attempts/${params.attemptId}`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "attempt");
  const { locale } = await getRequestI18n(request);
  const q = new URL(request.url).searchParams.get("q") ?? "1";
  const summary = q === "summary";
  const position = summary ? 0 : Math.max(0, (Number.parseInt(q, 10) || 1) - 1);
  const page = await attemptPage(user.id, params.attemptId ?? "", position, locale);
  if (!page || page.assessment.courseId !== params.courseId || page.assessment.slug !== params.assessmentId)
    throw httpError("not_found");
  if (page.attempt.closed) throw redirect(`${base(params)}/review`);
  return { title: page.assessment.title.text, page, summary };
}

type ActionError = { error: "invalid" | "not_in_attempt" };

/**
 * Every post saves the answer on screen (so a lost connection loses at most the current question),
 * then moves: to another question, to the summary, or hands the attempt in. `autosave` (sent by the
 * page's script as the learner answers) only saves.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create", "attempt");
  const form = await readCheckedForm(request, context);
  const attemptId = params.attemptId ?? "";
  const intent = String(form.get("intent") ?? "save");
  const go = String(form.get("go") ?? "");
  const here = base(params);
  if (form.has("position")) {
    const position = Number(form.get("position"));
    const saved = await saveAnswer(user.id, attemptId, position, form, {
      flagged: form.has("flag-shown") ? form.get("flagged") === "on" : undefined,
      check: intent === "check",
    });
    if (!saved.ok) {
      if (saved.reason === "not_found") throw httpError("not_found");
      if (saved.reason === "closed" || saved.reason === "expired")
        return redirect(`${here}/review?notice=${saved.reason}`);
      if (saved.reason === "locked") return redirect(`${here}?q=${position + 1}&notice=locked`);
      return data<ActionError>({ error: saved.reason }, { status: 400 });
    }
    if (intent === "autosave") return { saved: new Date().toISOString() };
    if (intent === "check") return redirect(`${here}?q=${position + 1}`);
  }
  if (intent === "submit") {
    const submitted = await submitAttempt(user.id, attemptId);
    if (!submitted.ok && submitted.reason === "not_found") throw httpError("not_found");
    return redirect(`${here}/review${submitted.ok ? "" : `?notice=${submitted.reason}`}`);
  }
  if (go === "summary") return redirect(`${here}?q=summary`);
  const target = Number.parseInt(go, 10);
  return redirect(`${here}?q=${Number.isFinite(target) ? target : 1}`);
}

export default function AttemptPage() {
  const { t } = useTranslation("assess");
  const { page, summary } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData && "error" in actionData ? actionData.error : null;
  const { attempt, position } = page;
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useFetcher<typeof action>();
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const unanswered = page.navigator.filter((q) => !q.answered).length;
  const flagged = page.navigator.filter((q) => q.flagged).length;

  // With JavaScript, answers are saved as the learner gives them (a second after the last change).
  const onChange = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      const body = new FormData(formRef.current);
      body.set("intent", "autosave");
      autosave.submit(body, { method: "post" });
    }, 800);
  };
  // A pending autosave belongs to the question it was typed in: moving on cancels it (the move saved it).
  useEffect(() => () => clearTimeout(timer.current), [position, summary]);
  const savedAt = autosave.data && "saved" in autosave.data ? autosave.data.saved : null;

  return (
    <div className="page attempt">
      <header className="attempt__header">
        <p className="muted">
          <Link to={`/courses/${page.assessment.courseId}/assessments/${page.assessment.slug}`}>
            <span lang={page.assessment.title.language}>{page.assessment.title.text}</span>
          </Link>{" "}
          · {t("attempt.number", { number: attempt.number })}
        </p>
        {attempt.deadline ? <Countdown deadline={attempt.deadline} /> : null}
      </header>
      {error ? (
        <p className="alert alert--error" role="alert">
          {t(`attempt.error_${error}`)}
        </p>
      ) : null}

      <Form
        method="post"
        ref={formRef}
        onChange={summary ? undefined : onChange}
        className="attempt__body"
        key={summary ? "summary" : position}
      >
        <CsrfField />
        {summary ? (
          <section aria-labelledby="summary-title">
            <h1 id="summary-title">{t("summary.title")}</h1>
            <p>{t("summary.answered", { answered: attempt.total - unanswered, total: attempt.total })}</p>
            {unanswered ? <p className="alert alert--info">{t("summary.unanswered", { count: unanswered })}</p> : null}
            {flagged ? <p>{t("summary.flagged", { count: flagged })}</p> : null}
            <p>{t("summary.final_warning")}</p>
            <p className="button-row">
              <button type="submit" name="intent" value="submit" className="button">
                {t("summary.submit")}
              </button>
            </p>
          </section>
        ) : (
          <section aria-labelledby="question-title">
            <h1 id="question-title" className="attempt__position">
              {t("attempt.question_of", { number: position + 1, total: attempt.total })}
            </h1>
            <input type="hidden" name="position" value={position} />
            <div lang={page.contentLanguage}>
              {page.checked ? (
                <QuestionReviewView review={page.checked} number={String(position + 1)} />
              ) : (
                <QuestionFields view={page.question} idPrefix={`q${position}`} />
              )}
            </div>
            <p className="flag">
              <input type="hidden" name="flag-shown" value="1" />
              <input type="checkbox" id="flagged" name="flagged" defaultChecked={page.flagged} />{" "}
              <label htmlFor="flagged">{t("attempt.flag")}</label>
            </p>
            <p className="button-row">
              {position > 0 ? (
                <button type="submit" name="go" value={position} className="button button--secondary">
                  {t("attempt.previous")}
                </button>
              ) : null}
              {attempt.feedbackPolicy === "immediately" && !page.checked ? (
                <button type="submit" name="intent" value="check" className="button button--secondary">
                  {t("attempt.check")}
                </button>
              ) : null}
              {position + 1 < attempt.total ? (
                <button type="submit" name="go" value={position + 2} className="button">
                  {t("attempt.save_next")}
                </button>
              ) : (
                <button type="submit" name="go" value="summary" className="button">
                  {t("attempt.save_finish")}
                </button>
              )}
            </p>
            <p className="muted" aria-live="polite">
              {autosave.state !== "idle" ? t("attempt.saving") : savedAt ? t("attempt.saved") : ""}
            </p>
          </section>
        )}

        <nav aria-label={t("attempt.navigator")} className="navigator">
          <h2 className="navigator__title">{t("attempt.navigator")}</h2>
          <ul>
            {page.navigator.map((q) => {
              const states = [
                q.answered ? t("attempt.answered") : t("attempt.not_answered"),
                q.flagged ? t("attempt.flagged") : null,
              ].filter(Boolean);
              const current = !summary && q.position === position;
              return (
                <li key={q.position}>
                  <button
                    type="submit"
                    name="go"
                    value={q.position + 1}
                    className={`navigator__item${q.answered ? " is-answered" : ""}${q.flagged ? " is-flagged" : ""}`}
                    aria-current={current ? "step" : undefined}
                    aria-label={`${t("attempt.question_number", { number: q.position + 1 })}: ${states.join(", ")}`}
                    disabled={navigation.state === "submitting"}
                  >
                    {q.position + 1}
                    {q.flagged ? <span aria-hidden="true"> ⚑</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
          {!summary ? (
            <button type="submit" name="go" value="summary" className="button button--secondary">
              {t("attempt.finish")}
            </button>
          ) : null}
        </nav>
      </Form>
    </div>
  );
}

/** Time left, counted down in the browser; at zero the page reloads and the server closes the attempt. */
function Countdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation("assess");
  const format = useFormat();
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    const end = new Date(deadline).getTime();
    const tick = () => {
      const ms = end - Date.now();
      setLeft(Math.max(0, ms));
      if (ms <= 0) window.location.reload();
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [deadline]);
  const minutes = left === null ? null : Math.floor(left / 60_000);
  const seconds = left === null ? null : Math.floor((left % 60_000) / 1000);
  return (
    <p className="countdown">
      {t("attempt.ends_at", { time: format.dateTime(deadline) })}
      {left !== null ? (
        <span className={minutes! < 5 ? "countdown__left countdown__left--low" : "countdown__left"}>
          {" "}
          · {t("attempt.time_left", { time: `${minutes}:${String(seconds).padStart(2, "0")}` })}
        </span>
      ) : null}
    </p>
  );
}
