import fs from "node:fs";
import path from "node:path";
import { prisma } from "~/utils/db.server.ts";
import { uploadsDir } from "./images.server.ts";

/**
 * `npm run courses:export`: write the lesson texts published in the browser back to the course
 * files, so that an edit made in the editor can be reviewed in a pull request, and is not replaced
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
