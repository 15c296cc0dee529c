import { z } from "zod";

export const QUEUE_PAGE_SIZE = 50;
export const CERTIFICATES_PAGE_SIZE = 50;

const page = z.coerce.number().int().min(1).max(100_000).catch(1);
const reason = z
  .string({ message: "certificates:errors.reason_required" })
  .trim()
  .min(3, "certificates:errors.reason_required")
  .max(1000, "certificates:errors.reason_too_long");

/** /admin/certificates query string; bad values fall back to defaults. */
export const CertificatesSearchSchema = z.object({
  view: z.enum(["queue", "declined", "issued"]).catch("queue"),
  rule: z.string().trim().max(80).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(["issued", "revoked", "superseded"]).optional().catch(undefined),
  page,
});

/** The queue's forms: one request approved or declined, or every selected one approved in a batch. */
export const QueueActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), request: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("decline"), request: z.string().min(1).max(40), reason }),
  z.object({ intent: z.literal("reopen"), request: z.string().min(1).max(40) }),
  z.object({
    intent: z.literal("approve-selected"),
    selected: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.string().min(1).max(40)).min(1, "certificates:errors.select_some").max(5000)),
  }),
  z.object({ intent: z.literal("approve-all"), rule: z.string().min(1).max(80) }),
]);

/** Manual issue to one person, with a reason. */
export const ManualIssueSchema = z.object({
  email: z.string().trim().toLowerCase().email("errors.email").max(254),
  rule: z.string().min(1, "certificates:errors.rule_required").max(80),
  reason,
});

/** Bulk issue: one address per line (or comma-separated), a rule and a reason. */
export const BulkIssueSchema = z.object({
  emails: z
    .string()
    .max(200_000, "errors.too_long")
    .transform((text) => [
      ...new Set(
        text
          .split(/[\s,;]+/)
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean)
      ),
    ])
    .pipe(
      z
        .array(z.string().email("certificates:errors.bad_address"))
        .min(1, "certificates:errors.no_addresses")
        .max(5000, "certificates:errors.too_many_addresses")
    ),
  rule: z.string().min(1, "certificates:errors.rule_required").max(80),
  reason,
});

/** Revoke or re-issue one certificate. */
export const CertificateActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("revoke"),
    reason,
    reasonPublic: z.literal("on").optional(),
  }),
  z.object({
    intent: z.literal("reissue"),
    fullName: z.string().trim().min(1, "errors.required").max(200),
    fullNameLatin: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((v) => (v ? v : null)),
    reason,
  }),
]);

/** /verify's look-up form. */
export const VerifyNumberSchema = z.object({ number: z.string().trim().max(80).default("") });
