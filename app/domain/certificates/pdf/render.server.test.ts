import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { decodePDFRawStream, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import type { CertificateView } from "~/domain/certificates/record.ts";
import type { Language } from "~/i18n/config.ts";
import { certificateDesign } from "./design.server.ts";
import { readEmbeddedRecord, renderCertificate, renderCertificateBytes } from "./render.server.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certificate-pdf-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Run a poppler tool; its absence fails the test (never a silent skip). */
function poppler(tool: string, args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT")
    throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils) to run these tests`);
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Extracted text without the bidi controls pdftotext adds around right-to-left text, spaces collapsed. */
function normalise(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const TITLES: Record<Language, { certification: string; programme: string; issuer: string }> = {
  en: { certification: "IP Crime Investigator — Certified", programme: "Intermediate Programme", issuer: "Provenance" },
  fr: {
    certification: "Enquêteur en criminalité liée à la PI — Certifié",
    programme: "Programme intermédiaire",
    issuer: "Provenance",
  },
  es: {
    certification: "Investigador de delitos contra la PI — Certificado",
    programme: "Programa intermedio",
    issuer: "Provenance",
  },
  ar: { certification: "محقق في جرائم الملكية الفكرية — معتمد", programme: "البرنامج المتوسط", issuer: "بروفينانس" },
  zh: { certification: "知识产权犯罪调查员（认证）", programme: "中级课程", issuer: "Provenance 学院" },
  pt: {
    certification: "Investigador de crimes contra a PI — Certificado",
    programme: "Programa intermédio",
    issuer: "Provenance",
  },
};

function sampleView(
  language: Language,
  holderName: string,
  holderLatin?: string,
  template: "programme" | "certification" = "certification"
): CertificateView {
  const t = TITLES[language];
  const number = `PRV-2026-${crypto.randomBytes(2).toString("hex").toUpperCase()}-Q9XD`;
  return {
    language,
    template,
    holderName,
    holderLatin,
    title: template === "certification" ? t.certification : t.programme,
    programmes:
      template === "certification"
        ? [
            { title: "Introductory Programme", completedOn: new Date("2026-03-12T00:00:00Z") },
            { title: t.programme, completedOn: new Date("2026-06-03T00:00:00Z") },
          ]
        : [{ title: t.programme, completedOn: new Date("2026-06-03T00:00:00Z") }],
    issuedOn: new Date("2026-06-10T00:00:00Z"),
    expiresOn: template === "certification" ? new Date("2029-06-10T00:00:00Z") : undefined,
    number,
    issuer: t.issuer,
    verifyUrl: `https://provenance.example.org/verify/${number}`,
    signature: `prv-2026-01.${crypto.randomBytes(64).toString("base64url")}`,
    record: JSON.stringify({ type: "ProvenanceCertificate", number, holder: { name: holderName, latin: holderLatin } }),
  };
}

async function save(view: CertificateView, name: string): Promise<{ file: string; bytes: Uint8Array }> {
  const bytes = await renderCertificateBytes(view);
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return { file, bytes };
}

/** Every font dictionary's BaseFont, and every embedded TrueType program, of a PDF. */
async function fontsOf(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const baseFonts: string[] = [];
  const programs: Uint8Array[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : undefined;
    if (!dict) continue;
    if (dict.get(PDFName.of("Type")) === PDFName.of("Font"))
      baseFonts.push(dict.get(PDFName.of("BaseFont"))!.toString());
    const file = dict.get(PDFName.of("FontFile2"));
    if (dict.get(PDFName.of("Type")) === PDFName.of("FontDescriptor") && file) {
      const stream = doc.context.lookup(file);
      if (!(stream instanceof PDFRawStream)) throw new Error("FontFile2 is not a stream");
      programs.push(decodePDFRawStream(stream).decode());
    }
  }
  return { baseFonts, programs };
}

