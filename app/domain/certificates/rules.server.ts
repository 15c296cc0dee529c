import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { RulesFileSchema, type Rule } from "./rules.ts";

/** certificates/ at the project root (the working directory of the app, the CLI and the tests). */
export function certificatesDir(): string {
  return path.resolve(process.env.CERTIFICATES_DIR || "certificates");
}

let cached: Rule[] | undefined;

/**
 * The certification rules, read from certificates/rules.yaml (or CERTIFICATION_RULES_FILE) and validated once per process. A bad
 * file stops with a message naming the file and each field at fault.
 */
export function certificationRules(): Rule[] {
  if (cached) return cached;
  const file = process.env.CERTIFICATION_RULES_FILE || path.join(certificatesDir(), "rules.yaml");
  const parsed = RulesFileSchema.safeParse(parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`${file} is not a valid rules file:\n${problems}`);
  }
  cached = parsed.data.rules;
  return cached;
}

export function findRule(id: string): Rule | undefined {
  return certificationRules().find((rule) => rule.id === id);
}

/** For tests that point CERTIFICATES_DIR elsewhere. */
export function resetRulesCache() {
  cached = undefined;
}
