import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fontkitModule from "@pdf-lib/fontkit";
import type { Font, Glyph } from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

/**
 * Font files, parsed once per process and shared by every certificate.
 *
 * pdf-lib's `embedFont(bytes, { subset: true })` calls `fontkit.create(bytes)` for every document,
 * which parses the font's tables (and later its layout tables) again each time: for the 5 MB CJK
 * subset that is most of a naive render's cost. Parsed fontkit fonts are read-only once built (their
 * caches of glyphs and layout engines only ever fill up, synchronously, with the same values), and
 * pdf-lib's subset embedder makes a new `font.createSubset()` per document, so one parsed font can
 * serve every document. `registerFontkit(CACHING_FONTKIT)` hands pdf-lib the cached font for the
 * bytes it was given.
 */

// The package is CommonJS (UMD) for Node and ES for bundlers; its type file has no default export.
const fontkit = ((fontkitModule as unknown as { default?: typeof fontkitModule }).default ??
  fontkitModule) as unknown as { create(bytes: Uint8Array, postscriptName?: string): Font };

/**
 * @pdf-lib/fontkit 1.1.1 was compiled with Babel's regenerator transform and expects a global
 * `regeneratorRuntime` for one generator: the syllable matcher of its Indic and Universal shapers.
 * Without it, shaping Devanagari (and other Indic or USE scripts) throws "regeneratorRuntime is not
 * defined". That generator has no try/catch, no delegation and ignores values sent in, so this small
 * runtime is enough; a real one, if some other package installed it, is left alone.
 */
interface GeneratorContext {
  prev: unknown;
  next: unknown;
  sent: unknown;
  done: boolean;
  stop(): undefined;
}
const globals = globalThis as { regeneratorRuntime?: unknown };
globals.regeneratorRuntime ??= {
  mark: <F>(generatorFunction: F): F => generatorFunction,
  wrap(inner: (this: unknown, context: GeneratorContext) => unknown, _outer: unknown, self: unknown) {
    const context: GeneratorContext = {
      prev: 0,
      next: 0,
      sent: undefined,
      done: false,
      stop() {
        this.done = true;
        return undefined;
      },
    };
    const generator = {
      next(value?: unknown) {
        if (context.done) return { value: undefined, done: true };
        context.sent = value;
        const result = inner.call(self, context);
        return context.done ? { value: undefined, done: true } : { value: result, done: false };
      },
      return(value?: unknown) {
        context.done = true;
        return { value, done: true };
      },
      [Symbol.iterator]() {
        return generator;
      },
    };
    return generator;
  },
};

/** One face of a fallback chain. */
export interface Face {
  /** The font file's name under certificates/fonts/, which also identifies the face. */
  file: string;
  font: Font;
  bytes: Uint8Array;
  /** Draw with a thin outline as well, to stand in for a bold weight the face does not have. */
  fauxBold: boolean;
}

/** Faces in order of preference: a character takes the first face that has a glyph for it. */
export interface FontChain {
  name: string;
  faces: Face[];
}

const parsedByBytes = new Map<Uint8Array, Font>();
const facesByPath = new Map<string, { font: Font; bytes: Uint8Array }>();

/** The fontkit pdf-lib should use: fonts this module loaded come from the cache, others are parsed. */
export const CACHING_FONTKIT = {
  create(bytes: Uint8Array, postscriptName?: string): Font {
    return parsedByBytes.get(bytes) ?? fontkit.create(bytes, postscriptName);
  },
};

/** Read and parse a font file once per process. */
export function loadFontFile(filePath: string): { font: Font; bytes: Uint8Array } {
  const absolute = path.resolve(filePath);
  let entry = facesByPath.get(absolute);
  if (!entry) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(fs.readFileSync(absolute));
    } catch (error) {
      throw new Error(`Certificate font ${filePath} cannot be read: ${(error as Error).message}`);
    }
    // pdf-lib's CFF subsetter writes broken fonts (see certificates/fonts/README.md): TrueType only.
    const magic = String.fromCharCode(...bytes.subarray(0, 4));
    if (magic !== "\x00\x01\x00\x00" && magic !== "true")
      throw new Error(`Certificate font ${filePath} must be a TrueType font (.ttf with glyf outlines)`);
    const font = fontkit.create(bytes);
    entry = { font, bytes };
    facesByPath.set(absolute, entry);
    parsedByBytes.set(bytes, font);
  }
  return entry;
}

