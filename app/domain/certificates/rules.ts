import { z } from "zod";

/**
 * Certification rules (certificates/rules.yaml) and the pure rule engine: given what a person has
 * passed and which certificates they hold, what may they have? No database here; the service in
 * certificates.server.ts gathers the facts and acts on the verdict.
 */

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** An ISO 8601 calendar duration (years, months, weeks, days), e.g. P4Y, P3M, P90D. */
export const DurationSchema = z
  .string()
  .regex(DURATION, "an ISO 8601 duration such as P4Y, P6M or P90D")
  .refine((value) => value !== "P", "an ISO 8601 duration such as P4Y, P6M or P90D");

const Titles = z
  .object({ en: z.string().min(1) })
  .catchall(z.string().min(1))
  .describe("the title in each language; English required");

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case words joined by hyphens"),
    title: Titles,
    template: z.string().regex(/^[a-z0-9-]+$/),
    requires: z.array(z.string().min(1)).min(1, "at least one programme"),
    within: DurationSchema.optional(),
    // pathway: issued when a pathway (certificates/pathways.yaml) is signed off, never by the rule alone;
    // its renewals go to the administrators' queue like approval rules.
    issuance: z.enum(["automatic", "approval", "pathway"]),
    validFor: DurationSchema.optional(),
    renewal: z
      .object({
        opensBefore: DurationSchema,
        requires: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((rule) => !rule.renewal || rule.validFor, {
    message: "renewal only makes sense for a rule with validFor",
    path: ["renewal"],
  });

export const RulesFileSchema = z
  .object({ rules: z.array(RuleSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, index) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: "custom", message: `duplicate rule id ${rule.id}`, path: ["rules", index, "id"] });
      seen.add(rule.id);
    });
  });

export type Rule = z.infer<typeof RuleSchema>;

/** Add an ISO 8601 duration to a date, in UTC calendar arithmetic (P1M from 31 January is 3 March, as Date does). */
export function addDuration(date: Date, duration: string, sign: 1 | -1 = 1): Date {
  const match = DURATION.exec(duration);
  if (!match) throw new Error(`Not an ISO 8601 duration: ${duration}`);
  const [, years, months, weeks, days] = match.map((part) => Number(part ?? 0));
  const out = new Date(date.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + sign * years!, out.getUTCMonth() + sign * months!);
  out.setUTCDate(out.getUTCDate() + sign * (7 * weeks! + days!));
  return out;
}

export interface Completion {
  /** When the person first met every requirement of the programme. */
  first: Date;
  /** The latest time they passed it (a later attempt, a refresher): what renewal looks at. */
  latest: Date;
}

export interface HeldCertificate {
  id: string;
  ruleId: string;
  status: "issued" | "revoked" | "superseded";
  issuedAt: Date;
  expiresAt: Date | null;
}

export interface RuleFacts {
  completions: ReadonlyMap<string, Completion>;
  certificates: readonly HeldCertificate[];
  /** A declined request for this rule: an administrator has said no; the queue leaves it out. */
  declined?: boolean;
  now: Date;
}

export type Verdict =
  /** Holds a current certificate, not yet due for renewal (possibly expired with no renewal path). */
  | { kind: "holds"; certificateId: string; expired: boolean }
  /** A certificate of this rule was revoked: nothing is issued again without an administrator. */
  | { kind: "revoked"; certificateId: string }
  | { kind: "declined" }
  | { kind: "missing"; courses: string[] }
  /** Passed everything, but not within the rule's time limit. */
  | { kind: "out-of-time"; first: Date; last: Date }
  /** Renewal is open but the refresher requirement is not met yet. */
  | { kind: "renewal-missing"; certificateId: string; courses: string[] }
  | {
      kind: "eligible";
      mode: Rule["issuance"];
      programmes: { id: string; completedOn: Date }[];
      /** When the rule was met: the last required pass. */
      since: Date;
      /** The current certificate a renewal supersedes. */
      renewalOf?: string;
    };

/** The current (issued) certificate of a rule, if any: at most one, by the database's unique key. */
function current(rule: Rule, facts: RuleFacts): HeldCertificate | undefined {
  return facts.certificates.find((c) => c.ruleId === rule.id && c.status === "issued");
}

export function evaluateRule(rule: Rule, facts: RuleFacts): Verdict {
  const held = current(rule, facts);
  if (held) {
    const expired = held.expiresAt !== null && held.expiresAt <= facts.now;
    if (!rule.renewal || !held.expiresAt || facts.now < addDuration(held.expiresAt, rule.renewal.opensBefore, -1))
      return { kind: "holds", certificateId: held.id, expired };
    const missing = rule.renewal.requires.filter((id) => {
      const done = facts.completions.get(id);
      return !done || done.latest <= held.issuedAt;
    });
    if (missing.length > 0) return { kind: "renewal-missing", certificateId: held.id, courses: missing };
    if (facts.declined) return { kind: "declined" };
    const programmes = rule.requires.flatMap((id) => {
      const done = facts.completions.get(id);
      return done ? [{ id, completedOn: done.first }] : [];
    });
    const since = rule.renewal.requires.reduce(
      (latest, id) => (facts.completions.get(id)!.latest > latest ? facts.completions.get(id)!.latest : latest),
      addDuration(held.expiresAt, rule.renewal.opensBefore, -1)
    );
    return { kind: "eligible", mode: rule.issuance, programmes, since, renewalOf: held.id };
  }
  const revoked = facts.certificates.find((c) => c.ruleId === rule.id && c.status === "revoked");
  if (revoked) return { kind: "revoked", certificateId: revoked.id };
  const missing = rule.requires.filter((id) => !facts.completions.has(id));
  if (missing.length > 0) return { kind: "missing", courses: missing };
  const programmes = rule.requires.map((id) => ({ id, completedOn: facts.completions.get(id)!.first }));
  const dates = programmes.map((p) => p.completedOn.getTime());
  const first = new Date(Math.min(...dates));
  const last = new Date(Math.max(...dates));
  if (rule.within && addDuration(first, rule.within) < last) return { kind: "out-of-time", first, last };
  if (facts.declined) return { kind: "declined" };
  return { kind: "eligible", mode: rule.issuance, programmes, since: last };
}

/** When a certificate of `rule` issued at `issuedAt` expires (null: it does not). */
export function expiryOf(rule: Rule, issuedAt: Date): Date | null {
  return rule.validFor ? addDuration(issuedAt, rule.validFor) : null;
}

/** A certificate's standing as the public sees it. Expiry is derived, never stored. */
export type Standing = "valid" | "expired" | "revoked" | "superseded";

export function standingOf(certificate: { status: string; expiresAt: Date | null }, now: Date): Standing {
  if (certificate.status === "revoked") return "revoked";
  if (certificate.status === "superseded") return "superseded";
  if (certificate.expiresAt && certificate.expiresAt <= now) return "expired";
  return "valid";
}

/** A calendar date as the record states it: YYYY-MM-DD in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
