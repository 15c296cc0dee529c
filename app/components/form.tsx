import { useTranslation } from "react-i18next";
import { PASSWORD_MIN } from "~/domain/accounts/password-policy.ts";

interface FieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, "name"> {
  name: string;
  label: string;
  hint?: string;
  /** An i18n key (errors.*), as returned by parseForm. */
  error?: string;
}

/** A labelled input with its hint and error wired to it for assistive technology. */
export function Field({ name, label, hint, error, id = name, ...input }: FieldProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>
        {label}
        {input.required ? null : <span className="field__optional"> ({t("form.optional")})</span>}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {error ? (
        <p className="field__error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

interface SelectFieldProps extends Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name"> {
  name: string;
  label: string;
  error?: string;
  options: { value: string; label: string; lang?: string }[];
  placeholder?: string;
}

export function SelectField({ name, label, error, options, placeholder, id = name, ...select }: SelectFieldProps) {
  const { t } = useTranslation();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={errorId} {...select}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field__error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

/** A message about the whole form (wrong password, rate limit), announced when it appears. */
export function FormAlert({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      {message}
    </div>
  );
}

export function Notice({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert--success" role="status">
      {message}
    </div>
  );
}

/**
 * A new password and its confirmation, with the length hint: registration, reset and the
 * profile's change-password form all ask for them the same way.
 */
export function NewPasswordFields({ errors, label }: { errors: Record<string, string | undefined>; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        name="password"
        type="password"
        label={label}
        hint={t("fields.password_hint", { count: PASSWORD_MIN })}
        autoComplete="new-password"
        required
        error={errors.password}
      />
      <Field
        name="confirmPassword"
        type="password"
        label={t("fields.confirm_password")}
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
    </>
  );
}
