import bidiFactory from "bidi-js";
import type { Glyph, GlyphPosition, GlyphRun } from "@pdf-lib/fontkit";
import {
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames as Ops,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  setTextRenderingMode,
  setTextRise,
  TextRenderingMode,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from "pdf-lib";
import { encodeGlyphs, type Face, type FaceUsage, type FontChain } from "./fonts.server.ts";

/**
 * Text layout for every script, in four steps:
 *
 * 1. Font runs: each grapheme cluster (a base with its combining marks) takes the first face of the
 *    fallback chain that has glyphs for all its characters; punctuation, spaces and digits (Unicode
 *    script Common or Inherited) stay in the face of the text before them when it has them, so an
 *    Arabic name with its space is one run and shapes as one.
 * 2. Bidi: `bidi-js` resolves embedding levels for the line in the paragraph direction of the
 *    certificate's language (UAX #9, rules P2 to I2 and L1); the line is cut into runs of one level
 *    and one face, and the runs are put in visual order by rule L2. Characters of right-to-left runs
 *    are mirrored where Unicode says so (brackets).
 * 3. Shaping: fontkit shapes each run with its direction given explicitly (it reverses right-to-left
 *    runs itself, after shaping the logical text), so Arabic joins, Devanagari reorders, and
 *    Arabic-Indic digits in a left-to-right number are not reversed as pdf-lib's `drawText` would.
 * 4. Drawing: runs are drawn left to right with TJ arrays carrying the glyph positions (kerning and
 *    mark attachment from GPOS, which `drawText` drops), inside a marked-content sequence whose
 *    /ActualText is the logical string, so text extraction gives the text in reading order (see
 *    `TextPainter.draw` for right-to-left lines).
 */

const bidi = bidiFactory();
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export type Direction = "ltr" | "rtl";
/** A paragraph direction; "auto" takes that of the first strong character (UAX #9 P2, P3), like dir="auto". */
export type ParagraphDirection = Direction | "auto";

/**
 * The paragraph direction for a name or other user-provided line on a page written in `pageDir`: the
 * page's direction if the text has a strong character of that direction, else that of its first
 * strong character. So "John Smith Jr." on an Arabic page keeps its period at the end, while
 * "محمد Smith-Ali 3" follows the page, as text extractors (which assume the page's direction) expect.
 */
export function nameDirection(text: string, pageDir: Direction): ParagraphDirection {
  for (const ch of text) {
    const type = bidi.getBidiCharTypeName(ch);
    if (pageDir === "ltr" ? type === "L" : type === "R" || type === "AL") return pageDir;
  }
  return "auto";
}

/** Code points that need no glyph of their own: joiners, variation selectors, bidi controls. */
function isIgnorable(cp: number): boolean {
  return (
    cp === 0x200c ||
    cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0x061c
  );
}

const NEUTRAL_START = /^[\p{Script=Common}\p{Script=Inherited}]/u;

function covers(face: Face, cluster: string): boolean {
  for (const ch of cluster) {
    const cp = ch.codePointAt(0)!;
    if (!isIgnorable(cp) && !face.font.hasGlyphForCodePoint(cp)) return false;
  }
  return true;
}

/** A stretch of the logical text in one face: [start, end) in UTF-16 code units. */
export interface FontSegment {
  start: number;
  end: number;
  face: Face;
}

/** Step 1: per-cluster font fallback. Adjacent clusters in the same face form one segment. */
export function splitByFont(text: string, chain: FontChain): FontSegment[] {
  const segments: FontSegment[] = [];
  const faces = chain.faces;
  if (faces.length === 0) throw new Error(`Font chain ${chain.name} has no faces`);
  for (const { segment: cluster, index } of graphemes.segment(text)) {
    const previous = segments[segments.length - 1];
    let face: Face | undefined;
    if (previous && NEUTRAL_START.test(cluster) && covers(previous.face, cluster)) face = previous.face;
    face ??= faces.find((f) => covers(f, cluster));
    if (!face) {
      // No face has every character: take the one with the base character (marks may show as boxes).
      const base = cluster.codePointAt(0)!;
      face = faces.find((f) => f.font.hasGlyphForCodePoint(base)) ?? faces[0]!;
    }
    if (previous && previous.face === face) previous.end = index + cluster.length;
    else segments.push({ start: index, end: index + cluster.length, face });
  }
  return segments;
}

/** A run of one level and one face, in visual position; `text` is logical (mirrored if rtl). */
export interface Run {
  /** The run's characters in logical order, with brackets mirrored in right-to-left runs. */
  text: string;
  /** [start, end) of the run in the line's logical text. */
  start: number;
  end: number;
  level: number;
  face: Face;
}

/** Step 2: runs of the line in visual order (left to right) for a paragraph of direction `dir`. */
export function visualRuns(text: string, dir: ParagraphDirection, chain: FontChain): Run[] {
  if (text.length === 0) return [];
  const embedding = bidi.getEmbeddingLevels(text, dir);
  const levels = embedding.levels.slice();
  const paragraphLevel = embedding.paragraphs[0]?.level ?? (dir === "rtl" ? 1 : 0);
  // L1.4: whitespace (and isolate controls) at the end of the line take the paragraph level.
  for (let i = text.length - 1; i >= 0; i--) {
    const type = bidi.getBidiCharTypeName(text[i]!);
    if (type !== "WS" && type !== "FSI" && type !== "LRI" && type !== "RLI" && type !== "PDI" && type !== "BN") break;
    levels[i] = paragraphLevel;
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels);

  const runs: Run[] = [];
  for (const segment of splitByFont(text, chain)) {
    let start = segment.start;
    for (let i = segment.start + 1; i <= segment.end; i++) {
      if (i === segment.end || levels[i] !== levels[start]) {
        let runText = "";
        for (let j = start; j < i; j++) runText += mirrored.get(j) ?? text[j];
        runs.push({ text: runText, start, end: i, level: levels[start]!, face: segment.face });
        start = i;
      }
    }
  }

  // L2: from the highest level to the lowest odd level, reverse every maximal sequence of runs at
  // that level or higher. (Within a run, fontkit reverses the glyphs of odd-level runs.)
  let maxLevel = paragraphLevel;
  let lowestOdd = Infinity;
  for (const run of runs) {
    maxLevel = Math.max(maxLevel, run.level);
    lowestOdd = Math.min(lowestOdd, run.level | 1);
  }
  for (let level = maxLevel; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; i++) {
      if (runs[i]!.level < level) continue;
      let j = i;
      while (j + 1 < runs.length && runs[j + 1]!.level >= level) j++;
      if (j > i) runs.splice(i, j - i + 1, ...runs.slice(i, j + 1).reverse());
      i = j;
    }
  }
  return runs;
}

