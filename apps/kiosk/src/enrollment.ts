// How a kiosk gets and keeps its own device credential (the server's contract:
// apps/server README, "Devices"). A new kiosk is opened once with the enrollment
// URL that `device:add` printed (`/?enroll=CODE`); it trades the one-time code
// for a credential and keeps that in localStorage. The credential names the
// device, not a visitor, so it is not personal data; it never sits in a bundle.

/** Where the credential is kept between page loads. */
export const CREDENTIAL_KEY = 'ck-kiosk-credential';

/** `ckd_<deviceId>.<secret>`: the server's format; anything else is not ours. */
const CREDENTIAL = /^ckd_[A-Za-z0-9_.:-]{1,64}\.[A-Za-z0-9_-]{8,256}$/;
const CODE = /^[A-Za-z0-9_-]{6,128}$/;

export interface Enrollment {
  deviceId: string;
  siteId: string;
  credential: string;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The enrollment code in the page's query, when it is one. */
export function enrollmentCode(search: string): string | undefined {
  const code = new URLSearchParams(search).get('enroll');
  return code && CODE.test(code) ? code : undefined;
}

/** The same query without the one-time code, so it is neither bookmarked nor replayed by Back. */
export function withoutEnrollmentCode(search: string): string {
  const q = new URLSearchParams(search);
  q.delete('enroll');
  const rest = q.toString();
  return rest ? `?${rest}` : '';
}

export function isCredential(value: unknown): value is string {
  return typeof value === 'string' && CREDENTIAL.test(value);
}

/** The device id inside a credential (the part before the secret), for heartbeats and logs. */
export function deviceIdOf(credential: string): string {
  return credential.slice('ckd_'.length, credential.lastIndexOf('.'));
}

export function storedCredential(storage: Store | undefined = globalThis.localStorage): string | undefined {
  try {
    const value = storage?.getItem(CREDENTIAL_KEY);
    return isCredential(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled: behaves as not enrolled
  }
}

export function storeCredential(credential: string, storage: Store | undefined = globalThis.localStorage): void {
  storage?.setItem(CREDENTIAL_KEY, credential);
}

/** Reads an enrollment answer; undefined when it is not one. */
export function parseEnrollment(data: unknown): Enrollment | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { deviceId, siteId, credential } = data as Record<string, unknown>;
  if (typeof deviceId !== 'string' || typeof siteId !== 'string' || !isCredential(credential)) return undefined;
  return { deviceId, siteId, credential };
}

/** Where the site's official (name and phone, public on the station's wall) is kept for the out-of-service screen. */
export const OFFICIAL_KEY = 'ck-kiosk-official';

/** The official of the last good site configuration, so a kiosk whose server is down can still say whom to call. */
export function storedOfficial(storage: Store | undefined = globalThis.localStorage): { name: string; phone: string } | undefined {
  try {
    const value = JSON.parse(storage?.getItem(OFFICIAL_KEY) ?? 'null') as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { name, phone } = value as Record<string, unknown>;
    return typeof name === 'string' && typeof phone === 'string' && name && phone ? { name: name.slice(0, 100), phone: phone.slice(0, 40) } : undefined;
  } catch {
    return undefined;
  }
}

export function storeOfficial(official: { name: string; phone: string }, storage: Store | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(OFFICIAL_KEY, JSON.stringify({ name: official.name, phone: official.phone }));
  } catch {
    // storage full or disabled: the screen then says "ask the staff on site"
  }
}
