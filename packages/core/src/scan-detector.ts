/**
 * Tells a barcode scanner from a person. A USB scanner "types" a whole code
 * in a burst, a few milliseconds a key, and ends with Enter; a person is an
 * order of magnitude slower. Pure logic: feed it key events with times.
 */
export interface ScanDetectorOptions {
  /** Shortest code accepted. Default 4. */
  minLength?: number;
  /** Longest gap between two keys of one scan, in ms. Default 50. */
  maxGapMs?: number;
  /** Longest average gap over the whole code, in ms. Default 30. */
  maxAverageGapMs?: number;
}

export class ScanDetector {
  #chars: string[] = [];
  #firstTime = 0;
  #lastTime = 0;
  readonly #minLength: number;
  readonly #maxGapMs: number;
  readonly #maxAverageGapMs: number;

  constructor(options: ScanDetectorOptions = {}) {
    this.#minLength = options.minLength ?? 4;
    this.#maxGapMs = options.maxGapMs ?? 50;
    this.#maxAverageGapMs = options.maxAverageGapMs ?? 30;
  }

  /**
   * Feeds one key (a `KeyboardEvent.key`) pressed at `time` ms. Returns the
   * scanned code when this Enter ends a scan, otherwise undefined.
   */
  feed(key: string, time: number): string | undefined {
    if (key === 'Enter') {
      const code = this.#chars.join('');
      const gaps = this.#chars.length - 1;
      const fastEnough = gaps <= 0 || (this.#lastTime - this.#firstTime) / gaps <= this.#maxAverageGapMs;
      const enterInTime = time - this.#lastTime <= this.#maxGapMs;
      this.#chars = [];
      return code.length >= this.#minLength && fastEnough && enterInTime ? code : undefined;
    }
    if (key.length !== 1) return undefined;
    if (this.#chars.length === 0 || time - this.#lastTime > this.#maxGapMs) {
      this.#chars = [];
      this.#firstTime = time;
    }
    this.#chars.push(key);
    this.#lastTime = time;
    return undefined;
  }

  /** True while a burst is under way (keys typed within the gap). */
  isScanning(time: number): boolean {
    return this.#chars.length > 0 && time - this.#lastTime <= this.#maxGapMs;
  }
}