/** A run shaped by its face: glyphs and positions in visual order, in font units. */
export interface ShapedRun extends Run {
  glyphs: Glyph[];
  positions: GlyphPosition[];
  /** Sum of the glyphs' advances, in font units. */
  advance: number;
  unitsPerEm: number;
}

/** One line of text, shaped: its runs left to right. Measure with `lineWidth`. */
export interface ShapedLine {
  /** The logical text as given (before normalisation), for /ActualText. */
  text: string;
  dir: ParagraphDirection;
  runs: ShapedRun[];
  /** The width at size 1 (points per point of font size). */
  unitWidth: number;
}

/** fontkit's layout takes script, language and direction too; its type file declares only two parameters. */
type FullLayout = (
  text: string,
  features: string[],
  script: string | undefined,
  language: string | undefined,
  direction: Direction
) => GlyphRun;

const shapedCache = new Map<string, ShapedLine>();
const SHAPED_CACHE_LIMIT = 4000;

/**
 * Steps 1 to 3 for one line. Results are cached: the fixed wording is shaped once per process. Text that
 * is different on every certificate (its URL, its signature) passes `cache: false`, so it does not push
 * the wording out of the cache.
 */
export function shapeLine(text: string, dir: ParagraphDirection, chain: FontChain, cache = true): ShapedLine {
  const key = `${chain.name}\u0000${dir}\u0000${text}`;
  const cached = shapedCache.get(key);
  if (cached) return cached;
  // Shape the canonical composition (a name typed as e + U+0301 draws like é); /ActualText keeps `text`.
  const normalised = text.normalize("NFC");
  const runs = visualRuns(normalised, dir, chain).map((run): ShapedRun => {
    const font = run.face.font;
    const result = (font.layout as FullLayout).call(
      font,
      run.text,
      [],
      undefined,
      undefined,
      run.level % 2 === 1 ? "rtl" : "ltr"
    );
    let advance = 0;
    for (const position of result.positions) advance += position.xAdvance;
    return { ...run, glyphs: result.glyphs, positions: result.positions, advance, unitsPerEm: font.unitsPerEm };
  });
  let unitWidth = 0;
  for (const run of runs) unitWidth += run.advance / run.unitsPerEm;
  const line: ShapedLine = { text, dir, runs, unitWidth };
  if (!cache) return line;
  if (shapedCache.size >= SHAPED_CACHE_LIMIT) shapedCache.clear();
  shapedCache.set(key, line);
  return line;
}

