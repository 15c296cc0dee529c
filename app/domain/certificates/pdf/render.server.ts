import { LineCapStyle, PDFDocument, rgb, type PDFPage } from "pdf-lib";
import { intlLocale, type Language } from "~/i18n/config.ts";
import type { CertificateView } from "~/domain/certificates/record.ts";
import {
  certificateDesign,
  type CertificateDesign,
  type LogoPath,
  type Placeholder,
  type Template,
  type TemplateElement,
  type Wording,
  type WordingKey,
} from "./design.server.ts";
import { embedFaces, FaceUsage, type FontChain } from "./fonts.server.ts";
import { embedRecord } from "./metadata.server.ts";
import { drawQr, qrRuns } from "./qr.server.ts";
import {
  fitSize,
  nameDirection,
  noteUsage,
  shapeLine,
  TextPainter,
  wrapText,
  type Align,
  type Direction,
  type RGB,
  type ShapedLine,
} from "./text.server.ts";

export { readEmbeddedRecord } from "./metadata.server.ts";

/** A line of text placed on the page: its anchor (per `align`), baseline, size and colour. */
interface PlacedText {
  line: ShapedLine;
  x: number;
  y: number;
  size: number;
  colour: RGB;
  align: Align;
}

function hexToRgb(hex: string): RGB {
  const n = parseInt(hex.slice(1), 16);
  return { r: ((n >> 16) & 255) / 255, g: ((n >> 8) & 255) / 255, b: (n & 255) / 255 };
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date (stored at UTC midnight) in the certificate's language, e.g. 21 November 2026. */
export function formatCertificateDate(date: Date, language: Language, numerals?: string): string {
  const key = `${language}:${numerals ?? ""}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), {
      dateStyle: "long",
      timeZone: "UTC",
      ...(numerals ? { numberingSystem: numerals } : {}),
    });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

function fill(phrase: string, values: Partial<Record<Placeholder, string>>): string {
  return phrase.replace(/\{(\w+)\}/g, (whole, key: string) => values[key as Placeholder] ?? whole);
}

/** Everything one certificate's page needs, resolved before any PDF object is made. */
class Layout {
  readonly texts: PlacedText[] = [];
  readonly usage = new FaceUsage();
  private readonly rtl: boolean;
  private readonly width: number;
  private readonly dates: { issuedOn: string; expiresOn?: string; completedOn?: string };

  constructor(
    private readonly view: CertificateView,
    private readonly template: Template,
    private readonly chains: Map<string, FontChain>,
    private readonly wording: Wording
  ) {
    this.rtl = wording.direction === "rtl";
    this.width = template.page.width;
    const date = (d: Date) => formatCertificateDate(d, view.language, wording.numerals);
    const latest = view.programmes.reduce<Date | undefined>(
      (max, p) => (max === undefined || p.completedOn > max ? p.completedOn : max),
      undefined
    );
    this.dates = {
      issuedOn: date(view.issuedOn),
      expiresOn: view.expiresOn ? date(view.expiresOn) : undefined,
      completedOn: latest ? date(latest) : undefined,
    };
  }

  /** x in the page's reading direction: mirrored for right-to-left languages. */
  x(x: number): number {
    return this.rtl ? this.width - x : x;
  }

  align(align: "start" | "center" | "end"): Align {
    if (align === "center") return "center";
    return (align === "start") !== this.rtl ? "left" : "right";
  }

  chain(name: string): FontChain {
    const chain = this.chains.get(name);
    if (!chain) throw new Error(`Template ${this.template.id} has no font chain ${name}`);
    return chain;
  }

  phrase(key: WordingKey, values: Partial<Record<Placeholder, string>> = {}): string {
    return fill(this.wording[key], {
      name: this.view.holderName,
      number: this.view.number,
      date: this.dates.completedOn,
      ...values,
    });
  }

  private place(
    line: ShapedLine,
    x: number,
    y: number,
    style: { size: number; colour: string },
    align: Align,
    maxWidth: number
  ): void {
    const colour = this.template.colours[style.colour];
    if (!colour) throw new Error(`Template ${this.template.id} has no colour ${style.colour}`);
    this.texts.push({ line, x, y, size: fitSize(line, style.size, maxWidth), colour: hexToRgb(colour), align });
    noteUsage(this.usage, line);
  }

  /** One line, shrunk to fit `maxWidth`. */
  line(
    text: string,
    dir: Direction | "auto",
    at: { x: number; y: number; align: "start" | "center" | "end" },
    style: { font: string; size: number; colour: string },
    maxWidth: number
  ): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.place(
      shapeLine(trimmed, dir, this.chain(style.font)),
      this.x(at.x),
      at.y,
      style,
      this.align(at.align),
      maxWidth
    );
  }

  /** A paragraph wrapped to `maxWidth`, one line every `lineHeight` downwards; returns the last baseline. */
  paragraph(
    text: string,
    dir: Direction,
    mode: "words" | "anywhere",
    at: { x: number; y: number; align: Align },
    style: { font: string; size: number; colour: string },
    maxWidth: number,
    lineHeight: number
  ): number {
    const lines = wrapText(text, dir, this.chain(style.font), style.size, maxWidth, mode);
    lines.forEach((line, i) => this.place(line, at.x, at.y - i * lineHeight, style, at.align, maxWidth));
    return at.y - Math.max(0, lines.length - 1) * lineHeight;
  }

  element(e: TemplateElement): void {
    const dir = this.wording.direction;
    switch (e.type) {
      case "text": {
        if (e.wording) return this.line(this.phrase(e.wording), dir, e, e, e.maxWidth);
        const view = this.view;
        const value = {
          holderName: view.holderName,
          holderLatin: view.holderLatin,
          title: view.title,
          issuer: view.issuer,
          number: view.number,
        }[e.field!];
        if (value === undefined) return;
        // Names: see nameDirection. The number is a code, always left to right.
        const fieldDir =
          e.field === "holderName" || e.field === "holderLatin"
            ? nameDirection(value, dir)
            : e.field === "number"
            ? "ltr"
            : dir;
        return this.line(value, fieldDir, e, e, e.maxWidth);
      }
      case "programmes": {
        if (this.view.programmes.length === 0) return;
        this.line(this.phrase(e.heading.wording), dir, e, e.heading, e.maxWidth);
        this.view.programmes.forEach((p, i) => {
          const date = formatCertificateDate(p.completedOn, this.view.language, this.wording.numerals);
          const y = e.y - e.gap - i * e.lineHeight;
          this.line(this.phrase(e.line.wording, { title: p.title, date }), dir, { ...e, y }, e.line, e.maxWidth);
        });
        return;
      }
      case "details": {
        let y = e.y;
        for (const row of e.rows) {
          const value = row.value === "number" ? this.view.number : this.dates[row.value];
          if (value === undefined) continue;
          this.line(this.phrase(row.label), dir, { ...e, y }, e.label, e.maxWidth);
          y -= e.valueGap;
          this.line(value, row.value === "number" ? "ltr" : dir, { ...e, y }, e.value, e.maxWidth);
          y -= e.rowGap;
        }
        return;
      }
      case "signature": {
        const x = this.x(e.x);
        const align = this.align(e.align);
        this.line(this.phrase(e.label.wording), dir, e, e.label, e.maxWidth);
        const y = e.y - e.value.gap;
        const last = this.paragraph(
          this.view.signature,
          "ltr",
          "anywhere",
          { x, y, align },
          e.value,
          e.maxWidth,
          e.value.lineHeight
        );
        if (e.note) {
          const noteY = last - e.note.gap;
          this.paragraph(
            this.phrase(e.note.wording),
            dir,
            "words",
            { x, y: noteY, align },
            e.note,
            e.maxWidth,
            e.note.size * 1.3
          );
        }
        return;
      }
      case "qr": {
        const left = this.rtl ? this.width - e.x - e.size : e.x;
        const centre = left + e.size / 2;
        const caption = this.phrase(e.caption.wording);
        this.place(
          shapeLine(caption, dir, this.chain(e.caption.font)),
          centre,
          e.y + e.size + e.caption.gap,
          e.caption,
          "center",
          e.url.maxWidth
        );
        this.paragraph(
          this.view.verifyUrl,
          "ltr",
          "anywhere",
          { x: centre, y: e.y - e.url.gap, align: "center" },
          e.url,
          e.url.maxWidth,
          e.url.lineHeight
        );
        return;
      }
      case "rule":
      case "logo":
        return;
    }
  }
}

function drawLogo(page: PDFPage, logo: LogoPath[], centreX: number, top: number, size: number): void {
  const scale = size / 100;
  for (const p of logo) {
    const fillColour = p.fill ? hexToRgb(p.fill) : undefined;
    const strokeColour = p.stroke ? hexToRgb(p.stroke) : undefined;
    page.drawSvgPath(p.d, {
      x: centreX - size / 2,
      y: top,
      scale,
      color: fillColour ? rgb(fillColour.r, fillColour.g, fillColour.b) : undefined,
      borderColor: strokeColour ? rgb(strokeColour.r, strokeColour.g, strokeColour.b) : undefined,
      borderWidth: strokeColour ? p.strokeWidth : undefined,
      borderLineCap:
        p.lineCap === "round"
          ? LineCapStyle.Round
          : p.lineCap === "square"
          ? LineCapStyle.Projecting
          : LineCapStyle.Butt,
    });
  }
}

function colourOf(template: Template, name: string) {
  const c = hexToRgb(template.colours[name]!);
  return rgb(c.r, c.g, c.b);
}

function templateFor(design: CertificateDesign, id: string) {
  const entry = design.templates.get(id);
  if (!entry) throw new Error(`Unknown certificate template "${id}" (have ${[...design.templates.keys()].join(", ")})`);
  return entry;
}

/**
 * The certificate as a one-page PDF, not saved: the signing module adds its signature placeholder,
 * then saves it with `useObjectStreams: false`. Fonts are embedded as subsets, only those used.
 */
export async function renderCertificate(view: CertificateView): Promise<PDFDocument> {
  const design = certificateDesign();
  const { template, chains } = templateFor(design, view.template);
  const wording = design.wording.get(view.language);
  if (!wording) throw new Error(`No certificate wording for language "${view.language}"`);

  // 1. Lay out every line first, so the document embeds exactly the glyphs it draws.
  const layout = new Layout(view, template, chains, wording);
  for (const element of template.elements) layout.element(element);

  // 2. The document, its page and its fonts.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const { width, height } = template.page;
  const page = doc.addPage([width, height]);
  const fonts = await embedFaces(doc, layout.usage);

  // 3. Draw: paper, frames, logo, rules, QR code, then the text.
  const paper = template.colours.paper!;
  if (paper.toUpperCase() !== "#FFFFFF")
    page.drawRectangle({ x: 0, y: 0, width, height, color: colourOf(template, "paper") });
  for (const frame of template.frames)
    page.drawRectangle({
      x: frame.inset,
      y: frame.inset,
      width: width - 2 * frame.inset,
      height: height - 2 * frame.inset,
      borderColor: colourOf(template, frame.colour),
      borderWidth: frame.thickness,
    });
  for (const e of template.elements) {
    if (e.type === "logo") drawLogo(page, design.logo, layout.x(e.x), e.top, e.size);
    if (e.type === "rule")
      page.drawLine({
        start: { x: layout.x(e.x1), y: e.y },
        end: { x: layout.x(e.x2), y: e.y },
        thickness: e.thickness,
        color: colourOf(template, e.colour),
      });
    if (e.type === "qr") {
      const left = wording.direction === "rtl" ? width - e.x - e.size : e.x;
      drawQr(page, qrRuns(view.verifyUrl), left, e.y, e.size, hexToRgb(template.colours[e.colour]!));
    }
  }
  const painter = new TextPainter(doc, page, fonts);
  for (const t of layout.texts) painter.draw(t.line, t.x, t.y, t.size, t.colour, t.align);

  // 4. Metadata, and the signed record with its signature for offline verification.
  const now = new Date();
  doc.setTitle(`${view.title} — ${view.holderName}`, { showInWindowTitleBar: true });
  doc.setSubject(fill(wording.documentSubject, { number: view.number, name: view.holderName }));
  doc.setAuthor(view.issuer);
  doc.setKeywords([view.number]);
  doc.setCreator(view.issuer);
  doc.setProducer("Provenance certificate renderer (pdf-lib)");
  doc.setLanguage(intlLocale(view.language));
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  embedRecord(doc, view.record, view.signature);
  return doc;
}

/** The certificate saved as it is before signing (for tests and previews). */
export async function renderCertificateBytes(view: CertificateView): Promise<Uint8Array> {
  const doc = await renderCertificate(view);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
