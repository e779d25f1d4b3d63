import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { OPEN_MOTION } from '../src/db/seed/parking.js';
import { addStaff } from '../src/staff/accounts.js';
import { createTestApp, DEVICE, isErrorBody, json, newKey, residentToken, type TestApp } from './helpers.js';

/**
 * Bad input against the deliberation v2 routes (the shared bad-input suite
 * covers the routes that existed before): every generated bad request gets a
 * 4xx with a code and both reasons, and nothing stored changes.
 */
let t: TestApp;
const tokens: Record<'resident' | 'staff', string> = { resident: '', staff: '' };
before(async () => {
  t = await createTestApp();
  tokens.resident = await residentToken(t.app, 'XK0001', 'deliberation');
  await addStaff(t.store.db, { username: 'li.wei', name: '李伟', role: 'site-admin', siteId: 'xikou-hall', password: 'correct horse battery staple' }, 'test', new Date());
  const res = await t.app.inject({ method: 'POST', url: '/api/staff/signin', headers: DEVICE, payload: { username: 'li.wei', password: 'correct horse battery staple' } });
  tokens.staff = json<{ token: string }>(res).token;
});
after(() => t.close());

const loc = (zh: string, en: string) => ({ 'zh-CN': zh, en });
interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params: Record<string, string>;
  body?: Record<string, unknown>;
  /** Free-text fields (paths into the body) that must refuse markup and control characters. */
  text?: string[][];
  auth: 'resident' | 'staff' | null;
}
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/deliberation/topics/:topicId/my-supports', params: { topicId: 'topic-parking' }, auth: 'resident' },
  { method: 'DELETE', path: '/api/deliberation/proposals/:proposalId/supports', params: { proposalId: 'prop-kerbside' }, body: {}, auth: 'resident' },
  { method: 'POST', path: '/api/deliberation/comments/:commentId/reports', params: { commentId: 'cmt-001' }, body: {}, auth: 'resident' },
  { method: 'GET', path: '/api/deliberation/motions/:motionId/receipts/:receipt', params: { motionId: OPEN_MOTION, receipt: 'AAAA-BBBB-CCCC' }, auth: null },
  {
    method: 'POST',
    path: '/api/staff/deliberation/topics/:topicId/motions',
    params: { topicId: 'topic-parking' },
    body: { title: loc('标题', 'Title'), body: loc('内容', 'Body'), rule: { kind: 'majority' }, opensAt: future(1), closesAt: future(2) },
    text: [['title', 'zh-CN'], ['body', 'en']],
    auth: 'staff',
  },
  { method: 'POST', path: '/api/staff/deliberation/motions/:motionId/open', params: { motionId: 'motion-idle-land-survey' }, body: {}, auth: 'staff' },
  { method: 'POST', path: '/api/staff/deliberation/motions/:motionId/close', params: { motionId: 'motion-idle-land-survey' }, body: {}, auth: 'staff' },
  {
    method: 'POST',
    path: '/api/staff/deliberation/topics/:topicId/meetings',
    params: { topicId: 'topic-parking' },
    body: { startsAt: future(3), place: loc('会议室', 'Room'), agenda: [loc('议程', 'Item')], attendance: { departments: [loc('镇政府', 'Town')], residents: 12 }, decisions: [] },
    text: [['place', 'zh-CN']],
    auth: 'staff',
  },
  { method: 'PUT', path: '/api/staff/deliberation/proposals/:proposalId/answer', params: { proposalId: 'prop-kerbside' }, body: { answer: loc('答复', 'Answer') }, text: [['answer', 'en']], auth: 'staff' },
  { method: 'PUT', path: '/api/staff/deliberation/topics/:topicId/answer', params: { topicId: 'topic-parking' }, body: { answer: loc('答复', 'Answer') }, text: [['answer', 'zh-CN']], auth: 'staff' },
  { method: 'PUT', path: '/api/staff/deliberation/progress/:progressId', params: { progressId: 'prog-2' }, body: { status: 'done', owner: '某人', dueOn: '2027-01-01', note: '备注' }, text: [['owner'], ['note']], auth: 'staff' },
  { method: 'GET', path: '/api/staff/deliberation/reported-comments', params: {}, auth: 'staff' },
  { method: 'POST', path: '/api/staff/deliberation/comments/:commentId/review', params: { commentId: 'cmt-001' }, body: { decision: 'restore' }, auth: 'staff' },
];