export function lineWidth(line: ShapedLine, size: number): number {
  return line.unitWidth * size;
}

/** The largest size ≤ `size` at which the line fits `maxWidth` (long names shrink, never overflow). */
export function fitSize(line: ShapedLine, size: number, maxWidth: number): number {
  return line.unitWidth * size <= maxWidth ? size : Math.max(0.1, maxWidth / line.unitWidth) * 0.999;
}

const SPACE = /\s/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Break a paragraph into lines no wider than `maxWidth` at `size`: after spaces, between CJK
 * characters, and (mode "anywhere", for URLs and signatures) between any two characters, preferring
 * after a slash. Greedy; each line is laid out on its own (its bidi levels too).
 */
export function wrapText(
  text: string,
  dir: ParagraphDirection,
  chain: FontChain,
  size: number,
  maxWidth: number,
  mode: "words" | "anywhere" = "words"
): ShapedLine[] {
  const clusters = [...graphemes.segment(text.trim())].map((s) => s.segment);
  const breakAfter = (i: number): boolean => {
    const here = clusters[i]!;
    const next = clusters[i + 1];
    if (next === undefined) return true;
    if (mode === "anywhere") return true;
    return SPACE.test(here) || ((CJK.test(here) || CJK.test(next)) && !SPACE.test(next));
  };
  // Text broken anywhere (a URL, a signature) is new on every certificate: measure it by adding up the
  // widths of its characters (each shaped once per process) instead of shaping every candidate line;
  // the chosen line is then shaped for real and shortened in the rare case kerning made it too wide.
  const prefix: number[] | null = mode === "anywhere" ? [0] : null;
  if (prefix) for (const c of clusters) prefix.push(prefix.at(-1)! + lineWidth(shapeLine(c, dir, chain), size));
  const lines: ShapedLine[] = [];
  let start = 0;
  while (start < clusters.length) {
    // The furthest break that fits (binary search over break positions: widths grow with length).
    const candidates: number[] = [];
    for (let i = start; i < clusters.length; i++) if (breakAfter(i)) candidates.push(i + 1);
    const fits = (end: number) =>
      prefix
        ? prefix[end]! - prefix[start]! <= maxWidth
        : lineWidth(shapeLine(clusters.slice(start, end).join("").trim(), dir, chain), size) <= maxWidth;
    let lo = 0;
    let hi = candidates.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (fits(candidates[mid]!)) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let end = best >= 0 ? candidates[best]! : Math.max(candidates[0] ?? clusters.length, start + 1);
    if (mode === "anywhere" && end < clusters.length) {
      // URLs break after a slash (or . ? & =) in the second half of the line; never leave a hyphen at
      // a line's end, where readers and text extractors take it for a hyphenation.
      const half = start + Math.ceil((end - start) / 2);
      const after = (chars: string) => {
        for (let i = end; i > half; i--) if (chars.includes(clusters[i - 1]!)) return i;
        return -1;
      };
      const preferred = [after("/"), after(".?&=")].find((i) => i > 0);
      if (preferred !== undefined) end = preferred;
      else while (end - 1 > start + 1 && clusters[end - 1] === "-") end--;
    }
    let line = shapeLine(clusters.slice(start, end).join("").trim(), dir, chain, mode === "words");
    while (prefix && end > start + 1 && lineWidth(line, size) > maxWidth) {
      end--;
      line = shapeLine(clusters.slice(start, end).join("").trim(), dir, chain, false);
    }
    if (line.text) lines.push(line);
    start = end;
  }
  return lines;
}

/** Record the glyphs a line will draw, so the document embeds exactly the subsets it needs. */
export function noteUsage(usage: FaceUsage, line: ShapedLine): void {
  for (const run of line.runs) usage.add(run.face, run.glyphs);
}

export type Align = "left" | "center" | "right";

export interface RGB {
  r: number;
  g: number;
  b: number;
}

