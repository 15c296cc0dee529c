import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { prisma } from "~/utils/db.server.ts";
import { dataDir } from "~/utils/paths.server.ts";
import { MAX_IMAGE_BYTES } from "./validate.ts";

/**
 * Lesson images. Those written with the course live in `courses/<course>/images/`; those uploaded in
 * the editor in `DATA_DIR/course-images/<course>/` (named by their content hash) until
 * `npm run courses:export` copies them beside the course. Lessons refer to both as `../images/<file>`.
 */

export const UPLOAD_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
} as const;

const CONTENT_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  svg: "image/svg+xml",
};

const FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,99}\.(png|jpe?g|webp|svg)$/i;
const COURSE_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function coursesRoot(): string {
  return path.resolve("courses");
}

export function uploadsDir(courseId: string): string {
  return path.join(dataDir(), "course-images", courseId);
}

/** Whether a (current or retired) course of that id exists, to upload images for. */
export async function courseExists(courseId: string): Promise<boolean> {
  if (!COURSE_ID.test(courseId)) return false;
  return (await prisma.course.count({ where: { id: courseId } })) === 1;
}

/** What the bytes are, from their first bytes (never from the name or the browser's word). */
export function sniffImage(bytes: Uint8Array): keyof typeof UPLOAD_TYPES | null {
  const at = (offset: number, ...values: number[]) => values.every((v, i) => bytes[offset + i] === v);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "image/webp";
  return null;
}

export type UploadResult =
  | { ok: true; src: string; file: string }
  | { ok: false; reason: "too_large" | "not_an_image" | "empty" };

/** Keep an uploaded image for a course; the same bytes uploaded twice are one file. */
export function saveUploadedImage(courseId: string, bytes: Uint8Array): UploadResult {
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, reason: "too_large" };
  const type = sniffImage(bytes);
  if (!type) return { ok: false, reason: "not_an_image" };
  const file = `upload-${crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 20)}.${UPLOAD_TYPES[type]}`;
  const dir = uploadsDir(courseId);
  const target = path.join(dir, file);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);
  }
  return { ok: true, src: `../images/${file}`, file };
}

/** The file behind `/courses/<course>/images/<file>`, or null (bad name, unknown course, missing). */
export function findImage(courseId: string, file: string): { path: string; type: string } | null {
  if (!COURSE_ID.test(courseId) || !FILE_NAME.test(file)) return null;
  const type = CONTENT_TYPES[file.split(".").pop()!.toLowerCase()]!;
  for (const candidate of [path.join(coursesRoot(), courseId, "images", file), path.join(uploadsDir(courseId), file)]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return { path: candidate, type };
  }
  return null;
}

/** Every image a course's lessons may use, as `images/<file>` → size in bytes. */
export function courseImages(courseId: string): Map<string, number> {
  const images = new Map<string, number>();
  if (!COURSE_ID.test(courseId)) return images;
  for (const dir of [path.join(coursesRoot(), courseId, "images"), uploadsDir(courseId)]) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      if (FILE_NAME.test(name)) images.set(`images/${name}`, fs.statSync(path.join(dir, name)).size);
    }
  }
  return images;
}
