import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Field, Notice } from "~/components/form.tsx";
import { currentPairing, pairMentor, traineesOf, visiblePairings } from "~/domain/mentoring/pairings.server.ts";
import { PairSchema } from "~/domain/mentoring/schemas.ts";
import { reviewQueue, submissionsOf } from "~/domain/mentoring/submissions.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { can } from "~/utils/permissions.ts";

export const meta = titleMeta;

/**
 * Mentoring, as each person takes part in it: a mentor's review queue (oldest first, overdue marked) and
 * trainees; a trainee's mentor and submitted work; for administrators and lead trainers, pairing mentors
 * with trainees and the pairings' history.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getRequestI18n(request);
  const mentors = can(user, "create", "review");
  const pairs = can(user, "create", "pairing");
  const [queue, trainees, mine, pairing, pairings] = await Promise.all([
    mentors ? reviewQueue(user.id, locale) : [],
    mentors ? traineesOf(user.id) : [],
    submissionsOf(user.id, locale),
    currentPairing(user.id),
    pairs ? visiblePairings(user) : [],
  ]);
  const mentor = pairing
    ? await prisma.user.findUnique({ where: { id: pairing.mentorId }, select: { fullName: true, email: true } })
    : null;
  return {
    title: t("mentoring:title"),
    mentors,
    pairs,
    queue,
    trainees,
    mine,
    mentor: mentor ? { ...mentor, since: pairing!.startedAt.toISOString() } : null,
    pairings,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!can(user, "create", "pairing")) throw httpError("forbidden");
  const submission = await parseForm(request, context, PairSchema);
  if (!submission.ok)
    return data({ errors: submission.errors, values: submission.values, notice: null }, { status: 400 });
  const result = await pairMentor(user, submission.data.mentor, submission.data.trainee);
  if (!result.ok)
    return data({ errors: { [result.field]: result.error }, values: submission.values, notice: null }, { status: 422 });
  return { errors: {}, values: {}, notice: result.unchanged ? "pair.unchanged" : "pair.done" };
}

export default function MentoringPage() {
  const { t } = useTranslation("mentoring");
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <Notice message={result?.notice ? t(result.notice) : null} />

      {page.mentors ? (
        <>
          <section aria-labelledby="queue">
            <h2 id="queue">{t("queue.title")}</h2>
            {page.queue.length === 0 ? (
              <p className="muted">{t("queue.empty")}</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">{t("queue.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("queue.trainee")}</th>
                    <th scope="col">{t("queue.assignment")}</th>
                    <th scope="col">{t("queue.submitted")}</th>
                    <th scope="col">{t("queue.state")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.queue.map((s) => (
                    <tr key={s.id} className={s.overdue ? "overdue" : undefined}>
                      <th scope="row">{s.trainee}</th>
                      <td>
                        <Link to={`/mentoring/submissions/${s.id}`}>
                          {s.assignment} · {t("version.title", { number: s.version })}
                        </Link>
                      </td>
                      <td>
                        <DateText value={s.submittedAt} /> ({t("queue.waiting", { count: s.waitingDays })})
                      </td>
                      <td>
                        {s.overdue ? <strong>{t("queue.overdue")}</strong> : t("queue.on_time")}
                        {s.lateSubmission ? <> · {t("queue.late")}</> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="trainees">
            <h2 id="trainees">{t("trainees.title")}</h2>
            {page.trainees.length === 0 ? (
              <p className="muted">{t("trainees.empty")}</p>
            ) : (
              <ul>
                {page.trainees.map((p) => (
                  <li key={p.pairingId}>
                    <Link to={`/mentoring/trainees/${p.id}`}>{p.fullName}</Link>{" "}
                    <span className="muted">
                      {[p.agency, p.country].filter(Boolean).join(", ")} · {t("trainees.since")}{" "}
                      <DateText value={p.since} />
                      {p.waiting > 0 ? <> · {t("trainees.waiting", { count: p.waiting })}</> : null}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}

      <section aria-labelledby="my-mentor">
        <h2 id="my-mentor">{t("mine.title")}</h2>
        {page.mentor ? (
          <p>
            {t("mine.mentor", { name: page.mentor.fullName })}{" "}
            <span className="muted">
              ({t("trainees.since")} <DateText value={page.mentor.since} />)
            </span>
          </p>
        ) : (
          <p className="muted">{t("mine.no_mentor")}</p>
        )}
        {page.mine.length > 0 ? (
          <ul>
            {page.mine.map((s) => (
              <li key={s.id}>
                <Link to={`/courses/${s.courseId}/assignments/${s.slug}`}>{s.title}</Link> — {t(`status.${s.status}`)}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {page.pairs ? (
        <section aria-labelledby="pairing">
          <h2 id="pairing">{t("pair.title")}</h2>
          <p className="field__hint">{t("pair.hint")}</p>
          <Form method="post" noValidate>
            <CsrfField />
            <Field
              name="mentor"
              type="email"
              label={t("pair.mentor")}
              required
              autoComplete="off"
              defaultValue={values.mentor}
              error={errors.mentor}
            />
            <Field
              name="trainee"
              type="email"
              label={t("pair.trainee")}
              required
              autoComplete="off"
              defaultValue={values.trainee}
              error={errors.trainee}
            />
            <button type="submit" className="button">
              {t("pair.submit")}
            </button>
          </Form>
          <h3>{t("pair.history")}</h3>
          {page.pairings.length === 0 ? (
            <p className="muted">{t("pair.none")}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("queue.trainee")}</th>
                  <th scope="col">{t("pair.mentor_col")}</th>
                  <th scope="col">{t("pair.period")}</th>
                </tr>
              </thead>
              <tbody>
                {page.pairings.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.trainee}</th>
                    <td>{p.mentor}</td>
                    <td>
                      <DateText value={p.startedAt} /> –{" "}
                      {p.endedAt ? <DateText value={p.endedAt} /> : t("pair.current")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
