import { SUPPORTED_LANGUAGES, type Language } from "~/i18n/config.ts";
import { blocksOf, parseLesson, parseYaml, type Issue, type ParsedLesson } from "./parse.ts";
import { checkAssessments, type CheckedAssessments } from "~/domain/assessments/check.ts";
import { ManifestSchema, type AssignmentFile, type Block, type Manifest, type Scenario } from "./schema.ts";
import { ASSIGNMENTS_FILE, checkAssignments } from "./assignments.ts";
import { checkMarkdownLinks, MAX_IMAGE_BYTES } from "./links.ts";

export { MAX_IMAGE_BYTES };

/** A course as files, before checking: what load.server.ts reads from disk (or a test builds). */
export interface CourseSource {
  /** Folder path shown in messages, e.g. `courses/ip-crime-introductory`. */
  dir: string;
  folderName: string;
  manifestText: string | null;
  /** Lesson files by path relative to the course folder: `ip-crimes/what-is-ip-crime.en.md`. */
  lessonFiles: Map<string, string>;
  /** Other files (images) by relative path, with their size in bytes. */
  assets: Map<string, number>;
  /** Question banks and assessments.yaml by relative path (absent: none). */
  dataFiles?: Map<string, string>;
}

export interface CheckedCourse {
  id: string;
  /** Path of its course.yaml, for messages. */
  manifestFile: string;
  manifest: Manifest | null;
  /** `module/lesson` → language → parsed lesson. */
  lessons: Map<string, Map<Language, ParsedLesson>>;
  coverage: Record<Language, { translated: number; total: number }>;
  /** Question banks (bank → language → questions) and quiz/examination settings. */
  banks: CheckedAssessments["banks"];
  assessments: CheckedAssessments["assessments"];
  /** Assignments (assignments.yaml), in file order, and their translation coverage. */
  assignments: AssignmentFile[];
  assignmentCoverage: Record<Language, { translated: number; total: number }>;
  issues: Issue[];
}

const emptyCoverage = () =>
  Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, { translated: 0, total: 0 }])) as CheckedCourse["coverage"];
const LESSON_FILE = /^([^/]+)\/([^/]+)\.([a-z]{2})\.md$/;