const CASES: { language: Language; name: string; latin?: string; template?: "programme" | "certification" }[] = [
  { language: "ar", name: "ليلى حداد", latin: "Layla Haddad" },
  { language: "en", name: "ليلى حداد", latin: "Layla Haddad", template: "programme" },
  { language: "fr", name: "Анна Сергеевна Кузнецова", latin: "Anna Sergeevna Kuznetsova" },
  { language: "es", name: "Γιώργος Παπαδόπουλος", latin: "Giorgos Papadopoulos", template: "programme" },
  { language: "zh", name: "王小明", latin: "Wang Xiaoming" },
  { language: "pt", name: "José Ñúñez Gonçalves" },
  { language: "ar", name: "José Ñúñez Gonçalves", template: "programme" },
  { language: "en", name: "Nguyễn Thị Minh Khai" },
  { language: "zh", name: "Nguyễn Thị Minh Khai", template: "programme" },
  { language: "ar", name: "محمد Smith-Ali 3", latin: "Mohammed Smith-Ali 3" },
  { language: "en", name: "محمد Smith-Ali 3" },
  { language: "zh", name: "محمد Smith-Ali 3", template: "programme" },
  { language: "en", name: "דוד כהן", latin: "David Cohen" },
  { language: "ar", name: "דוד כהן", latin: "David Cohen", template: "programme" },
  { language: "fr", name: "अनीता शर्मा", latin: "Anita Sharma" },
  { language: "ar", name: "अनीता शर्मा" },
  { language: "zh", name: "김민준", latin: "Kim Min-jun" },
  { language: "es", name: "김민준", template: "programme" },
  { language: "zh", name: "山田 花子", latin: "Yamada Hanako", template: "programme" },
  { language: "pt", name: "山田 花子", latin: "Yamada Hanako" },
];

describe("renderCertificate: text extraction (pdftotext), fonts and rendering (pdftoppm)", () => {
  for (const [i, c] of CASES.entries()) {
    it(`${c.language} ${c.template ?? "certification"}: ${c.name}`, async () => {
      const view = sampleView(c.language, c.name, c.latin, c.template);
      const { file, bytes } = await save(view, `case-${i}-${c.language}`);

      const extracted = poppler("pdftotext", ["-enc", "UTF-8", file, "-"]);
      expect(extracted.status).toBe(0);
      const text = normalise(extracted.stdout);
      const name = c.name.normalize("NFC");
      const rtlPage = c.language === "ar";
      const mixed = /[\u0590-\u08ff]/.test(name) && /[A-Za-z]/.test(name);
      if (mixed && !rtlPage) {
        // poppler's bidi (TextOutputDev reorderText) on a left-to-right page reverses an Arabic word with
        // the space after it, whatever the PDF holds: "محمد Smith" extracts as "محمدSmith". The words
        // still come out in logical order.
        expect(text.replace(/ /g, "")).toContain(name.replace(/ /g, ""));
      } else expect(text).toContain(name);
      if (c.latin) expect(text).toContain(c.latin);
      expect(text).toContain(view.number);
      expect(text).toContain(certificateDesign().wording.get(c.language)!.certificateNumber);

      const { baseFonts, programs } = await fontsOf(bytes);
      expect(baseFonts.length).toBeGreaterThan(0);
      for (const name of baseFonts) expect(name).toMatch(/^\/[A-Z]{6}\+[A-Za-z0-9-]+$/);
      // Every embedded subset is a sound TrueType font whose every glyph decodes (pdf-lib silently embeds
      // garbled glyphs from fonts whose glyph records are not 2-byte aligned).
      for (const program of programs) {
        const font = fontkit.create(program);
        expect(font.numGlyphs).toBeLessThan(400);
        for (let id = 1; id < font.numGlyphs; id++) expect(() => font.getGlyph(id).path.toSVG()).not.toThrow();
      }

      const rendered = poppler("pdftoppm", ["-r", "20", "-png", file, path.join(dir, `case-${i}`)]);
      expect(rendered.stderr).toBe("");
      expect(rendered.status).toBe(0);
    });
  }

  it("embeds only the fonts a certificate uses, as subsets", async () => {
    const { bytes } = await save(sampleView("en", "Amina Okafor"), "latin-only");
    const { baseFonts } = await fontsOf(bytes);
    const families = [...new Set(baseFonts.map((n) => n.replace(/^\/[A-Z]{6}\+/, "")))].sort();
    expect(families).toEqual(["NotoSans-Bold", "NotoSans-Regular", "NotoSansMono-Regular"]);
    expect(bytes.length).toBeLessThan(40_000);
  });

  it("shrinks a long name to fit inside the frame, in both directions", async () => {
    const name = "Maria da Conceição Fernandes de Albuquerque e Vasconcelos Figueiredo Pinto Guimarães";
    for (const language of ["pt", "ar"] as const) {
      const { file } = await save(sampleView(language, name), `long-${language}`);
      const html = poppler("pdftotext", ["-bbox", file, "-"]).stdout;
      const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)];
      expect(words.length).toBeGreaterThan(10);
      for (const [, xMin, xMax] of words) {
        expect(Number(xMin)).toBeGreaterThan(25);
        expect(Number(xMax)).toBeLessThan(841.89 - 25);
      }
      expect(normalise(poppler("pdftotext", ["-enc", "UTF-8", file, "-"]).stdout)).toContain(name);
    }
  });

  it("returns an unsaved document with metadata, language and the signed record", async () => {
    const view = sampleView("ar", "ليلى حداد", "Layla Haddad");
    const doc = await renderCertificate(view);
    expect(doc).toBeInstanceOf(PDFDocument);
    expect(doc.getPageCount()).toBe(1);
    const bytes = await doc.save({ useObjectStreams: false });
    const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(loaded.getTitle()).toBe(`${view.title} — ${view.holderName}`);
    expect(loaded.getAuthor()).toBe(view.issuer);
    expect(loaded.getSubject()).toContain(view.number);
    expect(loaded.getSubject()).toContain("ليلى حداد");
    expect(loaded.catalog.get(PDFName.of("Lang"))?.toString()).toBe("(ar)");
    expect(await readEmbeddedRecord(bytes)).toEqual({ record: view.record, signature: view.signature });
  });

  it("formats dates in the certificate's language (Arabic-Indic digits in Arabic)", async () => {
    const cases: [Language, string][] = [
      ["en", "10 June 2026"],
      ["fr", "10 juin 2026"],
      ["es", "10 de junio de 2026"],
      ["pt", "10 de junho de 2026"],
      ["zh", "2026年6月10日"],
      ["ar", "١٠ يونيو ٢٠٢٦"],
    ];
    for (const [language, date] of cases) {
      const { file } = await save(sampleView(language, "Ana Lima", undefined, "programme"), `date-${language}`);
      const text = normalise(poppler("pdftotext", ["-enc", "UTF-8", file, "-"]).stdout);
      // poppler moves the space before a number in Arabic text to its other side ("١٠يونيو ٢٠٢٦").
      if (language === "ar") expect(text.replace(/ /g, "")).toContain(date.replace(/ /g, ""));
      else expect(text).toContain(date);
    }
  });
});

