/** QR code geometry without any DOM: capacity checks and the SVG path of a module matrix. */

export type ErrorCorrectionLevel = 'L' | 'M' | 'Q' | 'H';
export const ERROR_CORRECTION_LEVELS: readonly ErrorCorrectionLevel[] = ['L', 'M', 'Q', 'H'];

/** Light modules around the code; the QR standard asks for four. */
export const QUIET_ZONE = 4;

/** Bytes a version-40 code holds per level (byte mode, the densest case for arbitrary text). */
const BYTE_CAPACITY: Record<ErrorCorrectionLevel, number> = { L: 2953, M: 2331, Q: 1663, H: 1273 };

/** A square matrix of modules, row by row, 1 for dark (the shape of `qrcode`'s BitMatrix). */
export interface ModuleMatrix {
  size: number;
  data: ArrayLike<number>;
}

/**
 * Whether `text` fits in a QR code at `level`. Checked before loading the
 * encoder, so a too-long value gets its message without a network round trip.
 */
export function fitsInQrCode(text: string, level: ErrorCorrectionLevel): boolean {
  return new TextEncoder().encode(text).length <= BYTE_CAPACITY[level];
}

/**
 * One path drawing every dark module, offset by the quiet zone: each run of
 * dark modules in a row becomes one rectangle, which keeps the path short.
 */
export function qrPath(matrix: ModuleMatrix): string {
  const parts: string[] = [];
  for (let y = 0; y < matrix.size; y++) {
    let x = 0;
    while (x < matrix.size) {
      if (!matrix.data[y * matrix.size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < matrix.size && matrix.data[y * matrix.size + x]) x++;
      const run = x - start;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${run}v1h-${run}z`);
    }
  }
  return parts.join('');
}
