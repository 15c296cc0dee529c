import { describe, expect, it } from "vitest";
import { displayName, sniffAttachment, STORED_NAME } from "./files.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p)] : p)));

describe("attachment types", () => {
  it("recognises files by their first bytes, whatever their name says", () => {
    expect(sniffAttachment(bytes("%PDF-1.7\n"), "plan.pdf")).toBe("pdf");
    expect(sniffAttachment(bytes("%PDF-1.7\n"), "plan.docx")).toBe("pdf");
    expect(sniffAttachment(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), "x.jpg")).toBe("png");
    expect(sniffAttachment(bytes([0xff, 0xd8, 0xff, 0xe0]), "photo")).toBe("jpg");
    expect(sniffAttachment(bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "), "a.webp")).toBe("webp");
  });

  it("takes the office format of a zip from its extension, and refuses other zips", () => {
    expect(sniffAttachment(bytes([0x50, 0x4b, 0x03, 0x04, 0]), "session-plan.docx")).toBe("docx");
    expect(sniffAttachment(bytes([0x50, 0x4b, 0x03, 0x04, 0]), "Budget.XLSX")).toBe("xlsx");
    expect(sniffAttachment(bytes([0x50, 0x4b, 0x03, 0x04, 0]), "archive.zip")).toBeNull();
  });

  it("accepts UTF-8 text only as .txt, and refuses binaries and executables", () => {
    expect(sniffAttachment(bytes("Notes — saisie à Dakar"), "notes.txt")).toBe("txt");
    expect(sniffAttachment(bytes("Notes"), "notes.html")).toBeNull();
    expect(sniffAttachment(bytes([0x4d, 0x5a, 0x90, 0]), "tool.exe")).toBeNull();
    expect(sniffAttachment(bytes([0xc3, 0x28]), "bad.txt")).toBeNull();
    expect(sniffAttachment(bytes("<svg onload=alert(1)>"), "x.svg")).toBeNull();
  });

  it("shows names without paths or control characters", () => {
    expect(displayName("C:\\Users\\me\\plan.pdf")).toBe("plan.pdf");
    expect(displayName('../../etc/pa"ss\nwd')).toBe("passwd");
    expect(displayName("")).toBe("file");
  });

  it("stores files by content hash only", () => {
    expect(STORED_NAME.test(`${"a".repeat(64)}.pdf`)).toBe(true);
    expect(STORED_NAME.test("../secret.pdf")).toBe(false);
  });
});
