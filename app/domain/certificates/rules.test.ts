import { describe, expect, it } from "vitest";
import { addDuration, evaluateRule, RulesFileSchema, standingOf, type HeldCertificate, type Rule } from "./rules.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const done = (first: string, latest = first) => ({ first: day(first), latest: day(latest) });

const certified: Rule = RulesFileSchema.parse({
  rules: [
    {
      id: "certified",
      title: { en: "Certified" },
      template: "certification",
      requires: ["intro", "inter"],
      within: "P3Y",
      issuance: "approval",
    },
  ],
}).rules[0]!;

const trainer: Rule = {
  id: "trainer",
  title: { en: "Trainer" },
  template: "certification",
  requires: ["train"],
  issuance: "automatic",
  validFor: "P4Y",
  renewal: { opensBefore: "P90D", requires: ["refresher"] },
};

const held = (over: Partial<HeldCertificate>): HeldCertificate => ({
  id: "c1",
  ruleId: "trainer",
  status: "issued",
  issuedAt: day("2026-01-10"),
  expiresAt: day("2030-01-10"),
  ...over,
});

describe("certification rules", () => {
  it("lists what is missing until every required programme is passed", () => {
    const facts = { completions: new Map([["intro", done("2026-03-01")]]), certificates: [], now: day("2026-06-01") };
    expect(evaluateRule(certified, facts)).toEqual({ kind: "missing", courses: ["inter"] });
  });

  it("makes a person eligible once both are passed within the time allowed, dated by the last pass", () => {
    const facts = {
      completions: new Map([
        ["intro", done("2026-03-01")],
        ["inter", done("2028-12-31")],
      ]),
      certificates: [],
      now: day("2029-01-05"),
    };
    expect(evaluateRule(certified, facts)).toEqual({
      kind: "eligible",
      mode: "approval",
      programmes: [
        { id: "intro", completedOn: day("2026-03-01") },
        { id: "inter", completedOn: day("2028-12-31") },
      ],
      since: day("2028-12-31"),
    });
  });

  it("refuses passes further apart than `within`", () => {
    const facts = {
      completions: new Map([
        ["intro", done("2026-03-01")],
        ["inter", done("2029-03-02")],
      ]),
      certificates: [],
      now: day("2029-04-01"),
    };
    expect(evaluateRule(certified, facts).kind).toBe("out-of-time");
  });

  it("never queues a declined person or re-issues a revoked certificate by itself", () => {
    const completions = new Map([
      ["intro", done("2026-03-01")],
      ["inter", done("2026-05-01")],
    ]);
    expect(evaluateRule(certified, { completions, certificates: [], declined: true, now: day("2026-06-01") })).toEqual({
      kind: "declined",
    });
    const revoked = held({ ruleId: "certified", status: "revoked", expiresAt: null });
    expect(evaluateRule(certified, { completions, certificates: [revoked], now: day("2026-06-01") })).toEqual({
      kind: "revoked",
      certificateId: "c1",
    });
  });

  it("holds a current certificate; a superseded one does not count", () => {
    const completions = new Map([["train", done("2026-01-01")]]);
    expect(evaluateRule(trainer, { completions, certificates: [held({})], now: day("2027-01-01") })).toEqual({
      kind: "holds",
      certificateId: "c1",
      expired: false,
    });
    const old = held({ id: "c0", status: "superseded" });
    expect(evaluateRule(trainer, { completions, certificates: [old], now: day("2027-01-01") }).kind).toBe("eligible");
  });

  it("opens renewal 90 days before expiry and asks for the refresher passed after the current issue", () => {
    const certificates = [held({})];
    const before = { completions: new Map([["train", done("2026-01-01")]]), certificates, now: day("2029-10-11") };
    expect(evaluateRule(trainer, before).kind).toBe("holds"); // 91 days before expiry
    const open = { ...before, now: day("2029-10-13") };
    expect(evaluateRule(trainer, open)).toEqual({
      kind: "renewal-missing",
      certificateId: "c1",
      courses: ["refresher"],
    });
    const stale = { ...open, completions: new Map([...open.completions, ["refresher", done("2025-12-01")]]) };
    expect(evaluateRule(trainer, stale).kind).toBe("renewal-missing");
    const renewed = {
      ...open,
      completions: new Map([...open.completions, ["refresher", done("2025-12-01", "2029-10-12")]]),
    };
    const verdict = evaluateRule(trainer, renewed);
    expect(verdict).toMatchObject({ kind: "eligible", mode: "automatic", renewalOf: "c1" });
  });

  it("keeps an expired certificate without a renewal path as held and expired", () => {
    const rule: Rule = { ...trainer, renewal: undefined };
    const verdict = evaluateRule(rule, {
      completions: new Map([["train", done("2026-01-01")]]),
      certificates: [held({})],
      now: day("2030-01-10"),
    });
    expect(verdict).toEqual({ kind: "holds", certificateId: "c1", expired: true });
  });

  it("derives standing, with expiry at the exact instant", () => {
    const cert = { status: "issued", expiresAt: day("2030-01-10") };
    expect(standingOf(cert, day("2030-01-09"))).toBe("valid");
    expect(standingOf(cert, day("2030-01-10"))).toBe("expired");
    expect(standingOf({ status: "revoked", expiresAt: null }, day("2026-01-01"))).toBe("revoked");
    expect(standingOf({ status: "superseded", expiresAt: null }, day("2026-01-01"))).toBe("superseded");
  });

  it("adds and subtracts calendar durations", () => {
    expect(addDuration(day("2026-02-28"), "P4Y")).toEqual(day("2030-02-28"));
    expect(addDuration(day("2030-01-10"), "P90D", -1)).toEqual(day("2029-10-12"));
    expect(addDuration(day("2026-01-01"), "P1Y6M2W1D")).toEqual(day("2027-07-16"));
  });

  it("rejects malformed rules with the field at fault", () => {
    const bad = RulesFileSchema.safeParse({
      rules: [
        { id: "Bad Id", title: { fr: "x" }, template: "t", requires: [], issuance: "sometimes", within: "3 years" },
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining([
        "rules.0.id",
        "rules.0.title.en",
        "rules.0.requires",
        "rules.0.issuance",
        "rules.0.within",
      ])
    );
    const noExpiry = RulesFileSchema.safeParse({ rules: [{ ...trainer, validFor: undefined }] });
    expect(noExpiry.error?.issues[0]?.path.join(".")).toBe("rules.0.renewal");
  });
});
