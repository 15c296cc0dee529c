import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { bankFiles } from "~/domain/assessments/authoring.server.ts";
import { QuestionSchema } from "~/domain/assessments/schema.ts";
import { prisma } from "~/utils/db.server.ts";
import { uploadsDir } from "./images.server.ts";

/**
 * `npm run courses:export`: write the lesson texts and questions published in the browser back to the
 * course files, so that an edit made in the editor can be reviewed in a pull request, and is not replaced
 * by the files at the next import. Only files whose text differs are written; images uploaded in the
 * editor that a lesson uses are copied into the course's `images/` folder.
 */

export interface ExportReport {
  written: string[];
  unchanged: number;
  images: string[];
  skippedCourses: string[];
}

const IMAGE_REF = /\]\(\.\.\/images\/([^)\s]+)\)/g;

export async function exportCourses(root: string, options: { dryRun?: boolean } = {}): Promise<ExportReport> {
  const report: ExportReport = { written: [], unchanged: 0, images: [], skippedCourses: [] };
  const courses = await prisma.course.findMany({
    where: { retiredAt: null },
    orderBy: { position: "asc" },
    select: {
      id: true,
      lessons: {
        where: { retiredAt: null, module: { retiredAt: null } },
        select: {
          slug: true,
          module: { select: { slug: true } },
          contents: { select: { language: true, source: true } },
        },
      },
    },
  });
  for (const course of courses) {
    const dir = path.join(root, course.id);
    if (!fs.existsSync(path.join(dir, "course.yaml"))) {
      report.skippedCourses.push(course.id);
      continue;
    }
    const usedImages = new Set<string>();
    for (const lesson of course.lessons) {
      for (const content of lesson.contents) {
        for (const [, file] of content.source.matchAll(IMAGE_REF)) usedImages.add(file!);
        const relative = `${lesson.module.slug}/${lesson.slug}.${content.language}.md`;
        const target = path.join(dir, relative);
        const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : null;
        if (current === content.source) {
          report.unchanged++;
          continue;
        }
        report.written.push(`${course.id}/${relative}`);
        if (!options.dryRun) {
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, content.source);
        }
      }
    }
    // Question banks: a file is rewritten only when its questions differ from the published ones
    // (comments and layout of hand-written files are kept otherwise).
    const banks = await bankFiles(course.id);
    // A translation file whose every question was withdrawn (its answers no longer matched) goes too.
    const questionsDir = path.join(dir, "questions");
    const bankIds = new Set([...banks.keys()].map((file) => file.split("/")[1]!.split(".")[0]));
    for (const file of fs.existsSync(questionsDir) ? fs.readdirSync(questionsDir) : []) {
      const relative = `questions/${file}`;
      if (!bankIds.has(file.split(".")[0]!) || banks.has(relative)) continue;
      report.written.push(`${course.id}/${relative} (removed)`);
      if (!options.dryRun) fs.rmSync(path.join(questionsDir, file));
    }
    for (const [relative, bank] of banks) {
      const target = path.join(dir, relative);
      const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : null;
      if (current !== null && sameQuestions(current, bank.questions)) {
        report.unchanged++;
        continue;
      }
      report.written.push(`${course.id}/${relative}`);
      if (!options.dryRun) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, bank.text);
      }
    }
    for (const file of [...usedImages].sort()) {
      const uploaded = path.join(uploadsDir(course.id), path.basename(file));
      const target = path.join(dir, "images", path.basename(file));
      if (!fs.existsSync(uploaded) || fs.existsSync(target)) continue;
      report.images.push(`${course.id}/images/${path.basename(file)}`);
      if (!options.dryRun) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(uploaded, target);
      }
    }
  }
  return report;
}

function sameQuestions(fileText: string, published: unknown[]): boolean {
  try {
    const inFile = ((parse(fileText) as { questions?: unknown[] })?.questions ?? []).map((q) =>
      QuestionSchema.parse(q)
    );
    return JSON.stringify(inFile) === JSON.stringify(published);
  } catch {
    return false;
  }
}