/** Per-document drawing state: the embedded fonts and each page's resource name for them. */
export class TextPainter {
  private readonly keys = new Map<PDFFont, PDFName>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly page: PDFPage,
    private readonly fonts: Map<Face, PDFFont>
  ) {}

  private fontKey(font: PDFFont): PDFName {
    let key = this.keys.get(font);
    if (!key) {
      key = this.page.node.newFontDictionary(font.name, font.ref);
      this.keys.set(font, key);
    }
    return key;
  }

  /**
   * Step 4: draw a shaped line with its anchor at (x, baseline y): the left end, the centre or the
   * right end per `align`. Returns the line's width.
   */
  draw(line: ShapedLine, x: number, y: number, size: number, colour: RGB, align: Align): number {
    const width = lineWidth(line, size);
    let penX = align === "left" ? x : align === "center" ? x - width / 2 : x - width;
    // Text extraction: a line without right-to-left runs is one /ActualText span of its logical text
    // (Devanagari reordering, conjuncts and ligatures extract as typed). Extractors (poppler, pdf.js,
    // PDFium) read right-to-left text in visual order and reverse it themselves, and poppler does so
    // with /ActualText too, which would reverse a logical span: there, only the left-to-right runs get
    // a span, and right-to-left runs rely on /ToUnicode, with ligatures mapped in reverse.
    const hasRtl = line.runs.some((run) => run.level % 2 === 1);
    const lineSpan = !hasRtl;
    const ops: PDFOperator[] = [];
    if (lineSpan) ops.push(beginSpan(line.text));
    // q/Q: the outline of faux bold (rendering mode, line width) must not outlive the line.
    ops.push(pushGraphicsState(), beginText(), setFillingRgbColor(colour.r, colour.g, colour.b));
    let outlined = false;
    for (const run of line.runs) {
      const pdfFont = this.fonts.get(run.face);
      if (!pdfFont) throw new Error(`Font ${run.face.file} was not embedded before drawing`);
      const rtl = run.level % 2 === 1;
      const codes = encodeGlyphs(pdfFont, run.glyphs, rtl);
      const runSpan = hasRtl && !rtl;
      if (runSpan) ops.push(beginSpan(run.text));
      ops.push(setFontAndSize(this.fontKey(pdfFont), size));
      if (run.face.fauxBold !== outlined) {
        outlined = run.face.fauxBold;
        if (outlined) {
          ops.push(setStrokingRgbColor(colour.r, colour.g, colour.b), setLineWidth(size * 0.035));
          ops.push(setTextRenderingMode(TextRenderingMode.FillAndOutline));
        } else ops.push(setTextRenderingMode(TextRenderingMode.Fill));
      }
      ops.push(setTextMatrix(1, 0, 0, 1, round(penX), round(y)));
      ops.push(...showGlyphs(this.doc, codes, run, size));
      if (runSpan) ops.push(PDFOperator.of(Ops.EndMarkedContent));
      penX += (run.advance / run.unitsPerEm) * size;
    }
    ops.push(endText(), popGraphicsState());
    if (lineSpan) ops.push(PDFOperator.of(Ops.EndMarkedContent));
    this.page.pushOperators(...ops);
    return width;
  }
}

/** /Span <</ActualText <FEFF…>>> BDC, with an inline property list (ISO 32000-1, 14.9.4). */
function beginSpan(text: string): PDFOperator {
  return PDFOperator.of(Ops.BeginMarkedContentSequence, [
    PDFName.of("Span"),
    `<</ActualText ${PDFHexString.fromText(text).toString()}>>`,
  ]);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * TJ arrays for a run: between glyphs, the difference between the position fontkit computed (GPOS
 * kerning, mark offsets) and the glyph's advance in the font's /W array; vertical offsets (marks above
 * or below their base) with the text rise operator, which needs a new TJ.
 */
function showGlyphs(doc: PDFDocument, codes: string[], run: ShapedRun, size: number): PDFOperator[] {
  const scale = 1000 / run.unitsPerEm;
  const ops: PDFOperator[] = [];
  let items: (PDFHexString | PDFNumber)[] = [];
  let pendingShift = 0; // in thousandths of an em, positive moves right
  let hex = "";
  let rise = 0;
  const flushHex = () => {
    if (hex) items.push(PDFHexString.of(hex));
    hex = "";
  };
  const flushArray = () => {
    flushHex();
    if (items.length) ops.push(PDFOperator.of(Ops.ShowTextAdjusted, [doc.context.obj(items)]));
    items = [];
  };
  for (let i = 0; i < run.glyphs.length; i++) {
    const glyph = run.glyphs[i]!;
    const position = run.positions[i]!;
    const glyphRise = round((position.yOffset / run.unitsPerEm) * size);
    if (glyphRise !== rise) {
      flushArray();
      ops.push(setTextRise(glyphRise));
      rise = glyphRise;
    }
    pendingShift += position.xOffset * scale;
    if (Math.abs(pendingShift) > 0.01) {
      flushHex();
      items.push(PDFNumber.of(round(-pendingShift)));
    }
    pendingShift = 0;
    hex += codes[i];
    pendingShift = (position.xAdvance - glyph.advanceWidth - position.xOffset) * scale;
  }
  flushArray();
  if (rise !== 0) ops.push(setTextRise(0));
  return ops;
}
