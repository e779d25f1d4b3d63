import { ApiError, type HttpClient } from '@civic-kiosk/core';
import { msg } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HoursEvaluator } from './hours.js';
import type { StationIndex } from './station-index.js';
import { StationTable } from './table.js';
import type { StationCollection, StationSource } from './types.js';
import { skippedWarning } from './warning.js';

export type DataStatus = 'loading' | 'ready' | 'offline' | 'error';

/** Where the stations come from: a source object, or the session's HTTP client for the HTTP source. */
export type SourceArgs = readonly [source: StationSource | undefined, client: HttpClient | undefined];

/** Resolves once the next frame is painted: for work that must not delay what is on screen. */
export const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

let hoursModule: Promise<typeof import('./hours.js')> | undefined;
const loadHours = () => (hoursModule ??= import('./hours.js'));

/**
 * The finder's data: a `@lit/task` over the source (a newer load supersedes
 * an older one, a disconnect aborts it and a reconnect starts it again), the
 * last good collection in columns, and what comes after the first list is on
 * screen — the spatial index and the opening-hours rules (a large module).
 */
export class StationData implements ReactiveController {
  readonly task: Task<SourceArgs, StationCollection>;
  /** The collection on screen (kept while a newer one loads or fails). */
  collection: StationCollection | undefined;
  table: StationTable | undefined;
  /** The spatial index, built once per data set just after its first list (one scan answers that list sooner). */
  index: StationIndex | undefined;
  hours: HoursEvaluator | undefined;
  readonly #host: ReactiveControllerHost;
  #timeZone: () => string;
  #indexing: Promise<void> | undefined;
  #hoursLoading: Promise<void> | undefined;
  #aborted = false;
  readonly #warned = new WeakSet<StationCollection>();

  constructor(host: ReactiveControllerHost, args: () => SourceArgs, timeZone: () => string) {
    this.#host = host;
    this.#timeZone = timeZone;
    host.addController(this);
    this.task = new Task(host, {
      args,
      task: async ([source, client], { signal }) => {
        if (source) return source.load(signal);
        // The HTTP source (and its IndexedDB copy) load only when no other source is given.
        const { HttpStationSource } = await import('./source.js');
        return new HttpStationSource(client!).load(signal);
      },
      onComplete: (collection) => this.#show(collection),
    });
  }

  get status(): DataStatus {
    switch (this.task.status) {
      case TaskStatus.COMPLETE:
        return this.collection?.offline ? 'offline' : 'ready';
      case TaskStatus.ERROR: {
        const error = this.task.error;
        if (error instanceof ApiError && error.code === 'ABORTED') return 'loading';
        return error instanceof ApiError && (error.offline || error.status >= 500) ? 'offline' : 'error';
      }
      default:
        return 'loading';
    }
  }

  /** Why the data is not (fully) there, in the visitor's language. */
  get reason(): string {
    if (this.task.status === TaskStatus.COMPLETE) return this.collection?.offline ? msg('No connection: showing the stations saved on this kiosk.') : '';
    if (this.task.status !== TaskStatus.ERROR) return '';
    const error = this.task.error;
    return error instanceof ApiError ? error.reason : msg('The station list could not be read.');
  }

  reload(): Promise<void> {
    return this.task.run().catch(() => undefined);
  }

  /** Settles (never rejects) when the current load is done and what follows it too. */
  async settled(): Promise<void> {
    await this.task.taskComplete.catch(() => undefined);
    if (this.collection) {
      await this.startHours();
      await this.#hoursLoading;
      await this.#indexing;
    }
  }

  hostConnected(): void {
    if (this.#aborted) {
      this.#aborted = false;
      void this.reload();
    }
  }

  hostDisconnected(): void {
    // Leaving the page cuts the load off; coming back starts it again.
    if (this.task.status === TaskStatus.PENDING) {
      this.#aborted = true;
      this.task.abort(new ApiError(0, 'ABORTED'));
    }
  }

  /** After a render with data: the index and the hours rules, once the list is painted. */
  hostUpdated(): void {
    const table = this.table;
    if (!table) return;
    if (!this.#indexing) {
      // kdbush comes with the index, after the first list: not in the first bundle.
      this.#indexing = afterPaint().then(async () => {
        const { StationIndex } = await import('./station-index.js');
        if (this.table !== table) return;
        this.index = new StationIndex(table);
        // A user-timing mark per build (DevTools, benchmarks and tests see that it is built once per data set).
        performance.mark('ck-station-finder:index', { detail: { size: table.size } });
      });
    }
    if (!this.#hoursLoading) this.#hoursLoading = afterPaint().then(() => this.startHours());
    this.#warn();
  }

  /** Loads the opening-hours rules (once) and evaluates in the host's time zone. */
  startHours(): Promise<void> {
    const zone = this.#timeZone();
    const loading = loadHours().then(({ HoursEvaluator }) => {
      if (this.hours?.timeZone !== this.#timeZone()) {
        this.hours = new HoursEvaluator(this.#timeZone());
        this.#host.requestUpdate();
      }
    });
    if (this.hours?.timeZone !== zone) this.#hoursLoading = loading;
    return loading;
  }

  #show(collection: StationCollection): void {
    if (this.collection === collection) return;
    this.collection = collection;
    this.table = collection.table ?? StationTable.of(collection.stations);
    this.index = undefined;
    this.#indexing = undefined;
  }

  /** One warning per data set: skipped features and unreadable opening hours. */
  #warn(): void {
    const { collection, hours, table } = this;
    if (!collection || !hours || !table || this.#warned.has(collection)) return;
    this.#warned.add(collection);
    const warning = skippedWarning(table.size + collection.skipped, collection.skippedBy, hours.countUnreadable(table));
    if (warning) console.warn(warning);
  }
}