export function checkCourse(source: CourseSource): CheckedCourse {
  const issues: Issue[] = [];
  const manifestFile = `${source.dir}/course.yaml`;
  const coverage = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((l) => [l, { translated: 0, total: 0 }])
  ) as CheckedCourse["coverage"];
  const lessons = new Map<string, Map<Language, ParsedLesson>>();
  if (source.manifestText === null) {
    issues.push({ file: manifestFile, line: 1, message: "course.yaml is missing" });
    return {
      id: source.folderName,
      manifestFile,
      manifest: null,
      lessons,
      coverage,
      banks: new Map(),
      assessments: [],
      assignments: [],
      assignmentCoverage: emptyCoverage(),
      issues,
    };
  }
  const parsed = parseYaml(manifestFile, source.manifestText, 1, ManifestSchema, "course.yaml");
  issues.push(...parsed.issues);
  const manifest = parsed.value;
  if (!manifest)
    return {
      id: source.folderName,
      manifestFile,
      manifest,
      lessons,
      coverage,
      banks: new Map(),
      assessments: [],
      assignments: [],
      assignmentCoverage: emptyCoverage(),
      issues,
    };
  const at = (path: (string | number)[], message: string) =>
    issues.push({ file: manifestFile, line: parsed.lineOf(path), message });

  if (manifest.id !== source.folderName)
    at(["id"], `id \`${manifest.id}\` differs from the folder name \`${source.folderName}\``);

  // Ids: modules unique, lessons unique in the course (their URLs and progress hang on them).
  const seenModules = new Set<string>();
  const seenLessons = new Map<string, string>();
  manifest.modules.forEach((module, m) => {
    if (seenModules.has(module.id)) at(["modules", m, "id"], `duplicate module id \`${module.id}\``);
    seenModules.add(module.id);
    module.lessons.forEach((lesson, l) => {
      if (seenLessons.has(lesson))
        at(
          ["modules", m, "lessons", l],
          `duplicate lesson id \`${lesson}\` (also in module \`${seenLessons.get(lesson)}\`)`
        );
      seenLessons.set(lesson, module.id);
    });
  });

  // Every listed lesson has its English file; every lesson file is listed.
  const listed = new Set(manifest.modules.flatMap((m) => m.lessons.map((l) => `${m.id}/${l}`)));
  for (const [path, text] of source.lessonFiles) {
    const file = `${source.dir}/${path}`;
    const match = LESSON_FILE.exec(path);
    if (!match) {
      issues.push({ file, line: 1, message: "a lesson file must be named <module>/<lesson>.<language>.md" });
      continue;
    }
    const [, moduleId, lessonId, lng] = match as unknown as [string, string, string, string];
    if (!(SUPPORTED_LANGUAGES as string[]).includes(lng)) {
      issues.push({ file, line: 1, message: `unknown language \`${lng}\` (known: ${SUPPORTED_LANGUAGES.join(", ")})` });
      continue;
    }
    const key = `${moduleId}/${lessonId}`;
    if (!listed.has(key)) {
      issues.push({ file, line: 1, message: `lesson \`${key}\` is not listed in course.yaml` });
      continue;
    }
    const lesson = parseLesson(file, text);
    issues.push(...lesson.issues);
    if (!lessons.has(key)) lessons.set(key, new Map());
    lessons.get(key)!.set(lng as Language, lesson);
  }
  manifest.modules.forEach((module, m) =>
    module.lessons.forEach((lessonId, l) => {
      if (!lessons.get(`${module.id}/${lessonId}`)?.has("en")) {
        at(["modules", m, "lessons", l], `missing English lesson file ${module.id}/${lessonId}.en.md`);
      }
    })
  );

  const blockIds = new Map<string, string>();
  for (const byLanguage of lessons.values()) {
    const english = byLanguage.get("en");
    if (english) {
      if (english.frontMatter && english.frontMatter.minutes === undefined) {
        issues.push({ file: english.file, line: 2, message: "front matter: `minutes` is required in English" });
      }
      for (const { block, line } of blocksOf(english)) {
        const previous = blockIds.get(block.data.id);
        if (previous)
          issues.push({
            file: english.file,
            line,
            message: `duplicate block id \`${block.data.id}\` (also in ${previous})`,
          });
        else blockIds.set(block.data.id, english.file);
        issues.push(...checkBlock(english.file, line, block));
      }
    }
    for (const [lng, lesson] of byLanguage) {
      issues.push(...checkLinks(source, manifest, lesson));
      if (lng !== "en" && english) issues.push(...compareTranslation(english, lesson));
    }
  }

  for (const lng of SUPPORTED_LANGUAGES) {
    coverage[lng] = {
      total: listed.size,
      translated: [...lessons.values()].filter((byLanguage) => byLanguage.has(lng)).length,
    };
  }
  // assignments.yaml is checked on its own; every other data file is a question bank or assessments.yaml.
  const dataFiles = new Map(
    [...(source.dataFiles ?? new Map<string, string>())].filter(([p]) => p !== ASSIGNMENTS_FILE)
  );
  const checked = checkAssessments(source.dir, dataFiles, manifest);
  issues.push(...checked.issues);
  const assignments = checkAssignments(
    { dir: source.dir, assets: source.assets },
    source.dataFiles?.get(ASSIGNMENTS_FILE),
    manifest
  );
  issues.push(...assignments.issues);
  // A lesson's quiz block shows a module quiz: an assessment of kind `quiz` for that lesson's module.
  const shown = new Set<string>();
  for (const [key, byLanguage] of lessons) {
    const english = byLanguage.get("en");
    if (!english) continue;
    const moduleId = key.split("/")[0];
    for (const { block, line } of blocksOf(english)) {
      if (block.type !== "quiz") continue;
      shown.add(block.data.id);
      const quiz = checked.assessments.find((a) => a.id === block.data.id);
      if (!quiz || quiz.kind !== "quiz")
        issues.push({
          file: english.file,
          line,
          message: `quiz \`${block.data.id}\` is not a quiz in assessments.yaml`,
        });
      else if (quiz.module !== moduleId)
        issues.push({
          file: english.file,
          line,
          message: `quiz \`${block.data.id}\` belongs to module \`${quiz.module}\`, not \`${moduleId}\``,
        });
    }
  }
  for (const quiz of checked.assessments.filter((a) => a.kind === "quiz" && !shown.has(a.id)))
    issues.push({
      file: `${source.dir}/assessments.yaml`,
      line: 1,
      message: `quiz \`${quiz.id}\` is in no lesson: add a \`quiz\` block with \`id: ${quiz.id}\` to a lesson of module \`${quiz.module}\``,
    });
  return {
    id: manifest.id,
    manifestFile,
    manifest,
    lessons,
    coverage,
    banks: checked.banks,
    assessments: checked.assessments,
    assignments: assignments.assignments,
    assignmentCoverage: assignments.coverage,
    issues,
  };
}

/** Rules a schema alone cannot say: scenario paths, categories that exist. */
export function checkBlock(file: string, line: number, block: Block): Issue[] {
  const issues: Issue[] = [];
  const problem = (message: string) =>
    issues.push({ file, line, message: `${block.type} \`${block.data.id}\`: ${message}` });
  switch (block.type) {
    case "scenario":
      for (const message of scenarioProblems(block.data)) problem(message);
      break;
    case "categorise": {
      const ids = new Set(block.data.categories.map((c) => c.id));
      if (ids.size !== block.data.categories.length) problem("two categories share an id");
      for (const item of block.data.items) {
        if (!ids.has(item.category)) problem(`item “${item.text}” names an unknown category \`${item.category}\``);
      }
      for (const category of ids) {
        if (!block.data.items.some((i) => i.category === category)) problem(`category \`${category}\` has no items`);
      }
      break;
    }
    default:
      break;
  }
  return issues;
}

