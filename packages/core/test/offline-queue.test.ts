import { expect } from '@open-wc/testing';
import { HttpClient } from '../src/http.js';
import {
  backoffMs,
  isDefiniteRefusal,
  queueLabelIn,
  writeQueue,
  WriteQueue,
  QUEUE_CHANGE_EVENT,
  QUEUE_REFUSED_EVENT,
  QUEUE_SENT_EVENT,
  type QueueOutcomeDetail,
} from '../src/offline-queue.js';
import { ApiError } from '../src/http.js';

interface Call {
  url: string;
  key: string | undefined;
  headers: Record<string, string>;
  body: unknown;
}

/** A fake server: records each request and answers with `respond` (async, so requests can overlap). */
function server(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const call = { url, key: headers['Idempotency-Key'], headers, body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined };
    calls.push(call);
    return respond(call);
  }) as unknown as typeof globalThis.fetch;
  return { calls, client: new HttpClient({ baseUrl: '/api', deviceCredential: 'dev-key', fetch }) };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const networkDown = () => Promise.reject(new TypeError('Failed to fetch'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let n = 0;
/** A fresh database per test, deleted afterwards. */
function freshName(): string {
  return `ck-write-queue-test-${Date.now()}-${n++}`;
}
const opened: WriteQueue[] = [];
function queue(name: string, options = {}): WriteQueue {
  const q = new WriteQueue({ name, ...options });
  opened.push(q);
  return q;
}
const returnOf = (barcode: string) => ({ method: 'POST' as const, url: '/library/checkin', body: { barcode }, label: { en: `Book ${barcode}`, 'zh-CN': `书 ${barcode}` } });

describe('WriteQueue (real IndexedDB)', () => {
  afterEach(async () => {
    for (const q of opened.splice(0)) {
      q.stop();
      q.close();
      await new Promise((r) => {
        const req = indexedDB.deleteDatabase(q.name);
        req.onsuccess = req.onerror = req.onblocked = r;
      });
    }
  });

  it('keeps entries across a reload (a new connection reads what the old one wrote)', async () => {
    const name = freshName();
    const before = queue(name);
    const entry = await before.add(returnOf('CK001'));
    expect(entry.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(entry.attempts).to.equal(0);
    before.close();

    const after = queue(name);
    const list = await after.list();
    expect(list).to.have.length(1);
    expect(list[0]).to.deep.include({ id: entry.id, idempotencyKey: entry.idempotencyKey, url: '/library/checkin', method: 'POST' });
    expect(list[0]!.body).to.deep.equal({ barcode: 'CK001' });
    expect(await after.count()).to.equal(1);
    await after.clear();
    expect(await after.count()).to.equal(0);
  });

  it('sends each entry with its own Idempotency-Key and removes it on 2xx, reporting what was sent', async () => {
    const { calls, client } = server((c) => json(200, { barcode: (c.body as { barcode: string }).barcode, returnedAt: 'now' }));
    const q = queue(freshName());
    const a = await q.add(returnOf('CK001'));
    const b = await q.add({ ...returnOf('CK002'), idempotencyKey: 'visitor-intent-key-2' });
    const sent: QueueOutcomeDetail[] = [];
    const counts: number[] = [];
    q.addEventListener(QUEUE_SENT_EVENT, (e) => sent.push((e as CustomEvent<QueueOutcomeDetail>).detail));
    q.addEventListener(QUEUE_CHANGE_EVENT, (e) => counts.push((e as CustomEvent<{ count: number }>).detail.count));

    expect(await q.flush(client)).to.deep.equal({ sent: 2, refused: 0, kept: 0 });
    expect(calls.map((c) => [c.url, c.key])).to.deep.equal([
      ['/api/library/checkin', a.idempotencyKey],
      ['/api/library/checkin', 'visitor-intent-key-2'],
    ]);
    expect(calls[0]!.headers['X-Device-Key']).to.equal('dev-key');
    expect(calls[0]!.headers['Authorization']).to.equal(undefined);
    expect(sent.map((s) => [s.entry.id, s.status])).to.deep.equal([
      [a.id, 200],
      [b.id, 200],
    ]);
    expect(sent[1]!.data).to.deep.include({ barcode: 'CK002' });
    expect(await q.count()).to.equal(0);
    expect(counts.at(-1)).to.equal(0);
  });

  it('keeps an entry on a network error or a 5xx (with a later retry time), and stops at the first network error', async () => {
    let mode: 'down' | '500' | 'up' = 'down';
    const { calls, client } = server(() => (mode === 'down' ? networkDown() : mode === '500' ? json(503, { code: 'LIBRARY_OFFLINE' }) : json(200, {})));
    let now = 1_000_000;
    const q = queue(freshName(), { now: () => now, baseDelayMs: 1000, maxDelayMs: 8000 });
    await q.add(returnOf('CK001'));
    await q.add(returnOf('CK002'));

    expect(await q.flush(client)).to.deep.equal({ sent: 0, refused: 0, kept: 2 });
    expect(calls).to.have.length(1); // the second was not tried: the network is down
    const [first, second] = await q.list();
    expect(first!.attempts).to.equal(1);
    expect(first!.nextAttemptAt).to.be.within(now + 750, now + 1250);
    expect(second!.attempts).to.equal(0);

    mode = '500';
    // Not due yet: the first waits, the second is tried.
    expect(await q.flush(client)).to.deep.equal({ sent: 0, refused: 0, kept: 2 });
    expect(calls).to.have.length(2);
    now += 2000;
    await q.flush(client);
    expect((await q.list()).map((e) => e.attempts)).to.deep.equal([2, 2]);

    mode = 'up';
    // The network is back: `force` sends everything, whatever its wait.
    expect(await q.flush(client, { force: true })).to.deep.equal({ sent: 2, refused: 0, kept: 0 });
    const keys = new Set(calls.map((c) => c.key));
    expect(keys.size).to.equal(2); // every try of an entry carried the same key
  });

  it('drops an entry on a definite 4xx (and says so), keeps it on 401/429/409 IN_PROGRESS', async () => {
    const answers: Record<string, Response> = {};
    const { client } = server((c) => answers[(c.body as { barcode: string }).barcode]!);
    const q = queue(freshName());
    answers['CK404'] = json(404, { code: 'NOT_FOUND' });
    answers['CK409'] = json(409, { code: 'NOT_ON_LOAN' });
    answers['CK401'] = json(401, { code: 'UNAUTHORIZED' });
    answers['CK429'] = json(429, { code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    answers['CKINP'] = json(409, { code: 'IN_PROGRESS' });
    for (const b of ['CK404', 'CK409', 'CK401', 'CK429', 'CKINP']) await q.add(returnOf(b));
    const refused: QueueOutcomeDetail[] = [];
    q.addEventListener(QUEUE_REFUSED_EVENT, (e) => refused.push((e as CustomEvent<QueueOutcomeDetail>).detail));

    expect(await q.flush(client)).to.deep.equal({ sent: 0, refused: 2, kept: 3 });
    expect(refused.map((r) => [queueLabelIn(r.entry.label, 'en'), r.error?.code])).to.deep.equal([
      ['Book CK404', 'NOT_FOUND'],
      ['Book CK409', 'NOT_ON_LOAN'],
    ]);
    const kept = await q.list();
    expect(kept.map((e) => (e.body as { barcode: string }).barcode)).to.deep.equal(['CK401', 'CK429', 'CKINP']);
    // The server's Retry-After is honoured over the backoff.
    expect(kept[1]!.nextAttemptAt! - Date.now()).to.be.within(25_000, 31_000);
  });

  it('never sends an entry twice: concurrent flushes of one queue and of two instances (two tabs) send each entry exactly once', async () => {
    const { calls, client } = server(async () => {
      await sleep(40);
      return json(200, {});
    });
    const name = freshName();
    const tabA = queue(name);
    const tabB = queue(name);
    for (const b of ['CK1', 'CK2', 'CK3']) await tabA.add(returnOf(b));
    const results = await Promise.all([tabA.flush(client), tabB.flush(client), tabA.flush(client, { force: true }), tabB.flush(client)]);
    expect(calls).to.have.length(3);
    expect(new Set(calls.map((c) => c.key)).size).to.equal(3);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).to.equal(3);
    expect(await tabB.count()).to.equal(0);
  });

  it('starts: sends at once, again when the browser says it is online, and on its interval; stops', async () => {
    let up = false;
    const { calls, client } = server(() => (up ? json(201, {}) : networkDown()));
    const q = queue(freshName(), { retryIntervalMs: 100, baseDelayMs: 60_000 });
    await q.add(returnOf('CK1'));
    q.start(client);
    expect(q.started).to.equal(true);
    await sleep(50);
    expect(calls).to.have.length(1);
    // Not due for a minute: the interval does not send it again.
    await sleep(250);
    expect(calls).to.have.length(1);
    up = true;
    const sent = new Promise((r) => q.addEventListener(QUEUE_SENT_EVENT, r, { once: true }));
    window.dispatchEvent(new Event('online'));
    await sent;
    expect(calls).to.have.length(2);
    expect(calls[0]!.key).to.equal(calls[1]!.key);
    await q.add(returnOf('CK2'));
    await sleep(300);
    expect(calls.map((c) => (c.body as { barcode: string }).barcode)).to.deep.equal(["CK1", "CK1", "CK2"]); // the interval sent the new one
    q.stop();
    expect(q.started).to.equal(false);
    // A tick already under way may still finish; after that nothing new is sent.
    await sleep(300);
    const before = calls.length;
    await q.add(returnOf('CK3'));
    await sleep(300);
    expect(calls).to.have.length(before);
    expect(await q.count()).to.equal(1);
  });

  it('refuses to keep anything personal, and only paths under the API', async () => {
    const q = queue(freshName());
    for (const body of [{ barcode: 'x', token: 't' }, { pin: '1234' }, { cardNumber: 'LIB1' }]) {
      let error: unknown;
      await q.add({ method: 'POST', url: '/library/checkin', body, label: 'x' }).catch((e: unknown) => (error = e));
      expect(error, JSON.stringify(body)).to.be.instanceOf(TypeError);
    }
    let error: unknown;
    await q.add({ method: 'POST', url: 'https://elsewhere.example/x', label: 'x' }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
    expect(await q.count()).to.equal(0);
  });

  it('flush without a client does nothing; writeQueue() is one instance per name', async () => {
    const q = queue(freshName());
    expect(await q.flush()).to.deep.equal({ sent: 0, refused: 0, kept: 0 });
    const name = freshName();
    const shared = writeQueue({ name });
    opened.push(shared);
    expect(writeQueue({ name })).to.equal(shared);
    expect(writeQueue({ name: freshName() })).not.to.equal(shared);
  });

  it('pure helpers: backoff, definite refusals, labels', () => {
    expect(backoffMs(1, 1000, 8000, () => 0.5)).to.equal(1000);
    expect(backoffMs(3, 1000, 8000, () => 0.5)).to.equal(4000);
    expect(backoffMs(10, 1000, 8000, () => 0.5)).to.equal(8000);
    expect(backoffMs(1, 1000, 8000, () => 0)).to.equal(750);
    expect(isDefiniteRefusal(new ApiError(404, 'NOT_FOUND'))).to.equal(true);
    expect(isDefiniteRefusal(new ApiError(422, 'VALIDATION'))).to.equal(true);
    expect(isDefiniteRefusal(new ApiError(0, 'NETWORK'))).to.equal(false);
    expect(isDefiniteRefusal(new ApiError(500, 'SERVER_ERROR'))).to.equal(false);
    expect(isDefiniteRefusal(new ApiError(403, 'FORBIDDEN'))).to.equal(false);
    expect(isDefiniteRefusal(new Error('x'))).to.equal(false);
    expect(queueLabelIn('plain', 'zh-CN')).to.equal('plain');
    expect(queueLabelIn({ en: 'Book', 'zh-CN': '书' }, 'zh-CN')).to.equal('书');
    expect(queueLabelIn({ en: 'Book' }, 'zh-CN')).to.equal('Book');
    expect(queueLabelIn({ fr: 'Livre' }, 'zh-CN')).to.equal('Livre');
    expect(queueLabelIn({}, 'en')).to.equal('');
  });
});
