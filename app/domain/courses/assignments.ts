import { SUPPORTED_LANGUAGES, type Language } from "~/i18n/config.ts";
import { checkMarkdownLinks, type LinkContext } from "./links.ts";
import { parseYaml, type Issue } from "./parse.ts";
import { AssignmentsFileSchema, type AssignmentFile, type Manifest } from "./schema.ts";

/**
 * Checks of a course's `assignments.yaml` (format in courses/README.md, "Assignments"), every problem at its
 * file and line: the schema, ids unique in the course, modules that exist, rubrics whose levels can be told
 * apart, instructions that are plain lesson Markdown (no interactive blocks) with working links and images.
 * Pure: the file's text comes in, nothing is read from disk.
 */

export const ASSIGNMENTS_FILE = "assignments.yaml";

export interface CheckedAssignments {
  /** The assignments in file order (empty when the file is absent or has problems). */
  assignments: AssignmentFile[];
  /** Per language: assignments whose title, instructions and rubric are all translated, of how many. */
  coverage: Record<Language, { translated: number; total: number }>;
  issues: Issue[];
}

const BLOCK_LINE = /^\s*:::[A-Za-z]/;

/** A Localised text in one language (undefined when it is not translated). */
const textIn = (texts: { en: string }, lng: Language): string | undefined =>
  (texts as Record<string, string | undefined>)[lng];

export function checkAssignments(
  context: LinkContext,
  text: string | undefined,
  manifest: Manifest
): CheckedAssignments {
  const coverage = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((l) => [l, { translated: 0, total: 0 }])
  ) as CheckedAssignments["coverage"];
  if (text === undefined) return { assignments: [], coverage, issues: [] };
  const file = `${context.dir}/${ASSIGNMENTS_FILE}`;
  const parsed = parseYaml(file, text, 1, AssignmentsFileSchema, "assignments");
  const issues: Issue[] = [...parsed.issues];
  if (!parsed.value) return { assignments: [], coverage, issues };
  const assignments = parsed.value.assignments;
  const modules = new Set(manifest.modules.map((m) => m.id));
  const seen = new Set<string>();

  assignments.forEach((assignment, i) => {
    const at = (message: string, ...path: (string | number)[]) =>
      issues.push({
        file,
        line: parsed.lineOf(["assignments", i, ...path]),
        message: `assignment \`${assignment.id}\`: ${message}`,
      });
    if (seen.has(assignment.id)) at("duplicate assignment id", "id");
    seen.add(assignment.id);
    if (!modules.has(assignment.module)) at(`module \`${assignment.module}\` is not a module of this course`, "module");

    const criteria = new Set<string>();
    assignment.rubric.criteria.forEach((criterion, c) => {
      const path = ["rubric", "criteria", c];
      if (criteria.has(criterion.id)) at(`duplicate criterion id \`${criterion.id}\``, ...path, "id");
      criteria.add(criterion.id);
      const levels = new Set<string>();
      const points = new Set<number>();
      criterion.levels.forEach((level, l) => {
        if (levels.has(level.id))
          at(`criterion \`${criterion.id}\`: duplicate level id \`${level.id}\``, ...path, "levels", l, "id");
        levels.add(level.id);
        if (points.has(level.points))
          at(
            `criterion \`${criterion.id}\`: two levels are worth ${level.points} points`,
            ...path,
            "levels",
            l,
            "points"
          );
        points.add(level.points);
      });
    });
    if (Math.max(...assignment.rubric.criteria.flatMap((c) => c.levels.map((l) => l.points))) <= 0)
      at("the rubric is worth no points", "rubric");

    // Instructions: lesson Markdown without blocks; links and images checked as a lesson of the module's.
    for (const lng of SUPPORTED_LANGUAGES) {
      const markdown = textIn(assignment.instructions, lng);
      if (!markdown) continue;
      const position = parsed.textAt(["assignments", i, "instructions", lng]);
      const lines = markdown.split("\n").map((line: string, offset: number) => ({
        text: line,
        line: position.literal ? position.line + offset : position.line,
      }));
      for (const { text: line, line: number } of lines) {
        if (BLOCK_LINE.test(line))
          issues.push({
            file,
            line: number,
            message: `assignment \`${assignment.id}\`: instructions (${lng}) cannot hold interactive blocks (\`:::\`)`,
          });
      }
      issues.push(
        ...checkMarkdownLinks(context, manifest, file, assignment.module, lines).map((issue) => ({
          ...issue,
          message: `assignment \`${assignment.id}\` (${lng}): ${issue.message}`,
        }))
      );
    }
  });

  for (const lng of SUPPORTED_LANGUAGES) {
    coverage[lng] = {
      total: assignments.length,
      translated: assignments.filter((a) => translatedInto(a, lng)).length,
    };
  }
  return { assignments, coverage, issues };
}

/** Is every text of an assignment (title, instructions, rubric titles) in `lng`? Others fall back to English. */
function translatedInto(assignment: AssignmentFile, lng: Language): boolean {
  const texts = [
    assignment.title,
    assignment.instructions,
    ...assignment.rubric.criteria.flatMap((c) => [c.title, ...c.levels.map((l) => l.title)]),
  ];
  return texts.every((t) => textIn(t, lng));
}
