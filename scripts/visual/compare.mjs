// Compares a new picture with its baseline (pixelmatch over pngjs).
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * Colour distance per pixel under which two pixels count as equal (pixelmatch's
 * YIQ threshold, 0..1), and how many differing pixels are still accepted: font
 * anti-aliasing may move by a shade, a layout change may not.
 */
export const THRESHOLD = 0.1;
export const MAX_DIFF_PIXELS = 20;

const decode = (buffer) => PNG.sync.read(buffer);

/** Copies an image onto a transparent canvas of the given size (top left). */
function pad(png, width, height) {
  if (png.width === width && png.height === height) return png;
  const out = new PNG({ width, height });
  PNG.bitblt(png, out, 0, 0, png.width, png.height, 0, 0);
  return out;
}

/**
 * { equal, diffPixels, sizeChanged, diff } where `diff` is a PNG buffer that
 * marks the differing pixels in red over a faded copy of the baseline.
 */
export function compare(baselineBuffer, actualBuffer) {
  const baseline = decode(baselineBuffer);
  const actual = decode(actualBuffer);
  const width = Math.max(baseline.width, actual.width);
  const height = Math.max(baseline.height, actual.height);
  const sizeChanged = baseline.width !== actual.width || baseline.height !== actual.height;
  const diff = new PNG({ width, height });
  const diffPixels = pixelmatch(pad(baseline, width, height).data, pad(actual, width, height).data, diff.data, width, height, {
    threshold: THRESHOLD,
    includeAA: false,
  });
  const equal = !sizeChanged && diffPixels <= MAX_DIFF_PIXELS;
  return { equal, diffPixels, sizeChanged, diff: equal ? undefined : PNG.sync.write(diff) };
}

/** Re-encodes a screenshot at the highest compression, so the baseline set stays small. */
export function compress(buffer) {
  return PNG.sync.write(decode(buffer), { deflateLevel: 9, deflateStrategy: 3 });
}
