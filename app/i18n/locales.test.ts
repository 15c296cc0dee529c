import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "~/domain/audit/actions.ts";
import { ROLES } from "~/utils/permissions.ts";
import { SUPPORTED_LANGUAGES } from "./config.ts";

type Tree = { [key: string]: string | Tree };
const dir = path.resolve("app/i18n/locales");
const load = (lng: string, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, lng, `${ns}.json`), "utf8")) as Tree;
const flatten = (tree: Tree, prefix = ""): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === "string" ? [[prefix + key, value]] : Object.entries(flatten(value, `${prefix}${key}.`))
    )
  );
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]));
const PLURAL = /_(zero|one|two|few|many|other)$/;

const namespaces = fs.readdirSync(path.join(dir, "en")).map((f) => f.replace(/\.json$/, ""));
const english = Object.fromEntries(namespaces.map((ns) => [ns, flatten(load("en", ns))]));

describe("translations", () => {
  for (const lng of SUPPORTED_LANGUAGES) {
    for (const ns of namespaces) {
      it(`${lng}/${ns}.json has every key, every plural form the language needs, and the same placeholders`, () => {
        const strings = flatten(load(lng, ns));
        const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
        const missing: string[] = [];
        for (const [key, source] of Object.entries(english[ns]!)) {
          const wanted = PLURAL.test(key) ? [key, ...categories.map((c) => key.replace(PLURAL, `_${c}`))] : [key];
          for (const k of wanted) {
            if (!strings[k]?.trim()) missing.push(k);
          }
          const text = strings[key];
          if (text === undefined) continue;
          // Plural forms may spell a number out ("دقيقتان"); otherwise placeholders must match exactly.
          const expected = placeholders(source);
          const got = placeholders(text);
          for (const p of got) expect(expected.has(p), `${lng} ${key} uses unknown {{${p}}}`).toBe(true);
          if (!PLURAL.test(key)) expect([...got].sort(), `${lng} ${key}`).toEqual([...expected].sort());
        }
        expect(missing, `${lng}/${ns} is missing`).toEqual([]);
        const extra = Object.keys(strings).filter(
          (k) =>
            !(k in english[ns]!) &&
            !(PLURAL.test(k) && Object.keys(english[ns]!).some((e) => e.replace(PLURAL, "") === k.replace(PLURAL, "")))
        );
        expect(extra, `${lng}/${ns} has keys English does not`).toEqual([]);
      });
    }
  }

  it("has an English string for every key the code asks for", () => {
    const sources: string[] = [];
    const walk = (d: string) => {
      for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "generated" && entry.name !== "locales") walk(p);
        } else if (/\.(tsx?)$/.test(entry.name) && !entry.name.endsWith(".test.ts"))
          sources.push(fs.readFileSync(p, "utf8"));
      }
    };
    walk(path.resolve("app"));
    const code = sources.join("\n");
    // A key is known when some namespace has it ("learn:x.y" names its namespace).
    const has = (key: string) => {
      const [ns, bare] = key.includes(":") ? (key.split(":") as [string, string]) : [null, key];
      return Object.entries(english).some(
        ([name, en]) => (ns === null || ns === name) && (bare in en! || `${bare}_one` in en!)
      );
    };
    const literal = [...code.matchAll(/\bt\(\s*"([a-zA-Z0-9_.:]+)"/g)].map((m) => m[1]!);
    const errorKeys = [...code.matchAll(/"(errors\.[a-z_]+)"/g)].map((m) => m[1]!);
    const dynamic = [
      ...AUDIT_ACTIONS.map((a) => `audit.actions.${a}`),
      ...ROLES.flatMap((r) => [`roles.${r}`, `roles.${r}_plural`]),
      ...["400", "403", "404", "405", "413", "415", "429", "500", "csrf"].flatMap((c) => [
        `errorPage.${c}.title`,
        `errorPage.${c}.body`,
      ]),
      ...["grant", "revoke", "deactivate", "reactivate", "unchanged"].map((d) => `admin.done.${d}`),
      ...["self_lockout", "last_admin"].map((r) => `admin.refused.${r}`),
      ...["introductory", "intermediate"].map((l) => `learn:levels.${l}`),
      ...["good", "mixed", "poor"].map((e) => `learn:blocks.ending_${e}`),
    ];
    const unknown = [...new Set([...literal, ...errorKeys, ...dynamic])].filter((k) => !has(k));
    expect(literal.length).toBeGreaterThan(100);
    expect(unknown).toEqual([]);
  });
});
