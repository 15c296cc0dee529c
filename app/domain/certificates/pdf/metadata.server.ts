import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";

/** Custom entries of the document Info dictionary that carry the signed record and its signature. */
export const RECORD_KEY = "ProvenanceRecord";
export const SIGNATURE_KEY = "ProvenanceSignature";

function infoDict(doc: PDFDocument): PDFDict | undefined {
  const info = doc.context.trailerInfo.Info;
  if (!info) return undefined;
  const dict = doc.context.lookup(info);
  return dict instanceof PDFDict ? dict : undefined;
}

/**
 * Put the canonical record and its compact signature in the Info dictionary, as UTF-16 hex strings
 * (PDFHexString.fromText) so names in any script survive every PDF tool.
 */
export function embedRecord(doc: PDFDocument, record: string, signature: string): void {
  const info = infoDict(doc);
  if (!info) throw new Error("The PDF has no Info dictionary");
  info.set(PDFName.of(RECORD_KEY), PDFHexString.fromText(record));
  info.set(PDFName.of(SIGNATURE_KEY), PDFHexString.fromText(signature));
}

function text(dict: PDFDict, key: string): string | undefined {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : undefined;
}

/**
 * The record and signature embedded in a certificate PDF, also after it was signed or updated
 * incrementally (the last trailer's Info dictionary wins); null for anything else, junk included.
 */
export async function readEmbeddedRecord(bytes: Uint8Array): Promise<{ record: string; signature: string } | null> {
  try {
    if (!(bytes instanceof Uint8Array) || bytes.length < 16) return null;
    // A PDF header must appear in the first 1024 bytes (ISO 32000-1, 7.5.2 and implementation note).
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString("latin1");
    if (!head.includes("%PDF-")) return null;
    const doc = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
    const info = infoDict(doc);
    if (!info) return null;
    const record = text(info, RECORD_KEY);
    const signature = text(info, SIGNATURE_KEY);
    return record !== undefined && signature !== undefined ? { record, signature } : null;
  } catch {
    return null;
  }
}
