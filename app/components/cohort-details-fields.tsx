import { useTranslation } from "react-i18next";
import { LANGUAGES } from "~/i18n/config.ts";
import { Field, SelectField } from "./form.tsx";

export interface CohortDetailsValues {
  name?: string;
  country?: string;
  language?: string;
  startsOn?: string;
  endsOn?: string;
  capacity?: string;
}

/**
 * A cohort's details, shared by the form that creates a cohort and the one that edits it: name, country,
 * language, programmes (checkboxes, `chosen` ticked), dates and capacity. `capacityHint` says, when editing,
 * how many members it has; `chooseCountry` starts the country list on "choose" (a new cohort).
 */
export function CohortDetailsFields({
  values,
  errors,
  chosen,
  courses,
  countries,
  capacityHint,
  chooseCountry = false,
}: {
  values: CohortDetailsValues;
  errors: Record<string, string | undefined>;
  chosen: string[];
  courses: { id: string; title: string }[];
  countries: { code: string; name: string }[];
  capacityHint?: string;
  chooseCountry?: boolean;
}) {
  const { t } = useTranslation("cohorts");
  const { t: tc } = useTranslation();
  return (
    <>
      <Field name="name" label={t("fields.name")} required defaultValue={values.name} error={errors.name} />
      <SelectField
        name="country"
        label={tc("fields.country")}
        required
        defaultValue={values.country ?? ""}
        placeholder={chooseCountry ? tc("fields.choose") : undefined}
        options={countries.map((c) => ({ value: c.code, label: c.name }))}
        error={errors.country}
      />
      <SelectField
        name="language"
        label={t("fields.language")}
        required
        defaultValue={values.language ?? ""}
        options={LANGUAGES.map((l) => ({ value: l.code, label: l.name, lang: l.code }))}
        error={errors.language}
      />
      <fieldset className={errors.courses ? "field field--invalid" : "field"}>
        <legend>{t("fields.courses")}</legend>
        {courses.map((c) => (
          <div key={c.id} className="field--checkbox">
            <input
              type="checkbox"
              id={`course-${c.id}`}
              name="courses"
              value={c.id}
              defaultChecked={chosen.includes(c.id)}
            />
            <label htmlFor={`course-${c.id}`}>{c.title}</label>
          </div>
        ))}
        {errors.courses ? <p className="field__error">{tc(errors.courses)}</p> : null}
      </fieldset>
      <Field
        name="startsOn"
        type="date"
        label={t("fields.starts_on")}
        required
        defaultValue={values.startsOn}
        error={errors.startsOn}
      />
      <Field
        name="endsOn"
        type="date"
        label={t("fields.ends_on")}
        required
        defaultValue={values.endsOn}
        error={errors.endsOn}
      />
      <Field
        name="capacity"
        type="number"
        min={1}
        max={5000}
        inputMode="numeric"
        label={t("fields.capacity")}
        hint={capacityHint}
        required
        defaultValue={values.capacity}
        error={errors.capacity}
      />
    </>
  );
}
