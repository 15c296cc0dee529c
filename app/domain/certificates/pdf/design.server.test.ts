import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "~/i18n/config.ts";
import { loadCertificateDesign, parseLogo } from "./design.server.ts";

const source = path.resolve("certificates");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "certificate-design-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A copy of certificates/ (fonts linked, not copied), after `edit` changed some of its files. */
function designWith(edit: (root: string) => void): string {
  const root = path.join(scratch, `design-${copies++}`);
  for (const sub of ["templates", "wording"])
    fs.cpSync(path.join(source, sub), path.join(root, sub), { recursive: true });
  fs.copyFileSync(path.join(source, "logo.svg"), path.join(root, "logo.svg"));
  fs.symlinkSync(path.join(source, "fonts"), path.join(root, "fonts"));
  edit(root);
  return root;
}

function replaceIn(file: string, from: string | RegExp, to: string): void {
  const text = fs.readFileSync(file, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`nothing to replace in ${file}`);
  fs.writeFileSync(file, next);
}

describe("loadCertificateDesign", () => {
  it("loads the shipped design: both templates and every language", () => {
    const design = loadCertificateDesign(source);
    expect([...design.templates.keys()].sort()).toEqual(["certification", "programme"]);
    expect([...design.wording.keys()].sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    expect(design.wording.get("ar")!.direction).toBe("rtl");
    expect(design.logo.length).toBeGreaterThan(2);
  });

  it("names the file and field of a missing wording entry", () => {
    const root = designWith((r) => replaceIn(path.join(r, "wording", "fr.yaml"), /^issuedOn: .*\n/m, ""));
    expect(() => loadCertificateDesign(root)).toThrow(/wording\/fr\.yaml: issuedOn: Required/);
  });

  it("checks the placeholders of the wording", () => {
    const missing = designWith((r) =>
      replaceIn(path.join(r, "wording", "es.yaml"), /^programmeLine: .*$/m, 'programmeLine: "{title}"')
    );
    expect(() => loadCertificateDesign(missing)).toThrow(/wording\/es\.yaml: programmeLine: must contain \{date\}/);
    const unknown = designWith((r) =>
      replaceIn(path.join(r, "wording", "pt.yaml"), /^issuedOn: .*$/m, "issuedOn: Emitido em {when}")
    );
    expect(() => loadCertificateDesign(unknown)).toThrow(/wording\/pt\.yaml: issuedOn: only the placeholders/);
  });

  it("checks the language and direction of a wording file", () => {
    const root = designWith((r) =>
      replaceIn(path.join(r, "wording", "ar.yaml"), /^direction: rtl$/m, "direction: ltr")
    );
    expect(() => loadCertificateDesign(root)).toThrow(/wording\/ar\.yaml: direction: ar is written rtl/);
  });

  it("names the element of a template that uses an unknown colour, font or wording entry", () => {
    const colour = designWith((r) =>
      replaceIn(path.join(r, "templates", "programme.yaml"), "font: bold, colour: gilt", "font: bold, colour: teal")
    );
    expect(() => loadCertificateDesign(colour)).toThrow(
      /templates\/programme\.yaml: elements\.2\.colour: unknown colour "teal"/
    );
    const wording = designWith((r) =>
      replaceIn(path.join(r, "templates", "certification.yaml"), "wording: awarded", "wording: awardedTo")
    );
    expect(() => loadCertificateDesign(wording)).toThrow(
      /templates\/certification\.yaml: elements\.7\.wording: Invalid enum/
    );
    const font = designWith((r) =>
      replaceIn(
        path.join(r, "templates", "programme.yaml"),
        "- { file: NotoSansThai-Regular.ttf }",
        "- { file: Missing.ttf }"
      )
    );
    expect(() => loadCertificateDesign(font)).toThrow(
      /templates\/programme\.yaml: fonts\.regular\.4\.file: .*Missing\.ttf does not exist/
    );
  });

  it("rejects invalid YAML with the file's name", () => {
    const root = designWith((r) => fs.appendFileSync(path.join(r, "templates", "programme.yaml"), "\n  : : [\n"));
    expect(() => loadCertificateDesign(root)).toThrow(/templates\/programme\.yaml: invalid YAML/);
  });
});

describe("parseLogo", () => {
  it("reads the paths of an SVG and rejects colours it cannot draw", () => {
    const paths = parseLogo(
      '<svg><!-- <path d="M0 0"/> --><path d="M0 0 L1 1" stroke="#112233" fill="none"/></svg>',
      "x.svg"
    );
    expect(paths).toEqual([{ d: "M0 0 L1 1", fill: undefined, stroke: "#112233", strokeWidth: 1, lineCap: "butt" }]);
    expect(() => parseLogo('<svg><path d="M0 0" fill="red"/></svg>', "x.svg")).toThrow(/x\.svg: colours must be/);
    expect(() => parseLogo("<svg></svg>", "x.svg")).toThrow(/no <path> elements/);
  });
});
