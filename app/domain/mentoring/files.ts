/**
 * What may be attached to a submission: recognised by the file's first bytes, not its name or the
 * browser's say-so. Pure: unit-tested.
 */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 8;

export const ATTACHMENT_TYPES = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  txt: "text/plain; charset=utf-8",
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const IMAGE_TYPES: readonly AttachmentType[] = ["png", "jpg", "webp", "gif"];

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);

/**
 * The type of an upload from its bytes; for the zip-based office formats the name's extension decides
 * which (all are zips). Null: not a type we accept.
 */
export function sniffAttachment(bytes: Uint8Array, fileName: string): AttachmentType | null {
  const extension = fileName.toLowerCase().split(".").pop() ?? "";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpg";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return "gif";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (extension === "docx" || extension === "xlsx" || extension === "pptx" || extension === "odt") return extension;
    return null;
  }
  if (extension === "txt" && isPlainText(bytes)) return "txt";
  return null;
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A file name safe to show and to offer in Content-Disposition: no path, no control characters, ≤ 120 chars. */
export function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return (clean || "file").slice(-120);
}

/** Stored names: the SHA-256 of the content and the type's extension. */
export const STORED_NAME = /^[a-f0-9]{64}\.(pdf|png|jpg|webp|gif|docx|xlsx|pptx|odt|txt)$/;
