import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Issue } from "./parse.ts";
import { checkCatalogue, checkCourse, type CheckedCourse, type CourseSource } from "./validate.ts";

/** Read one course folder into memory (lesson texts, other files' sizes). */
export function readCourseSource(root: string, folderName: string): CourseSource {
  const dir = path.join(root, folderName);
  const manifestPath = path.join(dir, "course.yaml");
  const lessonFiles = new Map<string, string>();
  const assets = new Map<string, number>();
  const dataFiles = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) walk(rel);
      else if (rel === "course.yaml") continue;
      else if (entry.name.endsWith(".md")) lessonFiles.set(rel, fs.readFileSync(path.join(dir, rel), "utf8"));
      else if (entry.name.endsWith(".yaml")) dataFiles.set(rel, fs.readFileSync(path.join(dir, rel), "utf8"));
      else assets.set(rel, fs.statSync(path.join(dir, rel)).size);
    }
  };
  walk("");
  return {
    dir: path.relative(process.cwd(), dir) || dir,
    folderName,
    manifestText: fs.existsSync(manifestPath) ? fs.readFileSync(manifestPath, "utf8") : null,
    lessonFiles,
    assets,
    dataFiles,
  };
}

/** A fingerprint of every file of a course, so an unchanged course is not imported again. */
export function sourceHash(source: CourseSource): string {
  const hash = crypto.createHash("sha256").update(source.manifestText ?? "");
  for (const [file, text] of [...source.lessonFiles, ...(source.dataFiles ?? [])].sort(([a], [b]) =>
    a.localeCompare(b)
  ))
    hash.update(`\0${file}\0${text}`);
  for (const [file, size] of [...source.assets].sort(([a], [b]) => a.localeCompare(b)))
    hash.update(`\0${file}\0${size}`);
  return hash.digest("hex");
}

export type LoadedCourse = CheckedCourse & { sourceHash: string };

/** Every course under `root` (one folder each), checked; the problems of all of them together. */
export function loadCourses(root = path.resolve("courses")): { courses: LoadedCourse[]; issues: Issue[] } {
  const folders = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  const courses = folders.map((folder) => {
    const source = readCourseSource(root, folder);
    return { ...checkCourse(source), sourceHash: sourceHash(source) };
  });
  const issues = [...courses.flatMap((c) => c.issues), ...checkCatalogue(courses)];
  issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { courses, issues };
}
