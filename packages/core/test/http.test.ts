import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { AbortOnDisconnectController, ApiError, getWithOfflineCopy, HttpClient, MemoryResponseCache, newIdempotencyKey, parseRetryAfter, statusCode } from '../src/http.js';
import { setLocale } from '../src/localization.js';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records calls and answers with `respond`. */
function recordingFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}

describe('HttpClient', () => {
  afterEach(() => setLocale('zh-CN'));

  it('sends JSON and returns the parsed answer', async () => {
    const { calls, fetch } = recordingFetch(() => json(200, { ok: true }));
    const client = new HttpClient({ baseUrl: 'https://kiosk.example/api/', headers: { 'X-Device-Key': 'k1' }, fetch });
    expect(await client.get('/stations')).to.deep.equal({ ok: true });
    expect(calls[0]!.url).to.equal('https://kiosk.example/api/stations');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['X-Device-Key']).to.equal('k1');
    expect(headers['Idempotency-Key']).to.equal(undefined);
  });

  it('puts an Idempotency-Key on every write, reusing the one given for a retried intent', async () => {
    const { calls, fetch } = recordingFetch(() => new Response(null, { status: 204 }));
    const client = new HttpClient({ baseUrl: '/api', fetch });
    const key = newIdempotencyKey();
    expect(await client.post('/loans', { item: '123' }, { idempotencyKey: key })).to.equal(undefined);
    await client.post('/loans', { item: '123' }, { idempotencyKey: key });
    await client.request('/loans/1', { method: 'DELETE' });
    const keys = calls.map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key']);
    expect(keys[0]).to.equal(key).and.to.equal(keys[1]);
    expect(keys[2]).to.match(/^[0-9a-f-]{36}$/).and.not.equal(key);
    expect(calls[0]!.init.body).to.equal('{"item":"123"}');
  });

  it('turns a server error into an ApiError with the server reason in the active locale', async () => {
    const { fetch } = recordingFetch(() =>
      json(409, { code: 'LOAN_LIMIT', message: 'Loan limit reached', reasons: { 'zh-CN': '已达借阅上限', en: 'Loan limit reached' } }),
    );
    const error = await failure(new HttpClient({ baseUrl: '', fetch }).post('/loans', {}));
    expect(error).to.be.instanceOf(ApiError);
    expect([error.status, error.code, error.offline]).to.deep.equal([409, 'LOAN_LIMIT', false]);
    expect(error.reason).to.equal('已达借阅上限');
    await setLocale('en');
    expect(error.reason).to.equal('Loan limit reached');
  });

  it('words known codes and statuses itself when the server sends no reason', async () => {
    const cases: Array<[number, unknown, string]> = [
      [423, { code: 'PIN_LOCKED' }, '密码错误次数过多，账户已锁定 15 分钟。'],
      [429, {}, '本机请求过于频繁，请稍等片刻。'],
      [401, {}, '请重新登录。'],
      [404, {}, '未找到。'],
      [503, {}, '服务出现问题（错误 503），请稍后再试。'],
      [422, { code: 'SOMETHING_NEW' }, '请求被拒绝（错误 422）。'],
    ];
    for (const [status, body, reason] of cases) {
      const { fetch } = recordingFetch(() => json(status, body));
      const error = await failure(new HttpClient({ baseUrl: '', fetch }).get('/x'));
      expect(error.reason, String(status)).to.equal(reason);
    }
    const { fetch } = recordingFetch(() => json(422, { code: 'SOMETHING_NEW', message: 'Field "pin" must be 4 to 6 digits' }));
    const error = await failure(new HttpClient({ baseUrl: '', fetch }).get('/x'));
    await setLocale('en');
    expect(error.reason).to.equal('Field "pin" must be 4 to 6 digits');
  });

  it('reports an unreadable answer and a non-JSON error page', async () => {
    let { fetch } = recordingFetch(() => new Response('<html>oops', { status: 200 }));
    let error = await failure(new HttpClient({ baseUrl: '', fetch }).get('/x'));
    expect([error.code, error.reason]).to.deep.equal(['BAD_RESPONSE', '服务返回的内容无法识别。']);
    ({ fetch } = recordingFetch(() => new Response('<html>Bad gateway', { status: 502 })));
    error = await failure(new HttpClient({ baseUrl: '', fetch }).get('/x'));
    expect([error.status, error.code]).to.deep.equal([502, 'SERVER_ERROR']);
    await setLocale('en');
    expect(error.reason).to.equal('The service had a problem (error 502). Please try again later.');
  });

  it('never makes up HTTP_ codes: the server code, else a name for the status', async () => {
    expect([400, 401, 403, 404, 409, 429, 418, 500, 503].map(statusCode)).to.deep.equal([
      'BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'HTTP_ERROR', 'SERVER_ERROR', 'SERVER_ERROR',
    ]);
    const { fetch } = recordingFetch(() => json(500, { code: 'DB_DOWN', reasons: { 'zh-CN': '数据库暂不可用', en: 'Database unavailable' } }));
    const error = await failure(new HttpClient({ baseUrl: '', fetch }).get('/x'));
    expect([error.code, error.reason, error.reasons.en]).to.deep.equal(['DB_DOWN', '数据库暂不可用', 'Database unavailable']);
  });

  it('keeps how long a 429 says to wait, from the body or the Retry-After header', async () => {
    let { fetch } = recordingFetch(() => new Response('{}', { status: 429, headers: { 'Retry-After': '42' } }));
    let error = await failure(new HttpClient({ baseUrl: '', fetch }).get('/x'));
    expect([error.code, error.retryAfterSeconds]).to.deep.equal(['RATE_LIMITED', 42]);
    expect(error.reason).to.equal('本机请求过于频繁，请等待 42 秒后再试。');
    await setLocale('en');
    expect(error.reason).to.equal('Too many requests from this kiosk. Please wait 42 seconds.');
    ({ fetch } = recordingFetch(() =>
      json(429, { code: 'RATE_LIMITED', retryAfterSeconds: 7.2, reasons: { 'zh-CN': '请 8 秒后再试', en: 'Try again in 8 s' } }),
    ));
    error = await failure(new HttpClient({ baseUrl: '', fetch }).get('/x'));
    expect([error.retryAfterSeconds, error.reason]).to.deep.equal([8, 'Try again in 8 s']);
    expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).to.be.within(28, 31);
    expect([parseRetryAfter('soon'), parseRetryAfter(null)]).to.deep.equal([undefined, undefined]);
  });

  it('revalidates a GET with its ETag and returns the cached body on 304', async () => {
    let version = 'v1';
    const { calls, fetch } = recordingFetch((call) => {
      const sent = (call.init.headers as Record<string, string>)['If-None-Match'];
      if (sent === `"${version}"`) return new Response(null, { status: 304, headers: { ETag: `"${version}"` } });
      return new Response(JSON.stringify({ version }), { status: 200, headers: { ETag: `"${version}"` } });
    });
    const client = new HttpClient({ baseUrl: '/api', fetch });
    const first = await client.send<{ version: string }>('/stations');
    expect([first.data.version, first.notModified, first.etag]).to.deep.equal(['v1', false, '"v1"']);
    const second = await client.send<{ version: string }>('/stations');
    expect([second.data, second.notModified, second.status, second.fetchedAt]).to.deep.equal([{ version: 'v1' }, true, 304, first.fetchedAt]);
    version = 'v2';
    expect(await client.get('/stations')).to.deep.equal({ version: 'v2' });
    expect(calls.map((c) => (c.init.headers as Record<string, string>)['If-None-Match'])).to.deep.equal([undefined, '"v1"', '"v1"']);
    expect((await client.cached('/stations'))?.etag).to.equal('"v2"');
    await client.clearCache();
    expect(await client.cached('/stations')).to.equal(undefined);
  });

  it('keeps nothing sent with a resident\'s token, nor what is asked not to be kept', async () => {
    const { calls, fetch } = recordingFetch(() => new Response('{"name":"王芳"}', { status: 200, headers: { ETag: '"p"' } }));
    const cache = new MemoryResponseCache();
    const client = new HttpClient({ baseUrl: '', fetch, cache, deviceCredential: 'ckd_1.s' });
    const personal = client.with({ headers: { Authorization: 'Bearer t' } });
    await personal.get('/me');
    await personal.get('/me');
    await client.get('/public', { cache: 'no-store' });
    expect(cache.get('/me')).to.equal(undefined);
    expect(cache.get('/public')).to.equal(undefined);
    expect(calls.every((c) => !(c.init.headers as Record<string, string>)['If-None-Match'])).to.equal(true);
    expect(calls.map((c) => c.init.cache), 'not in the browser\'s HTTP cache either').to.deep.equal(['no-store', 'no-store', 'no-store']);
    await client.get('/stations');
    expect(calls[3]!.init.cache, 'public data may use the browser cache').to.equal(undefined);
    expect((calls[0]!.init.headers as Record<string, string>)['X-Device-Key']).to.equal('ckd_1.s');
    expect([client.hasDeviceCredential, new HttpClient({ baseUrl: '' }).hasDeviceCredential]).to.deep.equal([true, false]);
    expect(JSON.stringify(client)).not.to.contain('ckd_1');
  });

  it('shows the last good copy of public data when the server cannot answer, and never hides a 4xx', async () => {
    let answer: () => Response | Promise<Response> = () => new Response('{"stations":3}', { status: 200, headers: { ETag: '"s1"' } });
    const { fetch } = recordingFetch(() => answer());
    const client = new HttpClient({ baseUrl: '/api', fetch });
    const fresh = await getWithOfflineCopy<{ stations: number }>(client, '/stations');
    expect([fresh.data, fresh.offline]).to.deep.equal([{ stations: 3 }, false]);
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    const offline = await getWithOfflineCopy<{ stations: number }>(client, '/stations');
    expect([offline.data, offline.offline, offline.fetchedAt, offline.error?.code]).to.deep.equal([{ stations: 3 }, true, fresh.fetchedAt, 'NETWORK']);
    answer = () => json(503, { code: 'MAINTENANCE' });
    expect((await getWithOfflineCopy(client, '/stations')).error?.code).to.equal('MAINTENANCE');
    answer = () => json(400, { code: 'VALIDATION' });
    expect((await failure(getWithOfflineCopy(client, '/stations'))).code).to.equal('VALIDATION');
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    expect((await failure(getWithOfflineCopy(client, '/never-seen'))).code).to.equal('NETWORK');
  });

  it('reports a server that cannot be reached as offline', async () => {
    const client = new HttpClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 5000 });
    const error = await failure(client.get('/stations'));
    expect([error.code, error.status, error.offline]).to.deep.equal(['NETWORK', 0, true]);
    expect(error.reason).to.equal('暂时无法连接服务，请稍后再试。');
  });

  it('gives up after its timeout', async () => {
    const { fetch } = recordingFetch(
      (call) => new Promise((_, reject) => call.init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const error = await failure(new HttpClient({ baseUrl: '', fetch, timeoutMs: 20 }).get('/slow'));
    expect([error.code, error.offline]).to.deep.equal(['TIMEOUT', true]);
    expect(error.reason).to.equal('服务响应超时，请再试一次。');
  });

  it('aborts when its caller aborts, e.g. the element left the page', async () => {
    const { fetch } = recordingFetch(
      (call) => new Promise((_, reject) => call.init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const aborter = new AbortController();
    const pending = failure(new HttpClient({ baseUrl: '', fetch }).get('/slow', { signal: aborter.signal }));
    aborter.abort();
    expect((await pending).code).to.equal('ABORTED');
  });
});

class AbortProbe extends LitElement {
  aborts = new AbortOnDisconnectController(this);
}
customElements.define('ck-abort-probe', AbortProbe);

describe('AbortOnDisconnectController', () => {
  it('aborts its signal when the host disconnects and renews it on reconnect', async () => {
    const el = await fixture<AbortProbe>(html`<ck-abort-probe></ck-abort-probe>`);
    const first = el.aborts.signal;
    expect(first.aborted).to.equal(false);
    const parent = el.parentNode!;
    el.remove();
    expect(first.aborted).to.equal(true);
    parent.appendChild(el);
    expect(el.aborts.signal).to.not.equal(first);
    expect(el.aborts.signal.aborted).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
