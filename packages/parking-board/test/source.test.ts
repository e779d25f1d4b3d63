// HttpDeliberationSource over core's HttpClient with a scripted fetch: what goes over the wire.
import { expect } from '@open-wc/testing';
import { ApiError, HttpClient } from '@civic-kiosk/core';
import { HttpDeliberationSource } from '../src/source.js';

interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

function scripted(answers: ((sent: Sent) => Response | Error)[]) {
  const sent: Sent[] = [];
  const fetch = ((url: RequestInfo | URL, init?: RequestInit) => {
    const entry: Sent = { method: init?.method ?? 'GET', url: url instanceof Request ? url.url : url.toString(), headers: new Headers(init?.headers), body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined };
    sent.push(entry);
    const next = answers.shift();
    if (!next) throw new Error(`unexpected ${entry.method} ${entry.url}`);
    const answer = next(entry);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }) as typeof window.fetch;
  return { source: new HttpDeliberationSource(new HttpClient({ baseUrl: '/api', deviceCredential: 'ckd_test.secret', fetch, cache: false })), sent };
}
const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const who = { token: 'tok-123', name: 'R' };

describe('HttpDeliberationSource', () => {
  it('retries a ballot with the same idempotency key after the answer was lost', async () => {
    const { source, sent } = scripted([() => new TypeError('Failed to fetch'), json({ motionId: 'm', choice: 'agree', receipt: 'AAAA-BBBB-CCCC', replacedReceipt: null, countedOnce: true }, 201)]);
    const error = await source.vote(who, 'm', 'agree', 'key-00000001').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).offline).to.equal(true);
    const answer = await source.vote(who, 'm', 'agree', 'key-00000001');
    expect(answer).to.deep.equal({ motionId: 'm', receipt: 'AAAA-BBBB-CCCC', replacedReceipt: null });
    expect(sent.map((s) => s.headers.get('Idempotency-Key'))).to.deep.equal(['key-00000001', 'key-00000001']);
    expect(sent[1]!.headers.get('Authorization')).to.equal('Bearer tok-123');
    expect(sent[1]!.headers.get('X-Device-Key')).to.equal('ckd_test.secret');
    expect(sent[1]!.body).to.deep.equal({ choice: 'agree' });
    expect(sent[1]!.url).to.equal('/api/deliberation/motions/m/ballots');
  });

  it('signs in for the deliberation service and signs out with the token', async () => {
    const { source, sent } = scripted([json({ token: 'tok-9', expiresAt: '', sessionId: 's', service: 'deliberation', resident: { id: 'r', name: 'Wang', householdId: 'h' } }), () => new Response(null, { status: 204 })]);
    expect(await source.signIn('XK0001', '123456')).to.deep.equal({ token: 'tok-9', name: 'Wang' });
    expect(sent[0]!.body).to.deep.equal({ cardNumber: 'XK0001', pin: '123456', service: 'deliberation' });
    await source.signOut({ token: 'tok-9', name: 'Wang' });
    expect(sent[1]!.url).to.equal('/api/signout');
    expect(sent[1]!.headers.get('Authorization')).to.equal('Bearer tok-9');
  });

  it('carries the server’s code and reasons on a refusal', async () => {
    const { source } = scripted([json({ code: 'NOT_ELIGIBLE', message: 'Not eligible.', reasons: { en: 'Not eligible.', 'zh-CN': '不符合资格。' } }, 403)]);
    const error = (await source.vote(who, 'm', 'agree', 'key-00000002').catch((e: unknown) => e)) as ApiError;
    expect(error.code).to.equal('NOT_ELIGIBLE');
    expect(error.reasons['zh-CN']).to.equal('不符合资格。');
  });

  it('reads the newest topic when none is named, and the whole board in parallel', async () => {
    const { source, sent } = scripted([
      json([{ id: 'topic-b' }, { id: 'topic-a' }]),
      json({ id: 'topic-b', title: { 'zh-CN': '题', en: 'T' }, figures: { cars: 3 }, eligibleHouseholds: 2 }),
      json([{ id: 'p', title: 'P', supports: 1, threshold: 5 }]),
      json([]),
      json([{ id: 'm', title: 'M', status: 'open', choices: ['agree'] }]),
      json([]),
    ]);
    const board = await source.board(undefined);
    expect(sent.map((s) => s.url)).to.deep.equal(['/api/deliberation/topics', '/api/deliberation/topics/topic-b', '/api/deliberation/topics/topic-b/proposals', '/api/deliberation/topics/topic-b/meetings', '/api/deliberation/topics/topic-b/motions', '/api/deliberation/topics/topic-b/progress']);
    expect(board.topic.id).to.equal('topic-b');
    expect(board.proposals[0]!.threshold).to.equal(5);
    expect(board.motions[0]!.eligibleHouseholds).to.equal(2);
    const none = scripted([json([])]);
    expect(((await none.source.board(undefined).catch((e: unknown) => e)) as ApiError).status).to.equal(404);
  });

  it('supports, withdraws, comments, reports and reads the household’s ballot with the resident’s token', async () => {
    const { source, sent } = scripted([
      json({ proposalIds: ['p1', 3] }),
      json({ proposalId: 'p1', supported: true, supports: 4 }),
      json({ proposalId: 'p1', supported: false, supports: 3 }),
      json({ id: 'c1', proposalId: 'p1', body: 'Hi', createdAt: 'x' }, 201),
      json({ commentId: 'c1', reported: true, hidden: true }),
      json({ motionId: 'm', ballot: { choice: 'abstain', receipt: 'R-1', updatedAt: 'x' } }),
      json({ motionId: 'm', ballot: null }),
      json({ code: 'NOT_FOUND' }, 404),
    ]);
    expect(await source.mySupports(who, 't')).to.deep.equal(['p1']);
    expect(await source.support(who, 'p1', true, 'key-00000003')).to.deep.equal({ supports: 4, supported: true });
    expect(await source.support(who, 'p1', false, 'key-00000004')).to.deep.equal({ supports: 3, supported: false });
    expect(sent[2]!.method).to.equal('DELETE');
    expect((await source.comment(who, 'p1', 'Hi', 'key-00000005')).id).to.equal('c1');
    expect(await source.report(who, 'c1', 'key-00000006')).to.deep.equal({ hidden: true });
    expect(sent[4]!.url).to.equal('/api/deliberation/comments/c1/reports');
    expect(await source.myBallot(who, 'm')).to.deep.equal({ choice: 'abstain', receipt: 'R-1' });
    expect(await source.myBallot(who, 'm')).to.equal(null);
    expect(await source.mySupports(who, 't')).to.deep.equal([]);
    expect(sent.every((s) => s.headers.get('Authorization') === 'Bearer tok-123')).to.equal(true);
  });

  it('checks a receipt in its normalized form and reads results and comments', async () => {
    const { source, sent } = scripted([
      json({ motionId: 'm', receipt: 'AB00-111X', counted: true }),
      json({ code: 'NOT_FOUND', reasons: { en: 'no' } }, 404),
      json({ code: 'SERVER_ERROR' }, 500),
      json({ id: 'm', title: 'M', status: 'closed', choices: ['agree', 'disagree', 'abstain'] }),
      json({ motionId: 'm', status: 'closed', ballots: 2, eligibleHouseholds: 4, turnout: 0.5, counts: { agree: 2, disagree: 0, abstain: 0 }, receipts: ['A'] }),
      json([{ id: 'c', body: 'b', createdAt: 'x' }, { nope: 1 }]),
    ]);
    expect(await source.checkReceipt('m', 'ab0o il1x')).to.deep.equal({ receipt: 'AB00-111X', counted: true });
    expect(sent[0]!.url).to.equal('/api/deliberation/motions/m/receipts/AB00-111X');
    expect(await source.checkReceipt('m', 'zzzz-zzzz')).to.deep.equal({ receipt: 'ZZZZ-ZZZZ', counted: false });
    expect(((await source.checkReceipt('m', 'x1x1x1').catch((e: unknown) => e)) as ApiError).status).to.equal(500);
    expect((await source.results('m')).counts).to.deep.equal({ agree: 2, disagree: 0, abstain: 0 });
    expect(await source.comments('p')).to.deep.equal([{ id: 'c', body: 'b', createdAt: 'x' }]);
  });
});
