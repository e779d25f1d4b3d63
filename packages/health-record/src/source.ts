/**
 * How the element reads a record: standard FHIR R4 REST (JSON) with a bearer
 * token, against any server. Only `patient`, `code`, `date`, `_sort` and
 * `_count`; paging by Bundle.link[next] (never Bundle.total); /metadata read
 * once to leave out resource types a server does not serve. No DOM.
 */
import { ApiError, HttpClient } from '@civic-kiosk/core';
import { CODES, isRecord, LOINC, outcomeText, type FhirResource } from './fhir.js';
import { buildRecord, pageOf, type HealthRecord } from './record.js';

/** A token, or a function giving one (called again after a 401, e.g. a SMART refresh). */
export type AccessToken = string | (() => string | Promise<string>);

export const ACCEPT = 'application/fhir+json, application/json;q=0.9';
/** Pages followed per search at most: a server that links forever cannot hold the kiosk. */
export const MAX_PAGES = 60;
export const PAGE_SIZE = 100;

/**
 * Personal answers must never sit in the browser's HTTP cache: every request of a foreign server goes
 * out with `cache: 'no-store'` (our own server's client is the session's, whose fetch core owns; the
 * server answers every /fhir and /api request with `Cache-Control: no-store`).
 */
export function noStoreFetch(inner: typeof fetch = (input, init) => globalThis.fetch(input, init)): typeof fetch {
  return (input, init) => inner(input, { ...init, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
}

export type SearchType = 'Observation' | 'Condition' | 'MedicationStatement' | 'Immunization' | 'Encounter';
const SEARCHES: { type: SearchType; params: Record<string, string> }[] = [
  { type: 'Observation', params: { code: [CODES.bloodPressure, CODES.systolic, CODES.diastolic, ...CODES.glucose, CODES.weight].map((c) => `${LOINC}|${c}`).join(','), _sort: '-date' } },
  { type: 'Condition', params: {} },
  { type: 'MedicationStatement', params: {} },
  { type: 'Immunization', params: {} },
  { type: 'Encounter', params: {} },
];

export interface LoadProgress {
  /** Called with what has been read so far, so the summary can show before every page arrived. */
  onPartial?(record: HealthRecord): void;
}

/** A FHIR R4 server, read with one patient's token. */
export class FhirReader {
  readonly base: string;
  #client: HttpClient;
  #token: AccessToken;
  #current: string | undefined;
  #served: Set<string> | undefined;

  /** `client` is used for its credential (our server) or is a plain client (anyone else's); `base` is the FHIR base URL. */
  readonly pageSize: number;

  constructor(client: HttpClient, base: string, token: AccessToken, pageSize = PAGE_SIZE) {
    this.pageSize = pageSize;
    this.base = new URL(base.replace(/\/+$/, ''), globalThis.location?.href ?? 'http://localhost/').href;
    // Absolute URLs from here on (next links are absolute), with no ETag cache.
    this.#client = client.with({ baseUrl: '', cache: false });
    this.#token = token;
  }

  async #bearer(fresh: boolean): Promise<string> {
    if (typeof this.#token === 'string') return this.#token;
    if (fresh || this.#current === undefined) this.#current = await this.#token();
    return this.#current;
  }

  /** GET an absolute URL under the base; one retry with a fresh token after a 401 when the token is a function. */
  async get(url: string, signal?: AbortSignal): Promise<unknown> {
    if (!this.#inside(url)) throw new ApiError(0, 'BAD_RESPONSE', { message: `refused to follow a link outside the FHIR base: ${url}` });
    const once = async (fresh: boolean) =>
      this.#client.request<unknown>(url, { accept: ACCEPT, cache: 'no-store', headers: { Authorization: `Bearer ${await this.#bearer(fresh)}` }, ...(signal ? { signal } : {}) });
    try {
      return await once(false);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && typeof this.#token === 'function') return once(true);
      throw error;
    }
  }

  /** Only the server's own links get the token: a next link elsewhere is refused. */
  #inside(url: string): boolean {
    try {
      const u = new URL(url);
      const b = new URL(this.base);
      return u.origin === b.origin && (u.pathname === b.pathname || u.pathname.startsWith(`${b.pathname.replace(/\/$/, '')}/`));
    } catch {
      return false;
    }
  }

  /** The resource types the server says it serves (all of ours when /metadata fails: then we just ask). */
  async served(signal?: AbortSignal): Promise<Set<string> | undefined> {
    if (this.#served) return this.#served;
    try {
      const cs = await this.#client.request<unknown>(`${this.base}/metadata`, { accept: ACCEPT, cache: 'no-store', ...(signal ? { signal } : {}) });
      const rest = isRecord(cs) && Array.isArray(cs.rest) ? (cs.rest as unknown[]) : [];
      const types = rest.flatMap((r) => (isRecord(r) && Array.isArray(r.resource) ? (r.resource as unknown[]) : [])).map((r) => (isRecord(r) ? r.type : undefined));
      this.#served = types.length ? new Set(types.filter((t): t is string => typeof t === 'string')) : undefined;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ABORTED') throw error;
      this.#served = undefined;
    }
    return this.#served;
  }

  /** Every page of one search, following link[next]. */
  async search(type: SearchType, patientId: string, params: Record<string, string>, signal?: AbortSignal, onPage?: (resources: FhirResource[]) => void): Promise<FhirResource[]> {
    const query = new URLSearchParams({ patient: patientId, ...params, _count: String(this.pageSize) });
    let url: string | undefined = `${this.base}/${type}?${query}`;
    const all: FhirResource[] = [];
    for (let pages = 0; url && pages < MAX_PAGES; pages += 1) {
      const page = pageOf(await this.get(url, signal));
      if (page.problem) throw new ApiError(502, 'BAD_RESPONSE', { message: page.problem });
      all.push(...page.resources);
      onPage?.(page.resources);
      url = page.next;
    }
    return all;
  }

  /** The whole record: the Patient, then every search at once; `onPartial` after each page. */
  async load(patientId: string, now: Date, signal?: AbortSignal, progress: LoadProgress = {}): Promise<HealthRecord> {
    const served = await this.served(signal);
    const resources: unknown[] = [];
    const patient = await this.get(`${this.base}/Patient/${encodeURIComponent(patientId)}`, signal);
    if (isRecord(patient) && patient.resourceType === 'OperationOutcome') throw new ApiError(502, 'BAD_RESPONSE', { message: outcomeText(patient) });
    if (!isRecord(patient) || patient.resourceType !== 'Patient') throw new ApiError(502, 'BAD_RESPONSE', { message: 'not a Patient' });
    resources.push(patient);
    const partial = () => progress.onPartial?.(buildRecord(resources, now));
    partial();
    await Promise.all(
      SEARCHES.filter((s) => !served || served.has(s.type)).map((s) =>
        this.search(s.type, patientId, s.params, signal, (page) => {
          resources.push(...page);
          partial();
        }),
      ),
    );
    return buildRecord(resources, now);
  }
}

/** The answer of our server's sign-in (POST /api/residents/signin, service "health"). */
export interface SignIn {
  token: string;
  patientId: string;
  expiresAt: string;
}

/** Our server's sign-in and sign-out, through the session's client (which carries the device credential). */
export const ownServer = {
  async signIn(client: HttpClient, cardNumber: string, pin: string, signal?: AbortSignal): Promise<SignIn> {
    const body = await client.request<{ token: string; patientId: string | null; expiresAt: string }>('/residents/signin', {
      method: 'POST',
      body: { cardNumber, pin, service: 'health' },
      cache: 'no-store',
      ...(signal ? { signal } : {}),
    });
    if (!body.patientId) throw new ApiError(404, 'NO_RECORD', {});
    return { token: body.token, patientId: body.patientId, expiresAt: body.expiresAt };
  },
  async signOut(client: HttpClient, token: string): Promise<void> {
    await client.request('/signout', { method: 'POST', body: {}, headers: { Authorization: `Bearer ${token}` } });
  },
  async takeAway(client: HttpClient, token: string): Promise<{ url: string; expiresAt: string }> {
    return client.request('/health/take-away', { method: 'POST', body: { confirmed: true }, cache: 'no-store', headers: { Authorization: `Bearer ${token}` } });
  },
};
