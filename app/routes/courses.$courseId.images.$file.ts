import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findImage } from "~/domain/courses/images.server.ts";
import { httpError } from "~/utils/http.server.ts";

/**
 * Lesson images (`../images/<file>` in a lesson). Course pictures are not secret, so no sign-in;
 * uploads are named by content hash, so they may be cached for good. SVG from course files is
 * sandboxed so that a script inside one can never run.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const image = findImage(params.courseId ?? "", params.file ?? "");
  if (!image) throw httpError("not_found");
  const bytes = await fs.promises.readFile(image.path);
  const immutable = (params.file ?? "").startsWith("upload-");
  return new Response(bytes, {
    headers: {
      "Content-Type": image.type,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
