// Contract with the real server: apps/server (built), started by web-test-runner.config.mjs on a fresh SQLite
// database with its demo seed, read and written through the board's own HTTP source.
import { expect, fixture, html } from '@open-wc/testing';
import { ApiError, createSession, HttpClient, provideSession, setLocale } from '@civic-kiosk/core';
import '../src/define.js';
import { HttpDeliberationSource } from '../src/source.js';

const API = '/contract-api';
// The server's documented demo credential of the village hall (accepted outside production).
const DEVICE_KEY = 'ckd_demo-xikou-hall.demo-secret';
const OPEN_MOTION = 'motion-barrier-gate';
const CLOSED_MOTION = 'motion-idle-land-survey';
const source = () => new HttpDeliberationSource(new HttpClient({ baseUrl: API, deviceCredential: DEVICE_KEY, cache: false }));

describe('contract: the deliberation API of the real server, through HttpDeliberationSource', function () {
  // The server is started (and its database seeded) by the first request.
  this.timeout(120_000);
  before(async () => {
    await setLocale('en');
    // Starts the server (creating and seeding its database) before the first timed request.
    const response = await fetch(`${API}/deliberation/topics`, { headers: { 'X-Device-Key': DEVICE_KEY } });
    expect(response.status, await response.clone().text()).to.equal(200);
  });

  it('reads the demo topic whole: 150 cars, 48 spaces, proposals, a meeting, an open and a closed motion, progress', async () => {
    const board = await source().board('topic-parking');
    expect(board.topic.figures.find((f) => f.key === 'cars')?.value).to.equal(150);
    expect(board.topic.figures.find((f) => f.key === 'spaces')?.value).to.equal(48);
    expect(board.topic.eligibleHouseholds).to.be.greaterThan(60);
    expect(board.topic.officialAnswer?.['zh-CN']).to.be.a('string').and.not.equal('');
    expect(board.proposals.length).to.be.at.least(3);
    expect(board.meetings[0]!.agenda.length).to.be.at.least(1);
    expect(board.meetings[0]!.agenda[0]!['zh-CN']).to.match(/\p{Script=Han}/u);
    expect(board.motions.find((m) => m.id === OPEN_MOTION)?.status).to.equal('open');
    expect(board.motions.find((m) => m.id === CLOSED_MOTION)?.status).to.equal('closed');
    expect(board.motions.find((m) => m.id === OPEN_MOTION)?.choices).to.deep.equal(['agree', 'disagree', 'abstain']);
    expect(board.progress.length).to.be.at.least(1);
    expect(await source().board(undefined)).to.have.nested.property('topic.id', 'topic-parking');
  });

  it('gives what CONTRACT B adds: thresholds, answers and follow URLs, attendance and decisions, plain words and rules, overdue progress', async () => {
    const board = await source().board('topic-parking');
    for (const p of board.proposals) {
      expect(p.threshold, p.id).to.be.greaterThan(0);
      expect(p.followUrl, p.id).to.match(/\/follow\/proposal\//);
    }
    expect(board.proposals.find((p) => p.id === 'prop-idle-land')?.officialAnswer).to.not.equal(null);
    expect(board.meetings[0]!.attendance?.departments.length).to.be.at.least(1);
    expect(board.meetings[0]!.decisions.length).to.be.at.least(1);
    const open = board.motions.find((m) => m.id === OPEN_MOTION)!;
    expect(open.body['zh-CN']).to.not.equal(open.title['zh-CN']);
    expect(open).to.include({ showCountsWhileOpen: false });
    expect(open.rule).to.deep.equal({ kind: 'majority' });
    expect(board.motions.find((m) => m.id === CLOSED_MOTION)?.rule.kind).to.equal('quorum');
    expect(board.progress.find((p) => p.id === 'prog-3')?.overdue).to.equal(true);
    expect(board.progress.every((p) => /\/follow\/progress\//.test(p.followUrl))).to.equal(true);
  });

  it('supports and withdraws for a resident, and lists their supports', async () => {
    const s = source();
    const who = await s.signIn('XK0024', '123456');
    const on = await s.support(who, 'prop-kerbside', true, `support-${Date.now()}`);
    expect(on.supported).to.equal(true);
    expect(await s.mySupports(who, 'topic-parking')).to.include('prop-kerbside');
    const off = await s.support(who, 'prop-kerbside', false, `withdraw-${Date.now()}`);
    expect(off).to.deep.equal({ supported: false, supports: on.supports - 1 });
    expect(await s.mySupports(who, 'topic-parking')).to.not.include('prop-kerbside');
    await s.signOut(who);
  });

  it('hides the counts of the open motion and gives the closed one in full', async () => {
    const open = await source().results(OPEN_MOTION);
    expect(open).to.include({ countsHidden: true, counts: null, status: 'open' });
    expect(open.ballots).to.equal(open.receipts.length);
    const closed = await source().results(CLOSED_MOTION);
    expect(closed.countsHidden).to.equal(false);
    const { agree, disagree, abstain } = closed.counts!;
    expect(agree + disagree + abstain).to.equal(closed.ballots);
  });

  it('verifies a resident, casts a ballot once even when retried with the same key, finds its receipt typed in small letters, signs out', async () => {
    const s = source();
    const who = await s.signIn('XK0011', '123456');
    expect(who.token).to.be.a('string').and.not.equal('');
    const before = (await s.results(OPEN_MOTION)).ballots;
    const key = `contract-${Date.now()}`;
    const first = await s.vote(who, OPEN_MOTION, 'agree', key);
    const again = await s.vote(who, OPEN_MOTION, 'agree', key);
    expect(again.receipt).to.equal(first.receipt);
    expect((await s.results(OPEN_MOTION)).ballots).to.equal(before + 1);
    expect(await s.myBallot(who, OPEN_MOTION)).to.have.property('receipt', first.receipt);
    expect(await s.checkReceipt(OPEN_MOTION, ` ${first.receipt.toLowerCase()} `)).to.deep.equal({ receipt: first.receipt, counted: true });
    expect((await s.checkReceipt(OPEN_MOTION, 'ZZZZ-ZZZZ-ZZZZ')).counted).to.equal(false);
    await s.signOut(who);
    const refused = (await s.myBallot(who, OPEN_MOTION).catch((e: unknown) => e)) as ApiError;
    expect(refused.status).to.equal(401);
  });

  it('refuses a wrong PIN with the server’s reason in both languages and the attempts left', async () => {
    const error = (await source().signIn('XK0012', '000000').catch((e: unknown) => e)) as ApiError;
    expect(error.code).to.equal('WRONG_PIN');
    expect(error.body.attemptsLeft).to.be.a('number');
    expect(error.reasons['zh-CN']).to.match(/\p{Script=Han}/u);
  });

  it('refuses a ballot on the closed motion with MOTION_CLOSED', async () => {
    const s = source();
    const who = await s.signIn('XK0013', '123456');
    const error = (await s.vote(who, CLOSED_MOTION, 'agree', `closed-${Date.now()}`).catch((e: unknown) => e)) as ApiError;
    expect(error.code).to.equal('MOTION_CLOSED');
    await s.signOut(who);
  });

  it('renders the board from the session a provider gives (the kiosk app does this)', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="en"></div>`);
    provideSession(host, createSession({ api: API, deviceCredential: DEVICE_KEY }));
    const el = document.createElement('ck-parking-board');
    host.append(el);
    await el.taskComplete;
    const facts = [...el.shadowRoot!.querySelectorAll('.fact dd')].map((d) => d.textContent);
    expect(facts.slice(0, 2)).to.deep.equal(['150', '48']);
    await expect(el).to.be.accessible();
  });
});
