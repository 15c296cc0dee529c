import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { courseStructure } from "~/domain/courses/structure.server.ts";
import { httpError } from "~/utils/http.server.ts";

/** A module's address shows the course outline at that module (modules have no page of their own). */
export async function loader({ params }: LoaderFunctionArgs) {
  const structure = await courseStructure(params.courseId ?? "");
  const known = structure?.lessons.some((l) => l.moduleSlug === params.moduleId && !l.retired);
  if (!known) throw httpError("not_found");
  return redirect(`/courses/${params.courseId}#module-${params.moduleId}`);
}
