import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ScanDetector, type ScanDetectorOptions } from '../scan-detector.js';

export interface ScannerOptions extends ScanDetectorOptions {
  /** Called with each scanned code. */
  onScan: (code: string) => void;
  /** Where keys are read. Default: window (a scanner types wherever focus is). */
  target?: EventTarget;
}

/**
 * Listens for a USB barcode scanner (a keyboard that types fast and ends with
 * Enter) and reports whole codes, while a person's typing passes through.
 * The Enter that ends a scan is swallowed so it does not also press a button.
 */
export class BarcodeScannerController implements ReactiveController {
  readonly #detector: ScanDetector;
  readonly #target: EventTarget;

  constructor(host: ReactiveControllerHost, private readonly options: ScannerOptions) {
    this.#detector = new ScanDetector(options);
    this.#target = options.target ?? window;
    host.addController(this);
  }

  hostConnected(): void {
    this.#target.addEventListener('keydown', this.#onKey, { capture: true });
  }

  hostDisconnected(): void {
    this.#target.removeEventListener('keydown', this.#onKey, { capture: true });
  }

  #onKey = (event: Event) => {
    const { key, timeStamp } = event as KeyboardEvent;
    const code = this.#detector.feed(key, timeStamp);
    if (code === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    this.options.onScan(code);
  };
}
