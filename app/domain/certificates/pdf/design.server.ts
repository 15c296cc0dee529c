import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { languageDir, SUPPORTED_LANGUAGES, type Language } from "~/i18n/config.ts";
import { loadFontFile, type FontChain } from "./fonts.server.ts";

/**
 * The certificate design as data, under certificates/ at the repository root (or CERTIFICATES_DIR):
 * templates/<id>.yaml (layout, colours, fonts), wording/<language>.yaml (fixed wording), logo.svg and
 * fonts/. Everything is validated when loaded, with errors naming the file and the field, and loaded
 * once per process.
 */

// ---------------------------------------------------------------------------------------------------
// Wording

/** Placeholders each wording entry must contain (others may contain none). */
const REQUIRED_PLACEHOLDERS = {
  completedOn: ["date"],
  programmeLine: ["title", "date"],
  documentSubject: ["number", "name"],
} as const;

const PLACEHOLDERS = ["date", "title", "name", "number"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const phrase = z
  .string()
  .trim()
  .min(1)
  .refine((s) => [...s.matchAll(/\{([^}]*)\}/g)].every((m) => (PLACEHOLDERS as readonly string[]).includes(m[1]!)), {
    message: `only the placeholders ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")} are allowed`,
  });

const wordingShape = {
  language: z.enum(SUPPORTED_LANGUAGES as [Language, ...Language[]]),
  direction: z.enum(["ltr", "rtl"]),
  /** Unicode numbering system for dates (e.g. "arab" for Arabic-Indic digits); the locale's default if absent. */
  numerals: z
    .string()
    .regex(/^[a-z]{3,8}$/)
    .optional(),
  headingProgramme: phrase,
  headingCertification: phrase,
  certify: phrase,
  completed: phrase,
  awarded: phrase,
  completedOn: phrase,
  programmesCompleted: phrase,
  programmeLine: phrase,
  issuedOn: phrase,
  validUntil: phrase,
  certificateNumber: phrase,
  verifyAt: phrase,
  digitalSignature: phrase,
  signatureNote: phrase,
  documentSubject: phrase,
};

export const wordingSchema = z
  .object(wordingShape)
  .strict()
  .superRefine((w, ctx) => {
    for (const [key, required] of Object.entries(REQUIRED_PLACEHOLDERS)) {
      const text = w[key as keyof typeof REQUIRED_PLACEHOLDERS];
      for (const placeholder of required)
        if (!text.includes(`{${placeholder}}`))
          ctx.addIssue({ code: "custom", path: [key], message: `must contain {${placeholder}}` });
    }
  });

export type Wording = z.infer<typeof wordingSchema>;
type PhraseKey = Exclude<keyof typeof wordingShape, "language" | "direction" | "numerals">;
const PHRASE_KEYS = Object.keys(wordingShape).filter(
  (k) => !["language", "direction", "numerals"].includes(k)
) as PhraseKey[];
export const phraseKey = z.enum(PHRASE_KEYS as [PhraseKey, ...PhraseKey[]]);
export type WordingKey = PhraseKey;

// ---------------------------------------------------------------------------------------------------
// Templates

const name = z.string().regex(/^[a-zA-Z][\w-]*$/, "a name of letters, digits, - and _");
const point = z.number().finite();
const positive = z.number().finite().positive();

/** A text style: a font chain and a colour of the template, a size in points. */
const style = { font: name, size: positive, colour: name };

/** Horizontal alignment in reading order: start is the left in left-to-right languages, the right in Arabic. */
const align = z.enum(["start", "center", "end"]);

export const FIELDS = ["holderName", "holderLatin", "title", "issuer", "number"] as const;

const textElement = z
  .object({
    type: z.literal("text"),
    /** A wording entry, or a field of the certificate (exactly one of them). */
    wording: phraseKey.optional(),
    field: z.enum(FIELDS).optional(),
    /** Anchor in points from the left (mirrored for right-to-left languages) and baseline from the bottom. */
    x: point,
    y: point,
    align: align.default("center"),
    ...style,
    /** The line shrinks to fit this width. */
    maxWidth: positive,
  })
  .strict();

const ruleElement = z
  .object({ type: z.literal("rule"), x1: point, x2: point, y: point, thickness: positive, colour: name })
  .strict();

const programmesElement = z
  .object({
    type: z.literal("programmes"),
    /** Heading above the list (a wording entry), then one line per programme from `line`. */
    heading: z.object({ wording: phraseKey, ...style }).strict(),
    line: z.object({ wording: phraseKey, ...style }).strict(),
    x: point,
    y: point,
    align: align.default("center"),
    /** Distance from the heading's baseline to the first line's, and between lines. */
    gap: positive,
    lineHeight: positive,
    maxWidth: positive,
  })
  .strict();

