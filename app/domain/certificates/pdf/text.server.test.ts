import { describe, expect, it } from "vitest";
import { certificateDesign } from "./design.server.ts";
import type { FontChain } from "./fonts.server.ts";
import {
  fitSize,
  lineWidth,
  nameDirection,
  shapeLine,
  splitByFont,
  visualRuns,
  wrapText,
  type ParagraphDirection,
} from "./text.server.ts";

function chain(name: "regular" | "bold" | "mono"): FontChain {
  const entry = certificateDesign().templates.get("certification");
  const found = entry?.chains.get(name);
  if (!found) throw new Error(`no ${name} chain`);
  return found;
}

const regular = chain("regular");
const bold = chain("bold");
const face = (file: string) => file.replace(/\.ttf$/, "").replace(/-Regular|-Bold/, "");

/** Visual runs as [text, face, level] for compact expectations. */
function runs(text: string, dir: ParagraphDirection, c = regular) {
  return visualRuns(text, dir, c).map((r) => [r.text, face(r.face.file), r.level] as const);
}

describe("splitByFont", () => {
  it("takes, per character, the first face of the chain that has it", () => {
    const segments = splitByFont("Ωmega Жук 王 ა Ա ก", regular).map((s) => face(s.face.file));
    // Spaces stay in the face before them when it has one.
    expect(segments).toEqual([
      "NotoSans",
      "NotoSansCJKsc-Subset",
      "NotoSans",
      "NotoSansGeorgian",
      "NotoSansArmenian",
      "NotoSansThai",
    ]);
  });

  it("keeps spaces and punctuation with the script before them, and combining marks with their base", () => {
    const text = "ليلى حداد، e\u0301";
    const segments = splitByFont(text, regular).map((s) => [text.slice(s.start, s.end), face(s.face.file)]);
    expect(segments).toEqual([
      ["ليلى حداد، ", "NotoSansArabic"],
      ["e\u0301", "NotoSans"],
    ]);
  });

  it("has a glyph for every character of names from around the world, in every chain", () => {
    const names = [
      "José Ñúñez Gonçalves",
      "Nguyễn Thị Minh Khai",
      "Γιώργος Παπαδόπουλος",
      "Анна Сергеевна Кузнецова",
      "ليلى حداد",
      "דוד כהן",
      "अनीता शर्मा",
      "สมชาย ใจดี",
      "ნინო ბერიძე",
      "Արամ Խաչատրյան",
      "王小明",
      "山田 花子",
      "김민준",
      "Ærøskøbing Łódź Şahin Ğ",
    ];
    for (const c of [regular, bold])
      for (const name of names) {
        const line = shapeLine(name, "auto", c);
        const missing = line.runs.flatMap((r) => r.glyphs.filter((g) => g.id === 0).map(() => r.text));
        expect(missing, `${c.name}: ${name}`).toEqual([]);
      }
  });
});

describe("visualRuns (bidi)", () => {
  it("orders an Arabic name with Latin and digits inside an RTL paragraph, mirroring brackets", () => {
    // Noto Sans Arabic has no brackets: they come from Noto Sans.
    expect(runs("ليلى حداد (Layla) 2026", "rtl")).toEqual([
      ["2026", "NotoSans", 2],
      ["( ", "NotoSans", 1], // logical ") ", mirrored; drawn reversed: " ("
      ["Layla", "NotoSans", 2],
      [")", "NotoSans", 1], // logical "(", mirrored
      ["ليلى حداد ", "NotoSansArabic", 1],
    ]);
    // Drawn left to right: "2026 (Layla) " and the Arabic, whose run fontkit reverses after shaping.
    const line = shapeLine("ليلى حداد (Layla) 2026", "rtl", regular);
    const glyphs = line.runs.flatMap((r) =>
      r.glyphs.map((g) => g.codePoints.map((c) => String.fromCodePoint(c)).join(""))
    );
    expect(glyphs.slice(0, 9).join("")).toBe("2026 (Lay");
    expect(glyphs.slice(9, 12).join("")).toBe("la)");
    expect(line.runs[4]!.glyphs.at(-1)!.codePoints).toEqual([0x644]); // the initial lam of ليلى, rightmost
  });

  it("keeps Arabic-Indic digits in left-to-right order inside Arabic text", () => {
    const line = shapeLine("تاريخ الإصدار ٢١ نوفمبر ٢٠٢٦", "rtl", regular);
    expect(line.runs.map((r) => [r.text, r.level])).toEqual([
      ["٢٠٢٦", 2],
      [" نوفمبر ", 1],
      ["٢١", 2],
      ["تاريخ الإصدار ", 1],
    ]);
    // fontkit would reverse Arabic-script digits on its own: the run's direction is passed explicitly.
    expect(line.runs[0]!.glyphs.map((g) => g.codePoints[0])).toEqual([0x662, 0x660, 0x662, 0x666]);
  });

  it("keeps European digits in order inside Arabic text", () => {
    expect(runs("اكتمل في 3 يونيو 2026", "rtl").map(([t, , l]) => [t, l])).toEqual([
      ["2026", 2],
      [" يونيو ", 1],
      ["3", 2],
      ["اكتمل في ", 1],
    ]);
  });

  it("lays out a mixed name by the page's direction", () => {
    expect(runs("محمد Smith-Ali 3", "ltr")).toEqual([
      ["محمد", "NotoSansArabic", 1],
      [" ", "NotoSansArabic", 0],
      ["Smith-Ali 3", "NotoSans", 0],
    ]);
    // The 3 follows Latin letters: a European number after L is L (UBA W7), so one run.
    expect(runs("محمد Smith-Ali 3", "rtl")).toEqual([
      ["Smith-Ali 3", "NotoSans", 2],
      ["محمد ", "NotoSansArabic", 1],
    ]);
  });

  it("handles Hebrew, Chinese and Latin-only lines", () => {
    expect(runs("דוד כהן", "auto")).toEqual([["דוד כהן", "NotoSansHebrew", 1]]);
    expect(runs("王小明", "rtl")).toEqual([["王小明", "NotoSansCJKsc-Subset", 2]]);
    // A European number after an Arabic letter is an Arabic number (W2): it stays with the Arabic.
    expect(runs("Certificate of مريم 2026", "ltr")).toEqual([
      ["Certificate of ", "NotoSans", 0],
      ["2026", "NotoSansArabic", 2],
      ["مريم ", "NotoSansArabic", 1],
    ]);
  });

  it("chooses the paragraph direction of names", () => {
    expect(nameDirection("محمد Smith-Ali 3", "ltr")).toBe("ltr");
    expect(nameDirection("محمد Smith-Ali 3", "rtl")).toBe("rtl");
    expect(nameDirection("John Smith Jr.", "rtl")).toBe("auto"); // its period stays at its end
    expect(nameDirection("ليلى حداد", "ltr")).toBe("auto");
    // With "auto", a Latin name on an Arabic page is one left-to-right paragraph.
    expect(runs("John Smith Jr.", "auto")).toEqual([["John Smith Jr.", "NotoSans", 0]]);
  });
});