/** The glyphs one document draws with each face: what its subset will hold. */
export class FaceUsage {
  private readonly glyphIds = new Map<Face, Set<number>>();

  add(face: Face, glyphs: readonly Glyph[]): void {
    let ids = this.glyphIds.get(face);
    if (!ids) this.glyphIds.set(face, (ids = new Set()));
    for (const glyph of glyphs) ids.add(glyph.id);
  }

  faces(): Face[] {
    return [...this.glyphIds.keys()];
  }

  /**
   * The subset tag (ISO 32000-1, 9.6.4): six capital letters derived from the glyphs the subset
   * holds, so the same text gives the same font name and different subsets different names.
   */
  tag(face: Face): string {
    const ids = [...(this.glyphIds.get(face) ?? [])].sort((a, b) => a - b);
    const digest = crypto
      .createHash("sha256")
      .update(`${face.file}:${ids.join(",")}`)
      .digest();
    let tag = "";
    for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i]! % 26));
    return tag;
  }
}

/** Embed, as subsets, exactly the faces a document uses; the PDF font for each. */
export async function embedFaces(doc: PDFDocument, usage: FaceUsage): Promise<Map<Face, PDFFont>> {
  doc.registerFontkit(CACHING_FONTKIT);
  const fonts = new Map<Face, PDFFont>();
  for (const face of usage.faces()) {
    const postscriptName = (face.font.postscriptName || path.basename(face.file, ".ttf")).replace(
      /[^!-~]|[/%()<>[\]{}]/g,
      ""
    );
    const pdfFont = await doc.embedFont(face.bytes, {
      subset: true,
      customName: `${usage.tag(face)}+${postscriptName}`,
    });
    fonts.set(face, pdfFont);
  }
  return fonts;
}

/** What pdf-lib 1.17's subset embedder keeps private and this module needs to add shaped glyphs. */
interface SubsetEmbedder {
  subset: { includeGlyph(glyph: Glyph): number };
  glyphs: Glyph[];
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
}

function subsetEmbedderOf(pdfFont: PDFFont): SubsetEmbedder {
  const embedder = (pdfFont as unknown as { embedder?: Partial<SubsetEmbedder> }).embedder;
  if (
    !embedder ||
    typeof embedder.subset?.includeGlyph !== "function" ||
    !Array.isArray(embedder.glyphs) ||
    !(embedder.glyphIdMap instanceof Map) ||
    typeof embedder.glyphCache?.invalidate !== "function"
  )
    throw new Error("pdf-lib's font subset embedder has changed: certificates/pdf/fonts.server.ts needs updating");
  return embedder as SubsetEmbedder;
}

/**
 * Put already-shaped glyphs into a font's subset; their codes (4 hex digits each) for a TJ operator.
 * This is what pdf-lib's `encodeText` does after running its own layout, which cannot be told the
 * direction of a run (so it would reverse Arabic-Indic digits in a left-to-right run, for example).
 */
export function encodeGlyphs(pdfFont: PDFFont, glyphs: readonly Glyph[], rightToLeft = false): string[] {
  const embedder = subsetEmbedderOf(pdfFont);
  const codes = new Array<string>(glyphs.length);
  for (let i = 0; i < glyphs.length; i++) {
    let glyph = glyphs[i]!;
    // Extractors read right-to-left runs in visual order and reverse them; a ligature (lam-alef) must
    // then map to its characters reversed too, or "لا" comes out as "ال". (Only this document's
    // /ToUnicode sees the copy; the cached glyph is unchanged.)
    if (rightToLeft && glyph.codePoints.length > 1)
      glyph = Object.create(glyph, { codePoints: { value: [...glyph.codePoints].reverse() } }) as Glyph;
    const subsetId = embedder.subset.includeGlyph(glyph);
    embedder.glyphs[subsetId - 1] = glyph;
    embedder.glyphIdMap.set(glyph.id, subsetId);
    codes[i] = subsetId.toString(16).padStart(4, "0");
  }
  embedder.glyphCache.invalidate();
  return codes;
}