const detailsElement = z
  .object({
    type: z.literal("details"),
    /** Labelled values stacked from the top: label, value beneath it; rows without a value are left out. */
    x: point,
    y: point,
    align: align.default("start"),
    label: z.object(style).strict(),
    value: z.object(style).strict(),
    /** From a label's baseline to its value's, and from a value's baseline to the next label's. */
    valueGap: positive,
    rowGap: positive,
    maxWidth: positive,
    rows: z
      .array(z.object({ label: phraseKey, value: z.enum(["issuedOn", "expiresOn", "number", "completedOn"]) }).strict())
      .min(1),
  })
  .strict();

const qrElement = z
  .object({
    type: z.literal("qr"),
    /** Lower-left corner of the code (for left-to-right languages; mirrored otherwise), its side. */
    x: point,
    y: point,
    size: positive,
    colour: name,
    /** Above the code: a wording entry. Beneath it: the verification URL, wrapped if long. */
    caption: z.object({ wording: phraseKey, gap: positive, ...style }).strict(),
    url: z.object({ gap: positive, lineHeight: positive, maxWidth: positive, ...style }).strict(),
  })
  .strict();

const signatureElement = z
  .object({
    type: z.literal("signature"),
    x: point,
    y: point,
    align: align.default("center"),
    maxWidth: positive,
    /** The label, the compact signature beneath it (wrapped), then a note. */
    label: z.object({ wording: phraseKey, ...style }).strict(),
    value: z.object({ gap: positive, lineHeight: positive, ...style }).strict(),
    note: z
      .object({ wording: phraseKey, gap: positive, ...style })
      .strict()
      .optional(),
  })
  .strict();

const logoElement = z
  .object({
    type: z.literal("logo"),
    /** Centre of the emblem (mirrored for right-to-left languages) and its top, in points; its side. */
    x: point,
    top: point,
    size: positive,
  })
  .strict();

const element = z.discriminatedUnion("type", [
  textElement,
  ruleElement,
  programmesElement,
  detailsElement,
  qrElement,
  signatureElement,
  logoElement,
]);

