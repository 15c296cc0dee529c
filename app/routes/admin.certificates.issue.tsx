import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { Field, FormAlert, Notice } from "~/components/form.tsx";
import { startBatch } from "~/domain/certificates/batches.server.ts";
import { issueCertificate } from "~/domain/certificates/issue.server.ts";
import { BulkIssueSchema, ManualIssueSchema } from "~/domain/certificates/schemas.ts";
import { ruleOptions, usersByEmail } from "~/domain/certificates/views.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { ANYONE } from "~/utils/permissions.ts";
import { readCheckedForm, validate } from "~/utils/form.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create", "certificate", ANYONE);
  const { t, locale } = await getRequestI18n(request);
  return { title: t("certificates:issue.title"), rules: ruleOptions(locale) };
}

type Result = {
  form: "one" | "bulk";
  errors: Record<string, string>;
  values: Record<string, string>;
  notice?: string;
  number?: string;
  missing?: string[];
};

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "create", "certificate", ANYONE);
  const form = await readCheckedForm(request, context, 512 * 1024);
  const rules = new Set(ruleOptions("en").map((r) => r.id));
  if (form.get("intent") === "bulk") {
    const submission = validate(form, BulkIssueSchema);
    if (!submission.ok)
      return data<Result>({ form: "bulk", errors: submission.errors, values: submission.values }, { status: 400 });
    if (!rules.has(submission.data.rule))
      return data<Result>(
        { form: "bulk", errors: { rule: "certificates:errors.rule_required" }, values: submission.values },
        { status: 400 }
      );
    const { ids, missing } = await usersByEmail(submission.data.emails);
    if (missing.length > 0)
      return data<Result>(
        {
          form: "bulk",
          errors: { emails: "certificates:errors.unknown_addresses" },
          values: submission.values,
          missing,
        },
        { status: 400 }
      );
    const batchId = await startBatch({
      adminId: admin.id,
      ruleId: submission.data.rule,
      reason: submission.data.reason,
      items: ids.map((id) => ({ kind: "user" as const, id })),
    });
    throw redirect(`/admin/certificates/batches/${batchId}`);
  }
  const submission = validate(form, ManualIssueSchema);
  if (!submission.ok)
    return data<Result>({ form: "one", errors: submission.errors, values: submission.values }, { status: 400 });
  if (!rules.has(submission.data.rule))
    return data<Result>(
      { form: "one", errors: { rule: "certificates:errors.rule_required" }, values: submission.values },
      { status: 400 }
    );
  const { ids } = await usersByEmail([submission.data.email]);
  if (ids.length === 0)
    return data<Result>(
      { form: "one", errors: { email: "certificates:errors.unknown_address" }, values: submission.values },
      { status: 400 }
    );
  const result = await issueCertificate({
    userId: ids[0]!,
    ruleId: submission.data.rule,
    mode: "manual",
    actorId: admin.id,
    reason: submission.data.reason,
  });
  if (!result.ok)
    return data<Result>(
      { form: "one", errors: { form: `certificates:admin.refused.${result.reason}` }, values: submission.values },
      { status: 409 }
    );
  return data<Result>({
    form: "one",
    errors: {},
    values: {},
    notice: "certificates:issue.done",
    number: result.number,
  });
}

export default function IssueCertificates() {
  const { t } = useTranslation("certificates");
  const { t: tc } = useTranslation();
  const { rules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const one = result?.form === "one" ? result : undefined;
  const bulk = result?.form === "bulk" ? result : undefined;
  const ruleSelect = (id: string, value: string | undefined, error: string | undefined) => (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{t("fields.certification")}</label>
      <select id={id} name="rule" required defaultValue={value ?? ""} aria-invalid={error ? true : undefined}>
        <option value="">{t("issue.choose_rule")}</option>
        {rules.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </select>
      {error ? <p className="field__error">{tc(error)}</p> : null}
    </div>
  );
  return (
    <>
      <p>
        <Link to="/admin/certificates">{t("admin.back")}</Link>
      </p>
      <h1>{t("issue.title")}</h1>
      <p>{t("issue.intro")}</p>
      <section aria-labelledby="one-title">
        <h2 id="one-title">{t("issue.one")}</h2>
        <Notice message={one?.notice ? tc(one.notice, { number: one.number }) : null} />
        <FormAlert message={one?.errors.form ? tc(one.errors.form) : null} />
        <Form method="post" className="stack" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="one" />
          <Field
            name="email"
            type="email"
            label={tc("fields.email")}
            required
            dir="ltr"
            defaultValue={one?.values.email}
            error={one?.errors.email}
          />
          {ruleSelect("rule-one", one?.values.rule, one?.errors.rule)}
          <div className={one?.errors.reason ? "field field--invalid" : "field"}>
            <label htmlFor="reason-one">{t("admin.reason")}</label>
            <textarea id="reason-one" name="reason" rows={2} required defaultValue={one?.values.reason} />
            {one?.errors.reason ? <p className="field__error">{tc(one.errors.reason)}</p> : null}
          </div>
          <p>
            <button type="submit" className="button">
              {t("issue.submit_single")}
            </button>
          </p>
        </Form>
      </section>
      <section aria-labelledby="bulk-title">
        <h2 id="bulk-title">{t("issue.bulk")}</h2>
        <p>{t("issue.bulk_intro")}</p>
        <Form method="post" className="stack" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="bulk" />
          <div className={bulk?.errors.emails ? "field field--invalid" : "field"}>
            <label htmlFor="emails">{t("issue.emails")}</label>
            <textarea id="emails" name="emails" rows={6} dir="ltr" required defaultValue={bulk?.values.emails} />
            {bulk?.errors.emails ? (
              <p className="field__error">
                {tc(bulk.errors.emails)}{" "}
                {bulk.missing?.length ? <bdi dir="ltr">{bulk.missing.slice(0, 20).join(", ")}</bdi> : null}
              </p>
            ) : null}
          </div>
          {ruleSelect("rule-bulk", bulk?.values.rule, bulk?.errors.rule)}
          <div className={bulk?.errors.reason ? "field field--invalid" : "field"}>
            <label htmlFor="reason-bulk">{t("admin.reason")}</label>
            <textarea id="reason-bulk" name="reason" rows={2} required defaultValue={bulk?.values.reason} />
            {bulk?.errors.reason ? <p className="field__error">{tc(bulk.errors.reason)}</p> : null}
          </div>
          <p>
            <button type="submit" className="button">
              {t("issue.submit_bulk")}
            </button>
          </p>
        </Form>
      </section>
    </>
  );
}