const INJECTIONS = ["' OR 1=1 --", '1; DROP TABLE ballots;--', '<script>alert(1)</script>', '../../../etc/passwd', 'a\u0000b', 'x'.repeat(300), '😀💥'];
const MARKUP = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'a\u0000b', '\u001b[31mred', '\u202eevil', 'x'.repeat(6000)];
const WRONG_TYPES: unknown[] = [123, true, null, [], 'text'];
const MALFORMED = ['{', '{"a":', '[1,2', 'nul', '{"a":1,}', "{'a':1}"];

function setPath(body: Record<string, unknown>, at: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[at[at.length - 1]!] = value;
  return copy;
}

function badRequests(route: Route): { label: string; opts: InjectOptions }[] {
  const out: { label: string; opts: InjectOptions }[] = [];
  const headers: Record<string, string> = { ...DEVICE, ...(route.auth ? { authorization: `Bearer ${tokens[route.auth]}` } : {}) };
  const fill = (params: Record<string, string>) => route.path.replace(/:([A-Za-z]+)/g, (_, n: string) => encodeURIComponent(params[n] ?? ''));
  const req = (label: string, o: { params?: Record<string, string>; body?: unknown; raw?: string; query?: string }) => {
    const h: Record<string, string> = { ...headers };
    const withBody = route.body !== undefined;
    if (route.method !== 'GET') h['idempotency-key'] = newKey();
    if (withBody) h['content-type'] = 'application/json';
    out.push({ label, opts: { method: route.method, url: fill(o.params ?? route.params) + (o.query ?? ''), headers: h, ...(withBody ? { payload: o.raw ?? JSON.stringify(o.body ?? route.body) } : {}) } });
  };
  for (const name of Object.keys(route.params)) {
    for (const inj of INJECTIONS) req(`param ${name}=${inj.slice(0, 16)}`, { params: { ...route.params, [name]: inj } });
    req(`unknown ${name}`, { params: { ...route.params, [name]: name === 'receipt' ? 'ZZZZ-ZZZZ-ZZZZ' : 'zz-unknown-1' } });
  }
  req('unknown query field', { query: '?debug=1' });
  if (route.body) {
    for (const raw of MALFORMED) req(`malformed ${raw}`, { raw });
    req('array body', { raw: '[]' });
    req('unknown field', { body: { ...route.body, isAdmin: true } });
    for (const name of Object.keys(route.body)) {
      for (const wrong of WRONG_TYPES) if (typeof wrong !== typeof route.body[name] || wrong === null) req(`${name} as ${JSON.stringify(wrong)}`, { body: { ...route.body, [name]: wrong } });
      const { [name]: _omitted, ...without } = route.body;
      if (!['note', 'owner', 'dueOn'].includes(name)) req(`missing ${name}`, { body: without });
    }
    for (const at of route.text ?? []) for (const bad of MARKUP) req(`${at.join('.')}=${bad.slice(0, 12)}`, { body: setPath(route.body, at, bad) });
  }
  return out;
}

async function snapshot(): Promise<string> {
  const db = t.store.db;
  const tables = ['topics', 'proposals', 'supports', 'comments', 'comment_reports', 'meetings', 'motions', 'ballots', 'progress'] as const;
  return JSON.stringify(await Promise.all(tables.map((table) => db.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()))));
}

describe('deliberation v2 bad input', () => {
  it('refuses every generated bad request with a 4xx and both reasons, and changes nothing', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    let total = 0;
    for (const route of ROUTES) {
      for (const { label, opts } of badRequests(route)) {
        total += 1;
        const res = await t.app.inject(opts);
        let body: unknown = null;
        try {
          body = JSON.parse(res.body);
        } catch {
          // not JSON: counted below
        }
        if (res.statusCode < 400 || res.statusCode >= 500 || !isErrorBody(body)) failures.push(`${route.method} ${route.path} [${label}] -> ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    assert.ok(total >= 250, `only ${total} bad requests`);
    assert.deepEqual(failures, [], `${failures.length} of ${total} bad requests were not refused properly`);
    assert.equal(await snapshot(), before, 'nothing stored changed');
  });
});