describe("readEmbeddedRecord", () => {
  const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

  it("round-trips the record and signature, names in any script included", async () => {
    const view = sampleView("zh", "王小明 ليلى 🙂", "Wang Xiaoming");
    const bytes = await renderCertificateBytes(view);
    expect(await readEmbeddedRecord(bytes)).toEqual({ record: view.record, signature: view.signature });
  });

  it("reads the last Info dictionary of an incrementally updated PDF", async () => {
    const bytes = await renderCertificateBytes(sampleView("en", "Amina Okafor"));
    const text = latin1(bytes);
    const trailer = text.slice(text.lastIndexOf("trailer"));
    const root = /\/Root (\d+) 0 R/.exec(trailer)![1]!;
    const info = /\/Info (\d+) 0 R/.exec(trailer)![1]!;
    const size = /\/Size (\d+)/.exec(trailer)![1]!;
    const prev = /startxref\s+(\d+)/.exec(trailer)![1]!;
    const body =
      `\n${info} 0 obj\n<< /ProvenanceRecord ${PDFHexString.fromText('{"updated":true}').toString()} ` +
      `/ProvenanceSignature ${PDFHexString.fromText("key.sig").toString()} >>\nendobj\n`;
    const objectOffset = bytes.length + 1;
    const xrefOffset = bytes.length + body.length;
    const update =
      body +
      `xref\n0 1\n0000000000 65535 f \n${info} 1\n${String(objectOffset).padStart(10, "0")} 00000 n \n` +
      `trailer\n<< /Size ${size} /Root ${root} 0 R /Info ${info} 0 R /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    const updated = Buffer.concat([Buffer.from(bytes), Buffer.from(update, "latin1")]);
    expect(await readEmbeddedRecord(updated)).toEqual({ record: '{"updated":true}', signature: "key.sig" });
  });

  it("returns null for junk, truncated PDFs and PDFs without a record", async () => {
    const bytes = await renderCertificateBytes(sampleView("en", "Amina Okafor"));
    const plain = await (await PDFDocument.create()).save();
    const junk = [
      new Uint8Array(),
      crypto.randomBytes(5000),
      Buffer.from("%PDF-1.7\nthis is not a PDF at all\n%%EOF\n"),
      Buffer.from("<html>not a pdf</html>"),
      bytes.slice(0, Math.floor(bytes.length / 3)),
      plain,
    ];
    for (const input of junk) expect(await readEmbeddedRecord(new Uint8Array(input))).toBeNull();
  });
});

describe("performance", () => {
  it("reuses parsed fonts: a warm render takes tens of milliseconds, not hundreds", async () => {
    const views = [sampleView("ar", "ليلى حداد"), sampleView("zh", "王小明"), sampleView("en", "Amina Okafor")];
    for (const view of views) await renderCertificateBytes(view);
    const start = performance.now();
    for (let i = 0; i < 9; i++) await renderCertificateBytes(views[i % 3]!);
    // About 15 ms each on the 2-core development machine; a generous bound against noisy CI.
    expect((performance.now() - start) / 9).toBeLessThan(150);
  });
});
