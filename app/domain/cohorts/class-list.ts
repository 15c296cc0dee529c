import { parse } from "csv-parse/sync";
import { PersonSchema } from "~/domain/accounts/schemas.ts";

/**
 * A trainer's class list (CSV) checked row by row before anything is written: every row gets its problems
 * (i18n keys, per column) or what importing it will do. Pure: the caller says which addresses already
 * have accounts and which are already members, and how many places the cohort has left.
 */
export const CLASS_LIST_MAX_ROWS = 2000;

const COLUMNS = {
  fullName: ["name", "full name", "fullname", "full_name", "nom", "nombre", "nome", "الاسم", "姓名"],
  fullNameLatin: ["latin name", "name (latin)", "transliteration", "full name latin", "fullnamelatin"],
  email: ["email", "e-mail", "email address", "courriel", "correo", "البريد الإلكتروني", "邮箱", "电子邮件"],
  agency: ["agency", "organisation", "organization", "service", "agence", "organismo", "agência", "الجهة", "机构"],
  country: ["country", "pays", "país", "pais", "البلد", "国家"],
  preferredLanguage: ["language", "langue", "idioma", "língua", "اللغة", "语言"],
} as const;
type Column = keyof typeof COLUMNS;

export interface ClassListRow {
  /** The line in the file (the header is line 1). */
  line: number;
  values: Record<Column, string>;
  /** Problems by column ("row" for the row as a whole), as i18n keys; empty when the row can be imported. */
  problems: Partial<Record<Column | "row", string>>;
  /** What importing does with a row without problems. */
  action: "create" | "enrol-existing" | "skip-member" | null;
}

export type ClassList =
  | {
      ok: true;
      rows: ClassListRow[];
      counts: { create: number; enrolExisting: number; skip: number; problems: number };
    }
  | { ok: false; problem: "empty" | "unreadable" | "too-many-rows" | "missing-columns"; missing?: Column[] };

const normalise = (header: string) =>
  header
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, " ");

export function readClassList(
  text: string,
  context: {
    knownEmails: ReadonlySet<string>;
    memberEmails: ReadonlySet<string>;
    placesLeft: number;
    defaults: { country?: string; preferredLanguage?: string };
  }
): ClassList {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      delimiter: [",", ";", "\t"],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  if (records.length === 0) return { ok: false, problem: "empty" };
  if (records.length - 1 > CLASS_LIST_MAX_ROWS) return { ok: false, problem: "too-many-rows" };
  const header = records[0]!.map(normalise);
  const index = {} as Record<Column, number>;
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][])
    index[column] = header.findIndex((h) => names.includes(h));
  const required: Column[] = ["fullName", "email", "agency"];
  if (!context.defaults.country) required.push("country");
  if (!context.defaults.preferredLanguage) required.push("preferredLanguage");
  const missing = required.filter((c) => index[c] < 0);
  if (missing.length > 0) return { ok: false, problem: "missing-columns", missing };
  if (records.length === 1) return { ok: false, problem: "empty" };

  const seen = new Map<string, number>();
  let placesLeft = context.placesLeft;
  const rows = records.slice(1).map((record, i): ClassListRow => {
    const cell = (c: Column) => (index[c] >= 0 ? record[index[c]] ?? "" : "");
    const values: Record<Column, string> = {
      fullName: cell("fullName"),
      fullNameLatin: cell("fullNameLatin"),
      email: cell("email").toLowerCase(),
      agency: cell("agency"),
      country: cell("country") || (context.defaults.country ?? ""),
      preferredLanguage: (cell("preferredLanguage") || (context.defaults.preferredLanguage ?? "")).toLowerCase(),
    };
    const problems: ClassListRow["problems"] = {};
    const parsed = PersonSchema.safeParse({ ...values, fullNameLatin: values.fullNameLatin || undefined });
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const column = issue.path[0] as Column;
        problems[column] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
      }
    const line = i + 2;
    if (!problems.email) {
      const earlier = seen.get(values.email);
      if (earlier !== undefined) problems.email = "cohorts:import.duplicate";
      else seen.set(values.email, line);
    }
    let action: ClassListRow["action"] = null;
    if (Object.keys(problems).length === 0) {
      if (context.memberEmails.has(values.email)) action = "skip-member";
      else if (placesLeft <= 0) problems.row = "cohorts:import.over_capacity";
      else {
        placesLeft--;
        action = context.knownEmails.has(values.email) ? "enrol-existing" : "create";
      }
    }
    return { line, values, problems, action };
  });
  return {
    ok: true,
    rows,
    counts: {
      create: rows.filter((r) => r.action === "create").length,
      enrolExisting: rows.filter((r) => r.action === "enrol-existing").length,
      skip: rows.filter((r) => r.action === "skip-member").length,
      problems: rows.filter((r) => Object.keys(r.problems).length > 0).length,
    },
  };
}
