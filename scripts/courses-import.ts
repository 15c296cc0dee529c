// `npm run courses:import`: validate the course files and bring the database in line with them.
// Runs at every start (scripts/start.mjs). Idempotent; a course with problems keeps its previous
// published version and the problems are printed.
import path from "node:path";
import { importCourses } from "../app/domain/courses/import.server.ts";
import { loadCourses } from "../app/domain/courses/load.server.ts";
import { prisma } from "../app/utils/db.server.ts";

const { courses, issues } = loadCourses(path.resolve(process.argv[2] ?? "courses"));
for (const issue of issues) console.error(`${issue.file}:${issue.line}: ${issue.message}`);
const report = await importCourses(courses);
const parts = [
  report.imported.length && `imported ${report.imported.join(", ")}`,
  report.unchanged.length && `unchanged ${report.unchanged.join(", ")}`,
  report.refused.length && `REFUSED (see problems above) ${report.refused.join(", ")}`,
  report.retiredCourses.length && `retired ${report.retiredCourses.join(", ")}`,
].filter(Boolean);
console.log(`Courses: ${parts.join("; ") || "none"}.`);
await prisma.$disconnect();
if (report.refused.length) process.exitCode = 1;
