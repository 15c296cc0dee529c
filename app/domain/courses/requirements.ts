import type { Manifest } from "./schema.ts";

/**
 * What a course asks before enrolment: prerequisite courses passed and, for the trainers' course, a current
 * certificate of one rule. Both live in `Course.prerequisites` (there is no column of its own for the
 * certificate): a plain JSON array of course ids, as it always was, or `{ "courses": [...], "certificate":
 * "<rule id>" }` when the manifest has `requiresCertificate`. Pure: unit-tested.
 */
export interface Requirements {
  courses: string[];
  certificate: string | null;
}

export function requirementsJson(manifest: Pick<Manifest, "prerequisites" | "requiresCertificate">): string {
  return manifest.requiresCertificate
    ? JSON.stringify({ courses: manifest.prerequisites, certificate: manifest.requiresCertificate })
    : JSON.stringify(manifest.prerequisites);
}

export function parseRequirements(json: string): Requirements {
  const value = JSON.parse(json) as unknown;
  if (Array.isArray(value))
    return { courses: value.filter((v): v is string => typeof v === "string"), certificate: null };
  const object = (value ?? {}) as { courses?: unknown; certificate?: unknown };
  return {
    courses: Array.isArray(object.courses) ? object.courses.filter((v): v is string => typeof v === "string") : [],
    certificate: typeof object.certificate === "string" ? object.certificate : null,
  };
}