describe("shaping", () => {
  it("joins Arabic letters (contextual forms, not the isolated ones)", () => {
    const font = regular.faces.find((f) => f.file.startsWith("NotoSansArabic"))!.font;
    const isolated = [..."ليلى"].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!).id);
    const line = shapeLine("ليلى", "rtl", regular);
    const ids = line.runs[0]!.glyphs.map((g) => g.id);
    expect(ids.some((id) => isolated.includes(id))).toBe(false);
  });

  it("shapes Devanagari (fontkit's Indic shaper needs a regenerator runtime)", () => {
    const line = shapeLine("अनीता शर्मा", "ltr", regular);
    const glyphs = line.runs.flatMap((r) => r.glyphs);
    expect(glyphs.every((g) => g.id !== 0)).toBe(true);
    // Reph and the i-matra reorder: fewer glyphs than characters, not one per character.
    expect(glyphs.length).toBeLessThan([..."अनीता शर्मा"].length);
  });

  it("positions Arabic marks with GPOS offsets", () => {
    const line = shapeLine("أُنجز", "rtl", regular);
    expect(line.runs[0]!.positions.some((p) => p.yOffset !== 0)).toBe(true);
  });

  it("draws a decomposed accent like the composed one", () => {
    const composed = shapeLine("José", "ltr", regular).runs[0]!.glyphs.map((g) => g.id);
    const decomposed = shapeLine("Jose\u0301", "ltr", regular);
    expect(decomposed.runs[0]!.glyphs.map((g) => g.id)).toEqual(composed);
    expect(decomposed.text).toBe("Jose\u0301"); // the /ActualText keeps what was registered
  });
});

describe("measuring and wrapping", () => {
  it("shrinks a long name to fit", () => {
    const name = "Maria da Conceição Fernandes de Albuquerque e Vasconcelos Figueiredo Pinto";
    const line = shapeLine(name, "ltr", bold);
    expect(lineWidth(line, 36)).toBeGreaterThan(640);
    const size = fitSize(line, 36, 640);
    expect(size).toBeLessThan(36);
    expect(lineWidth(line, size)).toBeLessThanOrEqual(640);
    expect(fitSize(shapeLine("Ana Lima", "ltr", bold), 36, 640)).toBe(36);
  });

  it("wraps a signature anywhere but never after a hyphen, and a URL after a slash", () => {
    const mono = chain("mono");
    const signature =
      "prv-2026-01.MEUCIQDx4n9C2pJ1s5cY8Wq3kzV0rL7oT6aHf2bNdE1uPgI-Jx0Yz9sQvT3kLmW8eR4tU7yH1cB5nD6fA2gK9";
    const lines = wrapText(signature, "ltr", mono, 6.8, 150, "anywhere");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((l) => l.text).join("")).toBe(signature);
    for (const line of lines) {
      expect(lineWidth(line, 6.8)).toBeLessThanOrEqual(150);
      expect(line.text.endsWith("-")).toBe(false);
    }
    const url = wrapText(
      "https://provenance.example.org/verify/PRV-2026-7K3M-Q9XD",
      "ltr",
      regular,
      7,
      150,
      "anywhere"
    );
    expect(url.map((l) => l.text)).toEqual(["https://provenance.example.org/verify/", "PRV-2026-7K3M-Q9XD"]);
  });

  it("wraps words, and Chinese between characters", () => {
    const words = wrapText("Ed25519 signature of the record embedded in this document", "ltr", regular, 7, 100);
    expect(words.map((l) => l.text).join(" ")).toBe("Ed25519 signature of the record embedded in this document");
    expect(words.every((l) => lineWidth(l, 7) <= 100)).toBe(true);
    const chinese = wrapText("本文件所嵌记录的数字签名本文件所嵌记录的数字签名", "ltr", regular, 10, 60);
    expect(chinese.length).toBeGreaterThan(1);
    expect(chinese.every((l) => lineWidth(l, 10) <= 60)).toBe(true);
  });
});
