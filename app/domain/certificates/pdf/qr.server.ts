import QRCode from "qrcode";
import {
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  type PDFOperator,
  type PDFPage,
} from "pdf-lib";
import type { RGB } from "./text.server.ts";

/** Dark modules of a QR code as horizontal runs: [row, first column, length]. */
export type QrRuns = { size: number; runs: [number, number, number][] };

/** The QR code (error correction level M) of `text` as runs of dark modules, row by row from the top. */
export function qrRuns(text: string): QrRuns {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push([row, start, col - start]);
    }
  }
  return { size: modules.size, runs };
}

/**
 * Draw a QR code with its lower-left corner at (x, y), `size` points square (quiet zone not included:
 * keep four modules of white around it). One filled path of rectangles, one per run of dark modules.
 */
export function drawQr(page: PDFPage, qr: QrRuns, x: number, y: number, size: number, colour: RGB): void {
  const m = size / qr.size;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingRgbColor(colour.r, colour.g, colour.b)];
  for (const [row, col, length] of qr.runs)
    ops.push(rectangle(r(x + col * m), r(y + size - (row + 1) * m), r(length * m), r(m)));
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}