/** Every `next` exists, every step is reachable, each step has choices or an ending, and every path ends. */
export function scenarioProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const steps = new Map(scenario.steps.map((s) => [s.id, s]));
  if (steps.size !== scenario.steps.length) problems.push("two steps share an id");
  if (!steps.has(scenario.start)) problems.push(`start \`${scenario.start}\` is not a step`);
  for (const step of scenario.steps) {
    if (!step.choices && !step.ending) problems.push(`step \`${step.id}\` has neither choices nor an ending`);
    if (step.choices && step.ending) problems.push(`step \`${step.id}\` has both choices and an ending`);
    for (const choice of step.choices ?? []) {
      if (!steps.has(choice.next))
        problems.push(`step \`${step.id}\` leads to \`${choice.next}\`, which is not a step`);
    }
  }
  if (problems.length) return problems;
  const reachable = new Set<string>();
  const queue = [scenario.start];
  while (queue.length) {
    const id = queue.shift()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const choice of steps.get(id)!.choices ?? []) queue.push(choice.next);
  }
  for (const step of scenario.steps)
    if (!reachable.has(step.id)) problems.push(`step \`${step.id}\` cannot be reached from the start`);
  if (!scenario.steps.some((s) => s.ending)) problems.push("no step is an ending");
  // A step "can end" if it is an ending or one of its choices leads to a step that can end.
  const canEnd = new Set(scenario.steps.filter((s) => s.ending).map((s) => s.id));
  for (let changed = true; changed; ) {
    changed = false;
    for (const step of scenario.steps) {
      if (!canEnd.has(step.id) && (step.choices ?? []).some((c) => canEnd.has(c.next))) {
        canEnd.add(step.id);
        changed = true;
      }
    }
  }
  for (const id of reachable) if (!canEnd.has(id)) problems.push(`from step \`${id}\` no path reaches an ending`);
  return problems;
}

/** Images exist, are images, are small enough and have alt text; lesson links name real lessons. */
export function checkLinks(source: CourseSource, manifest: Manifest, lesson: ParsedLesson): Issue[] {
  const lessonPath = lesson.file.slice(source.dir.length + 1);
  const moduleDir = lessonPath.split("/")[0]!;
  return lesson.segments.flatMap((segment) =>
    segment.kind === "markdown"
      ? checkMarkdownLinks(
          { dir: source.dir, assets: source.assets },
          manifest,
          lesson.file,
          moduleDir,
          segment.text.split("\n").map((text, offset) => ({ text, line: segment.line + offset }))
        )
      : []
  );
}

/**
 * A translation keeps the English lesson's structure: the same blocks, in order, with the same
 * ids, options, categories, steps and right answers. Only the text changes.
 */
export function compareTranslation(english: ParsedLesson, translation: ParsedLesson): Issue[] {
  const issues: Issue[] = [];
  const source = blocksOf(english);
  const target = blocksOf(translation);
  if (source.length !== target.length) {
    issues.push({
      file: translation.file,
      line: 1,
      message: `has ${target.length} interactive blocks; the English lesson has ${source.length}`,
    });
    return issues;
  }
  source.forEach(({ block }, i) => {
    const { block: other, line } = target[i]!;
    const differs = structure(block) !== structure(other);
    if (differs) {
      issues.push({
        file: translation.file,
        line,
        message: `${other.type} \`${other.data.id}\` does not match the English ${block.type} \`${block.data.id}\` (ids, order, number of options or right answers differ)`,
      });
    }
  });
  return issues;
}

/** Everything about a block except its wording. */
function structure(block: Block): string {
  switch (block.type) {
    case "knowledge-check":
      return JSON.stringify([block.type, block.data.id, block.data.multiple, block.data.options.map((o) => o.correct)]);
    case "scenario":
      return JSON.stringify([
        block.type,
        block.data.id,
        block.data.start,
        block.data.steps.map((s) => [s.id, s.ending ?? null, (s.choices ?? []).map((c) => c.next)]),
      ]);
    case "categorise":
      return JSON.stringify([
        block.type,
        block.data.id,
        block.data.categories.map((c) => c.id),
        block.data.items.map((i) => i.category),
      ]);
    case "reveal":
      return JSON.stringify([block.type, block.data.id, block.data.cards.length]);
    case "quiz":
      return JSON.stringify([block.type, block.data.id]);
  }
}

/** Checks across courses: unique ids and prerequisites that exist and do not loop. */
export function checkCatalogue(courses: CheckedCourse[]): Issue[] {
  const issues: Issue[] = [];
  const ids = new Map<string, CheckedCourse>();
  for (const course of courses) {
    if (!course.manifest) continue;
    if (ids.has(course.id))
      issues.push({ file: course.manifestFile, line: 1, message: `duplicate course id \`${course.id}\`` });
    ids.set(course.id, course);
  }
  for (const course of ids.values()) {
    for (const prerequisite of course.manifest!.prerequisites) {
      if (prerequisite === course.id)
        issues.push({ file: course.manifestFile, line: 1, message: "a course cannot be its own prerequisite" });
      else if (!ids.has(prerequisite))
        issues.push({ file: course.manifestFile, line: 1, message: `unknown prerequisite course \`${prerequisite}\`` });
    }
  }
  return issues;
}
