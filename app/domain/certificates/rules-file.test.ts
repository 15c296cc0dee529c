import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SUPPORTED_LANGUAGES } from "~/i18n/config.ts";
import { RulesFileSchema } from "./rules.ts";

// The shipped rules file: valid, every programme it names is a course under courses/, every template exists,
// and every title is in the six languages.
describe("certificates/rules.yaml", () => {
  const file = RulesFileSchema.parse(parse(fs.readFileSync(path.resolve("certificates/rules.yaml"), "utf8")));
  const courses = new Set(
    fs.readdirSync(path.resolve("courses")).filter((d) => fs.existsSync(path.resolve("courses", d, "course.yaml")))
  );

  it("names only courses that exist and templates that exist", () => {
    for (const rule of file.rules) {
      for (const id of [...rule.requires, ...(rule.renewal?.requires ?? [])]) expect(courses, rule.id).toContain(id);
      expect(fs.existsSync(path.resolve("certificates/templates", `${rule.template}.yaml`)), rule.template).toBe(true);
    }
  });

  it("titles every certification in the six languages", () => {
    for (const rule of file.rules)
      expect(Object.keys(rule.title).sort(), rule.id).toEqual([...SUPPORTED_LANGUAGES].sort());
  });

  it("has the college's default: both programmes, approved by an administrator", () => {
    const certified = file.rules.find((r) => r.id === "ip-crime-investigator-certified");
    expect(certified).toMatchObject({
      requires: ["ip-crime-introductory", "ip-crime-intermediate"],
      issuance: "approval",
      title: { en: "IP Crime Investigator — Certified" },
    });
  });
});
