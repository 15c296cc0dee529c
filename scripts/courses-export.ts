// `npm run courses:export [folder] [--dry-run]`: write lesson texts published in the browser back to
// the course files (and copy the uploaded images they use), ready for review and commit.
import path from "node:path";
import { exportCourses } from "../app/domain/courses/export.server.ts";
import { loadCourses } from "../app/domain/courses/load.server.ts";
import { prisma } from "../app/utils/db.server.ts";

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const root = path.resolve(args.find((a) => !a.startsWith("--")) ?? "courses");
const report = await exportCourses(root, { dryRun });
for (const file of report.written) console.log(`${dryRun ? "would write" : "wrote"} ${file}`);
for (const file of report.images) console.log(`${dryRun ? "would copy" : "copied"} ${file}`);
for (const id of report.skippedCourses) console.log(`skipped ${id}: no course folder under ${root}`);
console.log(
  `Exported: ${report.written.length} lesson file(s) ${dryRun ? "to write" : "written"}, ${
    report.unchanged
  } unchanged, ${report.images.length} image(s).`
);
await prisma.$disconnect();
if (!dryRun && report.written.length) {
  // What was written must still pass the checker.
  const { issues } = loadCourses(root);
  for (const issue of issues) console.error(`${issue.file}:${issue.line}: ${issue.message}`);
  if (issues.length) process.exitCode = 1;
}
