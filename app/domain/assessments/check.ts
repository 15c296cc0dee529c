import { SUPPORTED_LANGUAGES, type Language } from "~/i18n/config.ts";
import { parseYaml, type Issue } from "~/domain/courses/parse.ts";
import type { Manifest } from "~/domain/courses/schema.ts";
import { AssessmentsFileSchema, BankFileSchema, type AssessmentSettings, type Part, type Question } from "./schema.ts";

/**
 * Checks of a course's question banks and assessment settings (the format in courses/README.md),
 * with every problem at its file and line: schemas, unique ids, topics that are modules, translations
 * that keep the questions and answers, draws that their banks can fill.
 */

export const BANK_FILE = /^questions\/([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]{2})\.yaml$/;
export const ASSESSMENTS_FILE = "assessments.yaml";

export interface CheckedAssessments {
  /** bank → language → questions (in file order). */
  banks: Map<string, Map<Language, Question[]>>;
  assessments: AssessmentSettings[];
  issues: Issue[];
}

export function checkAssessments(dir: string, dataFiles: Map<string, string>, manifest: Manifest): CheckedAssessments {
  const issues: Issue[] = [];
  const banks = new Map<string, Map<Language, Question[]>>();
  const lines = new Map<string, (path: (string | number)[]) => number>();
  const modules = new Set(manifest.modules.map((m) => m.id));

  for (const [path, text] of [...dataFiles].sort(([a], [b]) => a.localeCompare(b))) {
    if (path === ASSESSMENTS_FILE) continue;
    const file = `${dir}/${path}`;
    const match = BANK_FILE.exec(path);
    if (!match) {
      issues.push({ file, line: 1, message: "a question bank must be named questions/<bank>.<language>.yaml" });
      continue;
    }
    const [, bank, lng] = match as unknown as [string, string, string];
    if (!(SUPPORTED_LANGUAGES as string[]).includes(lng)) {
      issues.push({ file, line: 1, message: `unknown language \`${lng}\` (known: ${SUPPORTED_LANGUAGES.join(", ")})` });
      continue;
    }
    const parsed = parseYaml(file, text, 1, BankFileSchema, "question bank");
    issues.push(...parsed.issues);
    if (!parsed.value) continue;
    const questions = parsed.value.questions as Question[];
    lines.set(`${bank}.${lng}`, parsed.lineOf);
    const seen = new Set<string>();
    questions.forEach((q, i) => {
      const at = (message: string, ...path: (string | number)[]) =>
        issues.push({
          file,
          line: parsed.lineOf(["questions", i, ...path]),
          message: `question \`${q.id}\`: ${message}`,
        });
      if (seen.has(q.id)) at("duplicate question id", "id");
      seen.add(q.id);
      q.topics.forEach((t, j) => {
        if (!modules.has(t)) at(`topic \`${t}\` is not a module of this course`, "topics", j);
      });
    });
    if (!banks.has(bank)) banks.set(bank, new Map());
    banks.get(bank)!.set(lng as Language, questions);
  }

  for (const [bank, byLanguage] of banks) {
    const english = byLanguage.get("en");
    if (!english) {
      const [lng] = byLanguage.keys();
      issues.push({
        file: `${dir}/questions/${bank}.${lng}.yaml`,
        line: 1,
        message: `bank \`${bank}\` has no English file`,
      });
      continue;
    }
    for (const [lng, questions] of byLanguage) {
      if (lng === "en") continue;
      const file = `${dir}/questions/${bank}.${lng}.yaml`;
      const lineOf = lines.get(`${bank}.${lng}`)!;
      // A translation may cover some questions only: the others are shown in English.
      const byId = new Map(english.map((q) => [q.id, q]));
      questions.forEach((q, i) => {
        const source = byId.get(q.id);
        if (!source)
          issues.push({
            file,
            line: lineOf(["questions", i, "id"]),
            message: `question \`${q.id}\` is not in the English bank`,
          });
        else if (answerKey(q) !== answerKey(source))
          issues.push({
            file,
            line: lineOf(["questions", i]),
            message: `question \`${q.id}\`: the translation changes its type, topics, options or answers`,
          });
      });
    }
  }

  const assessments: AssessmentSettings[] = [];
  const settingsText = dataFiles.get(ASSESSMENTS_FILE);
  if (settingsText !== undefined) {
    const file = `${dir}/${ASSESSMENTS_FILE}`;
    const parsed = parseYaml(file, settingsText, 1, AssessmentsFileSchema, "assessments.yaml");
    issues.push(...parsed.issues);
    const seen = new Set<string>();
    let finals = 0;
    parsed.value?.assessments.forEach((a, i) => {
      const at = (message: string, ...path: (string | number)[]) =>
        issues.push({
          file,
          line: parsed.lineOf(["assessments", i, ...path]),
          message: `assessment \`${a.id}\`: ${message}`,
        });
      if (seen.has(a.id)) at("duplicate assessment id", "id");
      seen.add(a.id);
      if (a.kind === "final" && ++finals > 1) at("a course has one final assessment", "kind");
      if (a.module && !modules.has(a.module)) at(`module \`${a.module}\` is not in course.yaml`, "module");
      a.draw.forEach((draw, d) => {
        const questions = banks.get(draw.bank)?.get("en");
        if (!questions)
          return at(`bank \`${draw.bank}\` does not exist (questions/${draw.bank}.en.yaml)`, "draw", d, "bank");
        draw.topics?.forEach((t, j) => {
          if (!modules.has(t)) at(`topic \`${t}\` is not a module of this course`, "draw", d, "topics", j);
        });
        const available = questions.filter(
          (q) => !draw.topics || q.topics.some((t) => draw.topics!.includes(t))
        ).length;
        if (available < draw.count)
          at(
            `draws ${draw.count} questions from \`${draw.bank}\`, which has ${available} to offer`,
            "draw",
            d,
            "count"
          );
      });
      assessments.push(a);
    });
  }
  return { banks, assessments, issues };
}

/** What a translation must keep: everything but the wording (and a short-text question's accepted answers). */
export function answerKey(question: Question | Part): string {
  const { text: _text, explanation: _explanation, ...rest } = question as Question & { explanation?: string };
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const wording = ["text", "feedback", "explanation", "left", "right", "trueFeedback", "falseFeedback", "unit"];
        if (wording.includes(key) || key === "accept") continue;
        if (key === "distractors" || key === "items") {
          out[key] = Array.isArray(v) ? v.length : v;
          continue;
        }
        out[key] = strip(v);
      }
      return out;
    }
    return value;
  };
  return JSON.stringify(strip(rest));
}