export const templateSchema = z
  .object({
    id: name,
    description: z.string().optional(),
    page: z.object({ width: positive, height: positive }).strict(),
    /** Named colours (#rrggbb) the elements refer to; `paper` is the background. */
    colours: z.record(name, z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour as #rrggbb")),
    /** Named font fallback chains: files under certificates/fonts/, first match wins per character. */
    fonts: z.record(
      name,
      z
        .array(z.object({ file: z.string().regex(/^[\w.-]+\.ttf$/), fauxBold: z.boolean().default(false) }).strict())
        .min(1)
    ),
    /** Rectangles inset from the page edge. */
    frames: z.array(z.object({ inset: point, thickness: positive, colour: name }).strict()).default([]),
    elements: z.array(element).min(1),
  })
  .strict()
  .superRefine((t, ctx) => {
    const colour = (value: string, where: (string | number)[]) => {
      if (!(value in t.colours)) ctx.addIssue({ code: "custom", path: where, message: `unknown colour "${value}"` });
    };
    const font = (value: string, where: (string | number)[]) => {
      if (!(value in t.fonts)) ctx.addIssue({ code: "custom", path: where, message: `unknown font chain "${value}"` });
    };
    if (!("paper" in t.colours)) ctx.addIssue({ code: "custom", path: ["colours"], message: "needs a paper colour" });
    t.frames.forEach((f, i) => colour(f.colour, ["frames", i, "colour"]));
    t.elements.forEach((e, i) => {
      const at = ["elements", i];
      const check = (s: { font?: string; colour?: string }, sub: string[]) => {
        if (s.font !== undefined) font(s.font, [...at, ...sub, "font"]);
        if (s.colour !== undefined) colour(s.colour, [...at, ...sub, "colour"]);
      };
      if (e.type === "text" && (e.wording === undefined) === (e.field === undefined))
        ctx.addIssue({ code: "custom", path: at, message: "give exactly one of wording and field" });
      if (e.type === "text" || e.type === "rule") check(e, []);
      if (e.type === "programmes") {
        check(e.heading, ["heading"]);
        check(e.line, ["line"]);
      }
      if (e.type === "details") {
        check(e.label, ["label"]);
        check(e.value, ["value"]);
      }
      if (e.type === "qr") {
        colour(e.colour, [...at, "colour"]);
        check(e.caption, ["caption"]);
        check(e.url, ["url"]);
      }
      if (e.type === "signature") {
        check(e.label, ["label"]);
        check(e.value, ["value"]);
        if (e.note) check(e.note, ["note"]);
      }
    });
  });

export type Template = z.infer<typeof templateSchema>;
export type TemplateElement = Template["elements"][number];

// ---------------------------------------------------------------------------------------------------
// Logo

export interface LogoPath {
  d: string;
  fill?: string;
  stroke?: string;
  strokeWidth: number;
  lineCap: "butt" | "round" | "square";
}

/** The <path> elements of an SVG (attributes d, fill, stroke, stroke-width, stroke-linecap). */
export function parseLogo(svg: string, file: string): LogoPath[] {
  const paths: LogoPath[] = [];
  const withoutComments = svg.replace(/<!--[\s\S]*?-->/g, "");
  for (const match of withoutComments.matchAll(/<path\b([^>]*)\/?>/g)) {
    const attrs = new Map([...match[1]!.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const d = attrs.get("d");
    const colour = (v: string | undefined) => {
      if (v === undefined || v === "none") return undefined;
      if (!/^#[0-9a-fA-F]{6}$/.test(v)) throw new Error(`${file}: colours must be #rrggbb or none, not "${v}"`);
      return v;
    };
    if (!d) throw new Error(`${file}: a <path> has no d attribute`);
    const fill = attrs.has("fill") ? colour(attrs.get("fill")) : "#000000";
    const stroke = colour(attrs.get("stroke"));
    const strokeWidth = Number(attrs.get("stroke-width") ?? 1);
    if (!Number.isFinite(strokeWidth) || strokeWidth < 0) throw new Error(`${file}: bad stroke-width`);
    const cap = attrs.get("stroke-linecap") ?? "butt";
    if (cap !== "butt" && cap !== "round" && cap !== "square") throw new Error(`${file}: bad stroke-linecap "${cap}"`);
    paths.push({ d, fill, stroke, strokeWidth, lineCap: cap });
  }
  if (paths.length === 0) throw new Error(`${file}: no <path> elements`);
  return paths;
}

// ---------------------------------------------------------------------------------------------------
// Loading

export interface CertificateDesign {
  root: string;
  templates: Map<string, { template: Template; chains: Map<string, FontChain> }>;
  wording: Map<Language, Wording>;
  logo: LogoPath[];
}

function formatIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => `${file}: ${issue.path.length ? issue.path.join(".") : "(top)"}: ${issue.message}`)
    .join("\n");
}

function readYaml(file: string, display: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${display}: cannot be read: ${(error as Error).message}`);
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw new Error(`${display}: invalid YAML: ${(error as Error).message}`);
  }
}

/** Load and check the whole design under `root` (uncached; use `certificateDesign()` when rendering). */
export function loadCertificateDesign(root: string): CertificateDesign {
  const display = (file: string) => path.relative(process.cwd(), file) || file;

  const wording = new Map<Language, Wording>();
  for (const language of SUPPORTED_LANGUAGES) {
    const file = path.join(root, "wording", `${language}.yaml`);
    const parsed = wordingSchema.safeParse(readYaml(file, display(file)));
    if (!parsed.success)
      throw new Error(`Certificate wording is invalid:\n${formatIssues(display(file), parsed.error)}`);
    if (parsed.data.language !== language)
      throw new Error(`${display(file)}: language: is "${parsed.data.language}", the file is for "${language}"`);
    if (parsed.data.direction !== languageDir(language))
      throw new Error(`${display(file)}: direction: ${language} is written ${languageDir(language)}`);
    wording.set(language, parsed.data);
  }

  const templates: CertificateDesign["templates"] = new Map();
  const templateDir = path.join(root, "templates");
  for (const entry of fs.readdirSync(templateDir).sort()) {
    if (!entry.endsWith(".yaml")) continue;
    const file = path.join(templateDir, entry);
    const parsed = templateSchema.safeParse(readYaml(file, display(file)));
    if (!parsed.success)
      throw new Error(`Certificate template is invalid:\n${formatIssues(display(file), parsed.error)}`);
    const template = parsed.data;
    if (`${template.id}.yaml` !== entry) throw new Error(`${display(file)}: id: must be "${entry.slice(0, -5)}"`);
    const chains = new Map<string, FontChain>();
    for (const [chainName, faces] of Object.entries(template.fonts)) {
      chains.set(chainName, {
        name: `${template.id}.${chainName}`,
        faces: faces.map((f, i) => {
          const fontFile = path.join(root, "fonts", f.file);
          if (!fs.existsSync(fontFile))
            throw new Error(`${display(file)}: fonts.${chainName}.${i}.file: ${display(fontFile)} does not exist`);
          return { file: f.file, fauxBold: f.fauxBold, ...loadFontFile(fontFile) };
        }),
      });
    }
    templates.set(template.id, { template, chains });
  }
  if (templates.size === 0) throw new Error(`${display(templateDir)}: no templates`);

  const logoFile = path.join(root, "logo.svg");
  let svg: string;
  try {
    svg = fs.readFileSync(logoFile, "utf8");
  } catch (error) {
    throw new Error(`${display(logoFile)}: cannot be read: ${(error as Error).message}`);
  }
  return { root, templates, wording, logo: parseLogo(svg, display(logoFile)) };
}

let cached: CertificateDesign | undefined;

/** The design under CERTIFICATES_DIR or ./certificates, loaded and checked once per process. */
export function certificateDesign(): CertificateDesign {
  cached ??= loadCertificateDesign(path.resolve(process.env.CERTIFICATES_DIR ?? "certificates"));
  return cached;
}
