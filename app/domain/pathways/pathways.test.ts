import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { RulesFileSchema } from "~/domain/certificates/rules.ts";
import {
  allowed,
  evaluatePathway,
  PathwaySchema,
  PathwaysFileSchema,
  type Pathway,
  type PathwayFacts,
} from "./pathways.ts";

const pathway: Pathway = PathwaySchema.parse({
  id: "trainer",
  title: { en: "Becoming a certified trainer" },
  role: "trainer",
  certificate: "certified-trainer",
  steps: [
    { id: "certification", kind: "certificate", rule: "ip-crime-investigator-certified" },
    { id: "course", kind: "course", course: "train-the-trainer" },
    { id: "co-facilitation", kind: "co-facilitation", cohorts: 1 },
    { id: "sign-off", kind: "sign-off" },
  ],
});

const none: PathwayFacts = {
  candidate: null,
  certificates: new Set(),
  coursesPassed: new Set(),
  coFacilitations: 0,
  hasMentor: false,
};
const everything: PathwayFacts = {
  candidate: { status: "active" },
  certificates: new Set(["ip-crime-investigator-certified"]),
  coursesPassed: new Set(["train-the-trainer"]),
  coFacilitations: 1,
  hasMentor: true,
};

describe("the trainer pathway's state machine", () => {
  it("is not started for someone who never applied, whatever they hold", () => {
    expect(evaluatePathway(pathway, { ...everything, candidate: null }).state).toBe("not-started");
    expect(evaluatePathway(pathway, none).missing).toEqual(["certification", "course", "co-facilitation"]);
  });

  it("is in progress while any step before the sign-off is missing, and lists exactly those", () => {
    const view = evaluatePathway(pathway, { ...everything, coursesPassed: new Set(), coFacilitations: 0 });
    expect(view.state).toBe("in-progress");
    expect(view.missing).toEqual(["course", "co-facilitation"]);
    expect(view.steps.find((s) => s.step.id === "co-facilitation")?.progress).toEqual({ done: 0, needed: 1 });
    expect(view.steps.map((s) => s.done)).toEqual([true, false, false, false]);
  });

  it("is ready for sign-off when everything else is done, and only then may be signed off", () => {
    const view = evaluatePathway(pathway, everything);
    expect(view.state).toBe("ready");
    expect(view.missing).toEqual([]);
    expect(allowed("ready", "sign-off")).toBe(true);
    for (const state of ["not-started", "in-progress", "signed-off", "withdrawn"] as const)
      expect(allowed(state, "sign-off"), state).toBe(false);
  });

  it("falls back from ready to in progress when a step is undone (a revoked certification)", () => {
    expect(evaluatePathway(pathway, { ...everything, certificates: new Set() }).state).toBe("in-progress");
  });

  it("needs as many co-facilitations as the pathway says", () => {
    const two = PathwaySchema.parse({
      ...pathway,
      steps: pathway.steps.map((s) => (s.kind === "co-facilitation" ? { ...s, cohorts: 2 } : s)),
    });
    expect(evaluatePathway(two, everything).state).toBe("in-progress");
    expect(evaluatePathway(two, { ...everything, coFacilitations: 2 }).state).toBe("ready");
  });

  it("is signed off for good, with every step done", () => {
    const view = evaluatePathway(pathway, { ...everything, candidate: { status: "signed-off" } });
    expect(view.state).toBe("signed-off");
    expect(view.steps.every((s) => s.done)).toBe(true);
    expect(allowed("signed-off", "start")).toBe(false);
    expect(allowed("signed-off", "withdraw")).toBe(false);
  });

  it("can be withdrawn from and started again", () => {
    expect(evaluatePathway(pathway, { ...everything, candidate: { status: "withdrawn" } }).state).toBe("withdrawn");
    expect(allowed("withdrawn", "start")).toBe(true);
    expect(allowed("in-progress", "withdraw")).toBe(true);
    expect(allowed("not-started", "record-co-facilitation")).toBe(false);
  });

  it("refuses a pathway whose sign-off is missing or not last, or whose step ids repeat", () => {
    const base = { id: "x", title: { en: "X" }, role: "trainer", certificate: "y" };
    expect(PathwaySchema.safeParse({ ...base, steps: [{ id: "a", kind: "course", course: "c" }] }).success).toBe(false);
    expect(
      PathwaySchema.safeParse({
        ...base,
        steps: [
          { id: "s", kind: "sign-off" },
          { id: "a", kind: "course", course: "c" },
        ],
      }).success
    ).toBe(false);
    expect(
      PathwaySchema.safeParse({
        ...base,
        steps: [
          { id: "a", kind: "course", course: "c" },
          { id: "a", kind: "sign-off" },
        ],
      }).success
    ).toBe(false);
  });
});

describe("certificates/pathways.yaml", () => {
  const file = PathwaysFileSchema.parse(parse(fs.readFileSync("certificates/pathways.yaml", "utf8")));
  const rules = RulesFileSchema.parse(parse(fs.readFileSync("certificates/rules.yaml", "utf8"))).rules;

  it("issues a rule whose issuance is `pathway`, and names only rules that exist", () => {
    for (const p of file.pathways) {
      expect(rules.find((r) => r.id === p.certificate)?.issuance, p.id).toBe("pathway");
      for (const step of p.steps)
        if (step.kind === "certificate")
          expect(
            rules.some((r) => r.id === step.rule),
            step.id
          ).toBe(true);
    }
  });

  it("defines the trainer pathway: certification, the course, one co-facilitation, a sign-off; 4-year credential", () => {
    const trainer = file.pathways.find((p) => p.id === "trainer")!;
    expect(trainer.steps.map((s) => s.kind)).toEqual(["certificate", "course", "co-facilitation", "sign-off"]);
    expect(rules.find((r) => r.id === trainer.certificate)?.validFor).toBe("P4Y");
  });
});
