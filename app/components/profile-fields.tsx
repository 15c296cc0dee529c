import { useTranslation } from "react-i18next";
import { LANGUAGES } from "~/i18n/config.ts";
import { Field, SelectField } from "./form.tsx";

export interface ProfileValues {
  fullName?: string | null;
  fullNameLatin?: string | null;
  agency?: string | null;
  country?: string | null;
  preferredLanguage?: string | null;
}

/** The fields a person keeps about themselves, shared by registration and the profile page. */
/**
 * `countries` comes from the loader (names sorted in the reader's language on the server), so the
 * browser's own ICU data cannot make the hydrated list differ from the server's.
 */
export function ProfileFields({
  values,
  errors,
  countries,
}: {
  values?: ProfileValues;
  errors: Record<string, string | undefined>;
  countries: { code: string; name: string }[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Field
        name="fullName"
        label={t("fields.full_name")}
        hint={t("fields.full_name_hint")}
        autoComplete="name"
        required
        maxLength={120}
        defaultValue={values?.fullName ?? ""}
        error={errors.fullName}
      />
      <Field
        name="fullNameLatin"
        label={t("fields.full_name_latin")}
        hint={t("fields.full_name_latin_hint")}
        maxLength={120}
        dir="ltr"
        defaultValue={values?.fullNameLatin ?? ""}
        error={errors.fullNameLatin}
      />
      <Field
        name="agency"
        label={t("fields.agency")}
        hint={t("fields.agency_hint")}
        autoComplete="organization"
        required
        maxLength={160}
        defaultValue={values?.agency ?? ""}
        error={errors.agency}
      />
      <SelectField
        name="country"
        label={t("fields.country")}
        required
        autoComplete="country"
        placeholder={t("fields.choose")}
        defaultValue={values?.country ?? ""}
        options={countries.map((c) => ({ value: c.code, label: c.name }))}
        error={errors.country}
      />
      <SelectField
        name="preferredLanguage"
        label={t("fields.preferred_language")}
        required
        defaultValue={values?.preferredLanguage ?? i18n.language}
        options={LANGUAGES.map((l) => ({ value: l.code, label: l.name, lang: l.code }))}
        error={errors.preferredLanguage}
      />
    </>
  );
}
