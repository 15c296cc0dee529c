import type { Issue } from "./parse.ts";
import type { Manifest } from "./schema.ts";

/** What link checks need of a course: its folder (for messages) and its files' sizes. */
export interface LinkContext {
  dir: string;
  assets: Map<string, number>;
}

const IMAGE = /\.(png|jpe?g|svg|webp)$/i;
export const MAX_IMAGE_BYTES = 500 * 1024;
const LINK = /(!?)\[([^\]]*)\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)/g;

/**
 * Links and images in Markdown written from `fromDir` (a module folder for a lesson): images exist, are
 * images, are small enough and have alt text; links to lessons name real lessons; only http, https and mailto
 * leave the course. `lines` are the Markdown's lines with the file line each is on.
 */
export function checkMarkdownLinks(
  context: LinkContext,
  manifest: Manifest,
  file: string,
  fromDir: string,
  lines: { text: string; line: number }[]
): Issue[] {
  const issues: Issue[] = [];
  for (const { text, line } of lines) {
    for (const [, bang, label, target] of text.matchAll(LINK) as IterableIterator<[string, string, string, string]>) {
      if (/^(https?:|mailto:)/i.test(target) || target.startsWith("#")) continue;
      if (/^[a-z]+:/i.test(target)) {
        issues.push({ file, line, message: `link \`${target}\`: only http, https and mailto links are allowed` });
        continue;
      }
      const resolved = resolve(fromDir, target.split("#")[0]!);
      if (bang) {
        if (!label.trim()) issues.push({ file, line, message: `image \`${target}\` has no alt text` });
        const size = context.assets.get(resolved);
        if (size === undefined)
          issues.push({ file, line, message: `image \`${target}\` does not exist (${context.dir}/${resolved})` });
        else if (!IMAGE.test(resolved))
          issues.push({ file, line, message: `\`${target}\` is not a PNG, JPEG, SVG or WebP image` });
        else if (size > MAX_IMAGE_BYTES)
          issues.push({ file, line, message: `image \`${target}\` is larger than 500 KB` });
      } else {
        const [moduleId, lessonId, extra] = resolved.split("/");
        const module = manifest.modules.find((m) => m.id === moduleId);
        if (extra !== undefined || !module || !lessonId || !module.lessons.includes(lessonId)) {
          issues.push({ file, line, message: `broken link \`${target}\`: no lesson ${resolved} in this course` });
        }
      }
    }
  }
  return issues;
}

function resolve(fromDir: string, target: string): string {
  const parts = fromDir.split("/");
  for (const part of target.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}
