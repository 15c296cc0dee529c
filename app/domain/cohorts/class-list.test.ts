import { describe, expect, it } from "vitest";
import { readClassList } from "./class-list.ts";

const context = {
  knownEmails: new Set<string>(),
  memberEmails: new Set<string>(),
  placesLeft: 100,
  defaults: {},
};

const officer = (i: number) => `Officer ${i},officer${i}@customs.example,Customs Service,FR,fr`;

describe("reading a class list", () => {
  it("reports each bad row's problem by column and imports the others", () => {
    const lines = ["Name,Email,Agency,Country,Language", ...Array.from({ length: 27 }, (_, i) => officer(i))];
    lines.push("Bad Email,not-an-address,Customs Service,FR,fr"); // line 29
    lines.push("Officer 3 again,OFFICER3@customs.example,Customs Service,FR,fr"); // duplicate, case aside
    lines.push("Nowhere Man,nowhere@customs.example,Customs Service,XX,fr"); // unknown country
    const list = readClassList(lines.join("\n"), context);
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.rows).toHaveLength(30);
    expect(list.counts).toEqual({ create: 27, enrolExisting: 0, skip: 0, problems: 3 });
    const bad = list.rows.filter((r) => Object.keys(r.problems).length > 0);
    expect(bad.map((r) => [r.line, r.problems])).toEqual([
      [29, { email: "errors.email" }],
      [30, { email: "cohorts:import.duplicate" }],
      [31, { country: "errors.country" }],
    ]);
    expect(bad.every((r) => r.action === null)).toBe(true);
  });

  it("knows existing accounts and members, and stops at the cohort's capacity", () => {
    const text = [
      "email;name;agency;country;language",
      ...[1, 2, 3, 4].map((i) => `o${i}@x.example;Officer ${i};Police;KE;en`),
    ].join("\n");
    const list = readClassList(text, {
      ...context,
      knownEmails: new Set(["o2@x.example", "o3@x.example"]),
      memberEmails: new Set(["o3@x.example"]),
      placesLeft: 2,
    });
    if (!list.ok) throw new Error("unreadable");
    expect(list.rows.map((r) => r.action ?? r.problems.row)).toEqual([
      "create",
      "enrol-existing",
      "skip-member",
      "cohorts:import.over_capacity",
    ]);
  });

  it("takes the cohort's country and language when the file has no such columns, and reads a BOM and French headers", () => {
    const text = "\uFEFFNom,Courriel,Service\nAmina Diallo,amina@douanes.example,Douanes sénégalaises\n";
    const list = readClassList(text, { ...context, defaults: { country: "SN", preferredLanguage: "fr" } });
    if (!list.ok) throw new Error("unreadable");
    expect(list.rows[0]).toMatchObject({ action: "create", values: { country: "SN", preferredLanguage: "fr" } });
  });

  it("refuses files it cannot use, saying why", () => {
    expect(readClassList("", context)).toEqual({ ok: false, problem: "empty" });
    expect(readClassList("name,email\nA,a@x.example", context)).toEqual({
      ok: false,
      problem: "missing-columns",
      missing: ["agency", "country", "preferredLanguage"],
    });
    expect(readClassList('name,email,agency,country,language\n"unclosed,quote', context)).toEqual({
      ok: false,
      problem: "unreadable",
    });
    const huge = ["name,email,agency,country,language", ...Array.from({ length: 2001 }, (_, i) => officer(i))].join(
      "\n"
    );
    expect(readClassList(huge, context)).toEqual({ ok: false, problem: "too-many-rows" });
  });
});
