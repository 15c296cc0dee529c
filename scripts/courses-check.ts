// `npm run courses:check [folder]`: validate every course under courses/ (or the given folder):
// schema, lesson files, interactive blocks, links, images, ids, translations. Prints each problem
// as file:line: message, then each course's translation coverage; exits 1 when anything is wrong.
import path from "node:path";
import { loadCourses } from "../app/domain/courses/load.server.ts";
import { SUPPORTED_LANGUAGES } from "../app/i18n/config.ts";

const root = path.resolve(process.argv[2] ?? "courses");
const { courses, issues } = loadCourses(root);

for (const issue of issues) console.log(`${issue.file}:${issue.line}: ${issue.message}`);

console.log(`\nTranslation coverage (lessons translated / lessons):`);
console.log(`${"course".padEnd(28)}${SUPPORTED_LANGUAGES.map((l) => l.padStart(12)).join("")}`);
for (const course of courses) {
  const cells = SUPPORTED_LANGUAGES.map((l) => {
    const { translated, total } = course.coverage[l];
    const percent = total ? Math.round((translated / total) * 100) : 0;
    return `${translated}/${total} ${String(percent).padStart(3)}%`.padStart(12);
  });
  console.log(`${course.id.padEnd(28)}${cells.join("")}`);
}

const withAssignments = courses.filter((c) => c.assignments.length > 0);
if (withAssignments.length) {
  console.log(`\nAssignments translated (title, instructions, rubric) / assignments:`);
  console.log(`${"course".padEnd(28)}${SUPPORTED_LANGUAGES.map((l) => l.padStart(12)).join("")}`);
  for (const course of withAssignments) {
    const cells = SUPPORTED_LANGUAGES.map((l) => {
      const { translated, total } = course.assignmentCoverage[l];
      return `${translated}/${total} ${String(Math.round((translated / total) * 100)).padStart(3)}%`.padStart(12);
    });
    console.log(`${course.id.padEnd(28)}${cells.join("")}`);
  }
}

const lessons = courses.reduce((n, c) => n + c.lessons.size, 0);
if (issues.length) {
  console.log(`\n✖ ${issues.length} problem(s) in ${courses.length} course(s).`);
  process.exit(1);
}
const assignments = courses.reduce((n, c) => n + c.assignments.length, 0);
console.log(`\n✔ ${courses.length} course(s), ${lessons} lesson(s), ${assignments} assignment(s): no problems.`);
