/**
 * An in-memory FHIR R4 server as a `fetch` function, for stories, tests and
 * the benchmark: searches by patient/code/date/_count, link[next] paging,
 * tokens that expire, and our server's sign-in (card + PIN, lockout).
 * Shape switches make it behave like other servers (no total, plain JSON).
 */
export interface FakeFhirOptions {
  resources: Record<string, unknown>[];
  /** Path prefix of the FHIR base, e.g. `/fhir` or `/other/r4`. */
  base?: string;
  /** Entries per page the server imposes (it may ignore a larger _count). Default 50. */
  pageSize?: number;
  /** Whether Bundles carry `total`. Default true. */
  total?: boolean;
  /** Content-Type of answers. Default application/fhir+json. */
  contentType?: string;
  /** Bearer tokens accepted; a function lets a test expire one. Default: any. */
  accepts?: (token: string) => boolean;
  /** Our server's sign-in: card → { pin, patientId, locked? }. */
  residents?: Record<string, { pin: string; patientId: string; locked?: boolean }>;
  /** Replaces the answer to a path (e.g. an HTML page from a proxy or an OperationOutcome). */
  override?: (path: string) => Response | undefined;
  /** Milliseconds each answer waits. */
  latencyMs?: number;
  /** The requests seen (method, path with query, Authorization). */
  log?: { method: string; url: string; authorization: string | null; cache?: RequestCache }[];
}

const json = (body: unknown, status: number, type: string) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const outcome = (status: number, code: string, text: string, type: string) =>
  json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }], code: code.toUpperCase(), message: text, reasons: { 'zh-CN': text, en: text } }, status, type);

function dateOf(r: Record<string, unknown>): string {
  const p = (r.period ?? r.effectivePeriod) as { start?: string } | undefined;
  const found = [r.effectiveDateTime, r.occurrenceDateTime, r.onsetDateTime, p?.start].find((v) => typeof v === 'string');
  return typeof found === 'string' ? found : '';
}
function codes(r: Record<string, unknown>): string[] {
  const c = r.code as { coding?: { code?: string }[] } | undefined;
  return (c?.coding ?? []).map((x) => String(x.code));
}
function patientOf(r: Record<string, unknown>): string {
  const ref = ((r.subject ?? r.patient) as { reference?: string } | undefined)?.reference ?? '';
  return ref.replace(/^Patient\//, '');
}

export function createFakeFhir(options: FakeFhirOptions): typeof fetch {
  const base = options.base ?? '/fhir';
  const type = options.contentType ?? 'application/fhir+json';
  const failed = new Map<string, number>();
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const authorization = request.headers.get('Authorization');
    options.log?.push({ method: request.method, url: url.pathname + url.search, authorization, cache: init?.cache });
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const replaced = options.override?.(url.pathname + url.search);
    if (replaced) return replaced;
    if (url.pathname.endsWith('/residents/signin')) {
      const body = (await request.json()) as { cardNumber: string; pin: string };
      const who = options.residents?.[body.cardNumber];
      if (who?.locked) return json({ code: 'PIN_LOCKED', message: 'Locked for 15 minutes.', reasons: { 'zh-CN': '密码错误次数过多，已锁定 15 分钟。', en: 'Too many wrong PINs: locked for 15 minutes.' } }, 423, 'application/json');
      if (!who || who.pin !== body.pin) {
        const n = (failed.get(body.cardNumber) ?? 0) + 1;
        failed.set(body.cardNumber, n);
        return json({ code: 'PIN_WRONG', message: 'Wrong card number or PIN.', attemptsLeft: Math.max(0, 5 - n), reasons: { 'zh-CN': `卡号或密码错误，还可尝试 ${Math.max(0, 5 - n)} 次。`, en: `Wrong card number or PIN: ${Math.max(0, 5 - n)} tries left.` } }, 401, 'application/json');
      }
      return json({ token: `tok-${who.patientId}-${Date.now()}`, expiresAt: new Date(Date.now() + 600_000).toISOString(), sessionId: 's1', service: 'health', patientId: who.patientId, resident: { id: 'r', name: '', householdId: 'h' } }, 200, 'application/json');
    }
    if (url.pathname.endsWith('/signout')) return new Response(null, { status: 204 });
    if (url.pathname.endsWith('/health/take-away')) return json({ url: 'https://kiosk.example/health/take-away/demo-demo-demo-demo-demo', expiresAt: new Date(Date.now() + 600_000).toISOString() }, 201, 'application/json');
    if (!url.pathname.startsWith(base)) return new Response('not found', { status: 404 });
    const path = url.pathname.slice(base.length);
    if (path === '/metadata') {
      const types = ['Patient', 'Observation', 'Condition', 'MedicationStatement', 'Immunization', 'Encounter'];
      return json({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', rest: [{ mode: 'server', resource: types.map((t) => ({ type: t })) }] }, 200, type);
    }
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token || (options.accepts && !options.accepts(token))) return outcome(401, 'login', 'Please sign in again.', type);
    const read = /^\/Patient\/([^/]+)$/.exec(path);
    if (read) {
      const p = options.resources.find((r) => r.resourceType === 'Patient' && r.id === decodeURIComponent(read[1]!));
      return p ? json(p, 200, type) : outcome(404, 'not-found', 'No such patient.', type);
    }
    const search = /^\/([A-Za-z]+)$/.exec(path);
    if (!search) return outcome(404, 'not-found', 'Unknown path.', type);
    const q = url.searchParams;
    const patient = (q.get('patient') ?? '').replace(/^Patient\//, '');
    const wanted = q.get('code')?.split(',').map((c) => c.replace(/^.*\|/, ''));
    let matches = options.resources.filter((r) => r.resourceType === search[1] && patientOf(r) === patient && (!wanted || codes(r).some((c) => wanted.includes(c))));
    for (const d of q.getAll('date')) {
      const m = /^(ge|le|gt|lt)?(.+)$/.exec(d)!;
      matches = matches.filter((r) => (m[1] === 'le' || m[1] === 'lt' ? dateOf(r) <= m[2]! : dateOf(r) >= m[2]!));
    }
    matches.sort((a, b) => (q.get('_sort') === '-date' ? dateOf(b).localeCompare(dateOf(a)) : dateOf(a).localeCompare(dateOf(b))));
    const size = Math.min(Number(q.get('_count') ?? options.pageSize ?? 50), options.pageSize ?? 50);
    const offset = Number(q.get('_offset') ?? 0);
    const page = matches.slice(offset, offset + size);
    const link = [{ relation: 'self', url: url.href }];
    if (offset + size < matches.length) {
      const next = new URL(url.href);
      next.searchParams.set('_offset', String(offset + size));
      link.push({ relation: 'next', url: next.href });
    }
    return json(
      { resourceType: 'Bundle', type: 'searchset', ...(options.total === false ? {} : { total: matches.length }), link, entry: page.map((resource) => ({ fullUrl: `${url.origin}${base}/${String(resource.resourceType)}/${String(resource.id)}`, resource, search: { mode: 'match' } })) },
      200,
      type,
    );
  };
}
