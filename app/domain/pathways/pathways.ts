import { z } from "zod";

/**
 * Pathways (certificates/pathways.yaml) and their pure state machine. A candidate's pathway is never
 * stored as "which step am I on": the facts (certificates held, courses passed, co-facilitations
 * recorded, the sign-off) are gathered by pathways.server.ts and the state is derived here.
 *
 *   not-started ──start──▶ in-progress ──(every step but sign-off done)──▶ ready ──sign-off──▶ signed-off
 *        ▲                      │  ▲                                         │
 *        └──────withdraw────────┘  └──── (a step undone, e.g. certificate revoked) ◀──┘
 */

const Titles = z.object({ en: z.string().min(1) }).catchall(z.string().min(1));
const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case words joined by hyphens");

export const StepSchema = z.discriminatedUnion("kind", [
  z.object({ id: Slug, kind: z.literal("certificate"), rule: Slug }).strict(),
  z.object({ id: Slug, kind: z.literal("course"), course: Slug }).strict(),
  z.object({ id: Slug, kind: z.literal("co-facilitation"), cohorts: z.number().int().min(1).max(10) }).strict(),
  z.object({ id: Slug, kind: z.literal("sign-off") }).strict(),
]);

export const PathwaySchema = z
  .object({
    id: Slug,
    title: Titles,
    role: z.enum(["trainer", "mentor", "author"]),
    certificate: Slug,
    steps: z.array(StepSchema).min(1),
  })
  .strict()
  .superRefine((pathway, ctx) => {
    const ids = pathway.steps.map((s) => s.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: "custom", message: `duplicate step id ${id}`, path: ["steps", i] });
    });
    const signOffs = pathway.steps.filter((s) => s.kind === "sign-off").length;
    if (signOffs !== 1 || pathway.steps.at(-1)?.kind !== "sign-off")
      ctx.addIssue({ code: "custom", message: "exactly one sign-off step, the last", path: ["steps"] });
  });

export const PathwaysFileSchema = z.object({ pathways: z.array(PathwaySchema).min(1) }).strict();

export type Pathway = z.infer<typeof PathwaySchema>;
export type Step = z.infer<typeof StepSchema>;

export type CandidateStatus = "active" | "signed-off" | "withdrawn";

/** What is known about one person, for one pathway. */
export interface PathwayFacts {
  candidate: { status: CandidateStatus } | null;
  /** Rule ids of the certificates the person holds and that are current (issued, not expired). */
  certificates: ReadonlySet<string>;
  /** Course ids the person has passed. */
  coursesPassed: ReadonlySet<string>;
  /** Co-facilitations a lead trainer has recorded as done. */
  coFacilitations: number;
  /** Does the person have a mentor now (who can sign off)? */
  hasMentor: boolean;
}

export interface StepState {
  step: Step;
  done: boolean;
  /** For co-facilitation: how many are recorded of how many needed. */
  progress?: { done: number; needed: number };
}

export type PathwayState = "not-started" | "in-progress" | "ready" | "signed-off" | "withdrawn";

export interface PathwayView {
  state: PathwayState;
  steps: StepState[];
  /** Steps still missing before the sign-off (empty when ready or signed off). */
  missing: string[];
}

export function evaluatePathway(pathway: Pathway, facts: PathwayFacts): PathwayView {
  const signedOff = facts.candidate?.status === "signed-off";
  const steps: StepState[] = pathway.steps.map((step) => {
    switch (step.kind) {
      case "certificate":
        return { step, done: facts.certificates.has(step.rule) };
      case "course":
        return { step, done: facts.coursesPassed.has(step.course) };
      case "co-facilitation":
        return {
          step,
          done: facts.coFacilitations >= step.cohorts,
          progress: { done: Math.min(facts.coFacilitations, step.cohorts), needed: step.cohorts },
        };
      case "sign-off":
        return { step, done: signedOff };
    }
  });
  const missing = steps.filter((s) => s.step.kind !== "sign-off" && !s.done).map((s) => s.step.id);
  let state: PathwayState;
  if (!facts.candidate) state = "not-started";
  else if (facts.candidate.status === "withdrawn") state = "withdrawn";
  else if (signedOff) state = "signed-off";
  else state = missing.length === 0 ? "ready" : "in-progress";
  return { state, steps, missing: signedOff ? [] : missing };
}

export type Transition = "start" | "withdraw" | "sign-off" | "record-co-facilitation";

/** May this transition happen from this state? (Who may do it is the permissions' business.) */
export function allowed(state: PathwayState, transition: Transition): boolean {
  switch (transition) {
    case "start":
      return state === "not-started" || state === "withdrawn";
    case "withdraw":
      return state === "in-progress" || state === "ready";
    case "sign-off":
      return state === "ready";
    case "record-co-facilitation":
      return state === "in-progress" || state === "ready";
  }
}
