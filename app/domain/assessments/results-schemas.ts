import { z } from "zod";
import { isCountryCode } from "~/domain/accounts/countries.ts";

/** The results page's filters (a GET form): anything malformed is dropped, never an error page. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
  .optional()
  .catch(undefined);

export const ResultsSearchSchema = z.object({
  course: z.string().trim().max(100).optional().catch(undefined),
  country: z
    .string()
    .refine((c) => isCountryCode(c))
    .optional()
    .catch(undefined),
  kind: z.enum(["final", "quiz"]).optional().catch(undefined),
  from: day,
  to: day,
  outcome: z.enum(["passed", "not_passed"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ResultsSearch = z.infer<typeof ResultsSearchSchema>;

/** The re-grade form: a reason is required, for the audit log and the grade history. */
export const RegradeSchema = z.object({
  reason: z.string().trim().min(3, "errors.required").max(500, "errors.too_long"),
});
