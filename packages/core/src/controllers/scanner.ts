import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ScanDetector, type ScanDetectorOptions } from '../scan-detector.js';

export interface ScannerOptions extends ScanDetectorOptions {
  /** Called with each scanned code. */
  onScan: (code: string) => void;
  /** Where keys are read. Default: window (a scanner types wherever focus is). */
  target?: EventTarget;
  /**
   * Hold each typed character back until it is known not to start a scan
   * (`maxGapMs` plus a margin), so no key of a scan reaches a focused
   * keypad or input. Default true. With false, only the final Enter is kept.
   */
  ownScan?: boolean;
}

interface HeldKey {
  key: string;
  code: string;
  time: number;
  /** Where the key was pressed (inside shadow roots too). */
  target: EventTarget;
}

/** Extra wait past `maxGapMs` before a held key is let through, for a busy machine. */
const RELEASE_MARGIN_MS = 30;

/** Our own re-dispatched keys, which the controller must not hold again. */
const replayed = new WeakSet<Event>();

/**
 * Listens for a USB barcode scanner (a keyboard that types fast and ends
 * with Enter) and reports whole codes; a person's typing passes through.
 *
 * It owns a scan: a typed character is held back until the next key shows
 * whether it starts a burst. The keys of a scan (and its Enter) never reach
 * the page; anything else is handed on, in order, to where it was typed, a
 * few tens of milliseconds late (a person does not notice; a person typing
 * at 120 ms or more a key is never taken for a scanner). Handed-on keys are
 * synthetic `keydown` events; in an `<input>` or `<textarea>` the character
 * is inserted as typing would (with an `input` event).
 */
export class BarcodeScannerController implements ReactiveController {
  readonly #detector: ScanDetector;
  readonly #target: EventTarget;
  readonly #maxGapMs: number;
  #held: HeldKey[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ScannerOptions,
  ) {
    this.#detector = new ScanDetector(options);
    this.#target = options.target ?? window;
    this.#maxGapMs = options.maxGapMs ?? 50;
    host.addController(this);
  }

  /** Whether keys are being held back now (a burst may be under way). */
  get holding(): boolean {
    return this.#held.length > 0;
  }

  hostConnected(): void {
    this.#target.addEventListener('keydown', this.#onKey, { capture: true });
  }

  hostDisconnected(): void {
    this.#target.removeEventListener('keydown', this.#onKey, { capture: true });
    this.#release();
  }

  #onKey = (event: Event) => {
    if (replayed.has(event)) return;
    const keyboard = event as KeyboardEvent;
    const { key, timeStamp: time } = keyboard;
    const printable = key.length === 1 && !keyboard.ctrlKey && !keyboard.metaKey && !keyboard.altKey;
    if (key === 'Enter') {
      const code = this.#detector.feed(key, time);
      if (code === undefined) this.#release();
      else {
        this.#drop();
        swallow(event);
        this.options.onScan(code);
      }
      return;
    }
    if (!printable) {
      // Shift and other modifiers come with scanners' capitals: they neither end nor start a burst.
      if (!isModifier(key)) this.#release();
      return;
    }
    this.#detector.feed(key, time);
    if (!this.#ownsScan()) return;
    const last = this.#held.at(-1);
    if (last && time - last.time > this.#maxGapMs) this.#release();
    this.#held.push({ key, code: keyboard.code, time, target: event.composedPath()[0] ?? event.target! });
    swallow(event);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#release(), this.#maxGapMs + RELEASE_MARGIN_MS);
  };

  #ownsScan(): boolean {
    return this.options.ownScan !== false;
  }

  /** The held keys were a scan: forget them. */
  #drop(): void {
    clearTimeout(this.#timer);
    this.#held = [];
  }

  /** The held keys were typed by a person: hand them on, in order. */
  #release(): void {
    clearTimeout(this.#timer);
    const held = this.#held;
    this.#held = [];
    for (const entry of held) replay(entry);
  }
}

function isModifier(key: string): boolean {
  return key === 'Shift' || key === 'CapsLock';
}

function swallow(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

function replay({ key, code, target }: HeldKey): void {
  if (target instanceof Node && !target.isConnected) return;
  const event = new KeyboardEvent('keydown', { key, code, bubbles: true, composed: true, cancelable: true });
  replayed.add(event);
  const proceed = target.dispatchEvent(event);
  if (!proceed) return;
  // A synthetic key does not type: insert the character as the browser would.
  if (target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && isTextInput(target))) {
    if (target.disabled || target.readOnly) return;
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? start;
    target.setRangeText(key, start, end, 'end');
    target.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: key, bubbles: true, composed: true }));
  }
}

function isTextInput(input: HTMLInputElement): boolean {
  return ['text', 'search', 'tel', 'url', 'password'].includes(input.type);
}
