import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setLocale } from '@civic-kiosk/core';
import { personalTraces, warningsOf } from '@civic-kiosk/core/testing';
import { CLOSED_MOTION, demoBoard, OPEN_MOTION } from '../src/demo.js';
import type { ParkingBoard } from '../src/parking-board.js';
import type { Resident } from '../src/types.js';
import { $, $$, board, click, settle, signIn, source, text } from './helpers.js';

describe('ck-parking-board', () => {
  before(() => setLocale('en'));

  describe('the problem at a glance', () => {
    it('charts cars against spaces, gives every number in text, and the official answer', async () => {
      const el = await board();
      const chart = $<HTMLElement & { labels: string[]; series: { data: number[] }[] }>(el, 'ck-chart')!;
      expect(chart.labels).to.deep.equal(['Registered cars', 'Parking spaces']);
      expect(chart.series[0]!.data).to.deep.equal([150, 48]);
      expect($$(el, '.fact').map((f) => `${f.querySelector('dt')!.textContent} ${f.querySelector('dd')!.textContent}`)).to.deep.equal(['Registered cars 150', 'Parking spaces 48', 'Households 213', 'Nights a month the fire lane is blocked 22']);
      for (const expected of ['102 more cars than spaces: 32% of cars have a space', 'Official answer', 'The town government agrees']) expect(text(el)).to.include(expected);
      await expect(el).to.be.accessible();
    });

    it('shows the same board in Chinese', async () => {
      const el = await board({ lang: 'zh-CN' });
      expect(text(el)).to.include('登记车辆').and.include('老街小区停车难怎么办').and.include('车辆比车位多 102 辆');
    });

    it('survives malformed topic data: no figures, zero eligible households, a motion without choices', async () => {
      const raw = demoBoard();
      raw.topic = { id: 'topic-parking', title: { 'zh-CN': '停车' }, figures: 'lots', eligibleHouseholds: -3, officialAnswer: 7 };
      raw.proposals = [{ id: 'p1', title: null, supports: 'many' }, 'junk', null];
      raw.meetings = { not: 'a list' };
      raw.motions = [{ id: 'm1', title: { en: 'Bad motion' }, status: 'open', choices: [], eligibleHouseholds: 0 }];
      raw.progress = [{ id: 'x', dueOn: 'soon' }];
      raw.ballots = {};
      const el = await board({ src: source({}, raw) });
      expect(text(el)).to.include('No figures have been published').and.include('No official answer has been published yet');
      await click(el, '[data-view="proposals"]');
      expect($$(el, '.card')).to.have.length(1);
      await click(el, '[data-view="meetings"]');
      expect(text(el)).to.include('No meetings yet');
      await click(el, '[data-view="vote"]');
      expect(text(el)).to.include('This motion has no choices to vote on').and.include('No eligible households are listed');
      expect($(el, '[data-action="vote"]')).to.equal(null);
      await click(el, '[data-view="supervision"]');
      expect(text(el)).to.include('Planned').and.include('No ballots yet');
      await expect(el).to.be.accessible();
    });

    it('says it is offline with a retry when the service cannot be reached', async () => {
      const src = source({ offline: true });
      const el = await board({ src });
      const banner = $<HTMLElement & { state: string }>(el, 'ck-status-banner')!;
      expect(banner.state).to.equal('offline');
      src.setOffline(false);
      banner.dispatchEvent(new CustomEvent('ck-retry', { bubbles: true, composed: true }));
      await settle(el);
      expect($(el, 'ck-chart')).to.not.equal(null);
    });
  });

  describe('proposals', () => {
    it('shows supports against the threshold as a progress bar', async () => {
      const el = await board({ view: 'proposals' });
      const bars = $$<HTMLProgressElement>(el, 'progress.bar');
      expect(bars.map((b) => [b.value, b.max])).to.deep.equal([[60, 60], [37, 60], [44, 60]]);
      expect(bars[1]!.getAttribute('aria-label')).to.equal('37 of 60 supports needed');
      expect(text(el)).to.include('Threshold reached');
      await expect(el).to.be.accessible();
    });

    it('asks for card and PIN, then supports and withdraws, saying "You supported this"', async () => {
      const el = await board({ view: 'proposals' });
      await click(el, '[data-id="prop-kerbside"] [data-action="support"]');
      expect($(el, '[data-step="card"]')).to.not.equal(null);
      await expect(el).to.be.accessible();
      const fired = oneEvent(el, 'ck-proposal-support');
      await signIn(el);
      const event = await fired;
      expect(event.detail).to.deep.equal({ proposalId: 'prop-kerbside', supported: true });
      expect($(el, '[data-id="prop-kerbside"] .mine')!.textContent).to.include('You supported this');
      expect($<HTMLProgressElement>(el, '[data-id="prop-kerbside"] progress')!.value).to.equal(38);
      const withdrawn = oneEvent(el, 'ck-proposal-support');
      await click(el, '[data-id="prop-kerbside"] [data-action="support"]');
      expect((await withdrawn).detail).to.deep.equal({ proposalId: 'prop-kerbside', supported: false });
      expect($(el, '[data-id="prop-kerbside"] .mine')).to.equal(null);
    });

    it('posts a comment from quick phrases and reports another', async () => {
      const el = await board({ view: 'proposals' });
      await click(el, '[data-id="prop-barrier"] [data-action="comments"]');
      expect($$(el, '.comment')).to.have.length(3);
      await click(el, '[data-action="write"]');
      await signIn(el, '0002');
      await click(el, '[data-action="phrase"]');
      const posted = oneEvent(el, 'ck-comment-post');
      await click(el, '[data-action="post"]');
      expect((await posted).detail).to.deep.equal({ proposalId: 'prop-barrier' });
      expect($$(el, '.comment')).to.have.length(4);
      expect(text(el)).to.include('I support this.').and.include('Your comment is posted');
      await click(el, '.comment [data-action="report"]');
      expect(text(el)).to.include('Reported. Thank you.');
      await expect(el).to.be.accessible();
    });
  });

  describe('meetings', () => {
    it('lists agenda, attendance, minutes and decisions', async () => {
      const el = await board({ view: 'meetings' });
      const t = text(el);
      for (const expected of ['The three proposals, questions and answers', '46 residents', 'Longyou traffic police, Xikou squad', '46 resident representatives attended', 'Put the barrier gate to a vote of all households']) {
        expect(t).to.include(expected);
      }
      await expect(el).to.be.accessible();
    });
  });

  describe('sunshine vote', () => {
    it('hides the counts of an open vote and shows only turnout', async () => {
      const el = await board({ view: 'vote' });
      expect($(el, '.motion')!.dataset.status).to.equal('open');
      expect($(el, '.results[data-hidden]')).to.not.equal(null);
      expect($(el, '.tally')).to.equal(null);
      expect(text(el)).to.include('20 of 213 eligible households voted (9.4%)').and.include('counts stay hidden');
      await expect(el).to.be.accessible();
    });

    it('verifies, reads the motion, confirms on a second screen and shows the receipt large and as a QR code', async () => {
      const src = source();
      const el = await board({ view: 'vote', src });
      expect(text(el)).to.include('The motion in plain words').and.include('visitors park for 2 hours at most');
      await click(el, '[data-action="vote"]');
      await signIn(el);
      expect($$(el, '[data-choice]').map((b) => b.dataset.choice)).to.deep.equal(['agree', 'disagree', 'abstain']);
      await click(el, '[data-choice="disagree"]');
      expect(text(el)).to.include('You are voting: Disagree');
      await expect(el).to.be.accessible();
      const cast = oneEvent(el, 'ck-vote-cast');
      await click(el, '[data-action="confirm"]');
      expect((await cast).detail).to.deep.equal({ motionId: OPEN_MOTION, changed: false });
      const code = $(el, '[part="receipt-code"]')!.textContent.trim();
      expect(code).to.match(/^M\d{3}-7KQ2-M9XD$/);
      expect($<HTMLElement & { value: string }>(el, '.receipt ck-qr-code')!.value).to.equal(code);
      expect(text(el)).to.include('21 of 213 eligible households voted');
      expect(text(el)).to.not.include('Disagree'.concat(' 1'));
      await expect(el).to.be.accessible();
    });

    it('says when a household already voted, and that a change replaces the earlier vote', async () => {
      const src = source();
      const el = await board({ view: 'vote', src });
      await click(el, '[data-action="vote"]');
      await signIn(el);
      await click(el, '[data-choice="agree"]');
      await click(el, '[data-action="confirm"]');
      const first = $(el, '[part="receipt-code"]')!.textContent.trim();
      await click(el, '[data-action="finish"]');
      expect(el.signedIn).to.equal(false);
      await click(el, '[data-action="vote"]');
      await signIn(el);
      expect($(el, '[data-previous]')!.textContent).to.include(first);
      await click(el, '[data-choice="abstain"]');
      expect(text(el)).to.include('This replaces your household’s earlier vote');
      const cast = oneEvent(el, 'ck-vote-cast');
      await click(el, '[data-action="confirm"]');
      expect((await cast).detail).to.deep.equal({ motionId: OPEN_MOTION, changed: true });
      expect($(el, '[data-replaced]')!.textContent).to.include(first);
      expect(Object.keys(src.raw.ballots[OPEN_MOTION]!)).to.have.length(21);
    });

    it('shows the result of a closed motion: counts, percentages, turnout against eligible, passed under the rule, chart and text', async () => {
      const el = await board({ view: 'vote', motion: CLOSED_MOTION });
      expect($(el, '[data-action="vote"]')).to.equal(null);
      const chart = $<HTMLElement & { series: { data: number[] }[] }>(el, '.results ck-chart')!;
      const [agree, disagree, abstain] = chart.series[0]!.data as [number, number, number];
      expect(agree + disagree + abstain).to.equal(61);
      expect($(el, '[data-choice="agree"]')!.textContent).to.include(`${agree} households (${Math.round((agree / 61) * 1000) / 10}%)`);
      expect(text(el)).to.include('61 of 213 eligible households voted (28.6%)').and.include('at least 25% of eligible households vote');
      expect($(el, '[part="verdict"]')!.textContent).to.include(agree > disagree ? 'Passed' : 'Not passed');
      await expect(el).to.be.accessible();
    });

    it('shows the server’s reason and attempts left for a wrong PIN, and until when a card is locked', async () => {
      const el = await board({ view: 'vote' });
      await click(el, '[data-action="vote"]');
      await signIn(el, '0001', '000000');
      expect($(el, '[data-reason]')!.textContent).to.equal('The card number or PIN is wrong. 4 attempt(s) left before the account is locked for 15 minutes.');
      expect($(el, '[data-step="pin"]')).to.not.equal(null);
      await click(el, '[data-action="cancel-signin"]');
      await click(el, '[data-action="vote"]');
      await signIn(el, '0003', '123456');
      expect($(el, '[data-reason]')!.textContent).to.include('locked for 15 minutes').and.include('Locked until 10:45');
      expect($(el, '[data-step="card"]')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });

    it('gives the exact reason for a household that is not eligible, and for a motion closed meanwhile', async () => {
      const src = source();
      const el = await board({ view: 'vote', src });
      await click(el, '[data-action="vote"]');
      await signIn(el, '0321');
      await click(el, '[data-choice="agree"]');
      await click(el, '[data-action="confirm"]');
      expect($(el, '[data-reason]')!.textContent).to.equal('Your household is not in the community this motion is for, so it cannot vote on it.');
      await click(el, '[data-action="finish"]');
      await click(el, '[data-action="vote"]');
      await signIn(el, '0002');
      await click(el, '[data-choice="agree"]');
      (src.raw.motions as { id: string; status: string }[]).find((m) => m.id === OPEN_MOTION)!.status = 'closed';
      await click(el, '[data-action="confirm"]');
      expect($(el, '[data-reason]')!.textContent).to.include('Voting on this motion closed');
    });

    it('on network loss mid-vote retries with the same idempotency key and says the vote is counted once', async () => {
      const src = source({ loseBallotAnswers: 1 });
      const keys: string[] = [];
      const vote = src.vote.bind(src);
      src.vote = (who: Resident, motionId, choice, key) => (keys.push(key), vote(who, motionId, choice, key));
      const el = await board({ view: 'vote', src });
      await click(el, '[data-action="vote"]');
      await signIn(el);
      await click(el, '[data-choice="agree"]');
      await click(el, '[data-action="confirm"]');
      expect($(el, '[part="uncertain"]')).to.not.equal(null);
      expect(text(el)).to.include('can never be counted twice');
      await expect(el).to.be.accessible();
      await click(el, '[data-action="retry"]');
      expect(keys).to.have.length(2);
      expect(keys[0]).to.equal(keys[1]);
      expect($(el, '[data-once]')!.textContent).to.include('counted once');
      expect(Object.keys(src.raw.ballots[OPEN_MOTION]!)).to.have.length(21);
    });
  });

  describe('supervision', () => {
    it('finds a receipt typed in small letters with O for 0 and I for 1, and says when one is not counted', async () => {
      const el = await board({ view: 'supervision', motion: CLOSED_MOTION });
      expect($$(el, '.receipt-list li')).to.have.length(61);
      const receipt = $$(el, '.receipt-list li')[0]!.textContent.trim();
      const typed = ` ${receipt.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'i')} `;
      await waitUntil(() => $(el, 'ck-keyboard')?.shadowRoot, 'the on-screen keyboard is shown', { timeout: 10_000 });
      const keyboard = $(el, 'ck-keyboard')!;
      // What <ck-keyboard> sends as the visitor types (its own tests cover the keys).
      keyboard.dispatchEvent(new CustomEvent('ck-keyboard-input', { detail: { value: typed } }));
      await settle(el);
      expect($<HTMLButtonElement>(el, '[data-action="check"]')!.disabled).to.equal(false);
      const checked = oneEvent(el, 'ck-receipt-check');
      await click(el, '[data-action="check"]');
      expect((await checked).detail).to.deep.equal({ motionId: CLOSED_MOTION, counted: true });
      expect($(el, '[data-found]')!.textContent).to.include(receipt);
      expect($(el, '.receipt-list .hit')!.textContent.trim()).to.equal(receipt);
      await expect(el).to.be.accessible();
      const missing = oneEvent(el, 'ck-receipt-check');
      keyboard.dispatchEvent(new CustomEvent('ck-keyboard-enter', { detail: { value: 'ZZZZ-9999-0000' } }));
      expect((await missing).detail).to.deep.equal({ motionId: CLOSED_MOTION, counted: false });
      await settle(el);
      expect($(el, '[data-not-found]')!.textContent).to.include('ZZZZ-9999-0000 is not in the tally');
    });

    it('lists official answers, progress with owner, deadline, status and an overdue mark, and a QR code per item', async () => {
      const el = await board({ view: 'supervision' });
      expect($$(el, '[part="overdue"]')).to.have.length(1);
      expect($(el, '.overdue')!.textContent).to.include('龙游交警溪口中队 程晓东').and.include('In progress');
      const codes = $$<HTMLElement & { value: string }>(el, '.follow ck-qr-code').map((q) => q.value);
      expect(codes).to.include('https://kiosk.example.cn/follow/proposal/prop-idle-land').and.include('https://kiosk.example.cn/follow/progress/prog-3');
      expect(codes).to.have.length(7);
      await expect(el).to.be.accessible();
    });
  });

  describe('privacy', () => {
    async function votingResident() {
      const src = source();
      const signedOut: string[] = [];
      const signOut = src.signOut.bind(src);
      src.signOut = (who) => (signedOut.push(who.token), signOut(who));
      const el = await board({ view: 'vote', src });
      await click(el, '[data-action="vote"]');
      await signIn(el);
      await click(el, '[data-choice="disagree"]');
      return { el, src, signedOut };
    }

    it('wipes the resident, their token and the choice in progress on idle, and signs out on the server', async () => {
      const { el, signedOut } = await votingResident();
      expect(personalTraces(el, '王建华')).to.not.deep.equal([]);
      expect(text(el)).to.include('You are voting: Disagree');
      window.dispatchEvent(new CustomEvent('ck-idle'));
      await settle(el);
      expect(signedOut).to.have.length(1);
      for (const secret of ['王建华', signedOut[0]!, 'You are voting', 'XK0001']) expect(personalTraces(el, secret), secret).to.deep.equal([]);
      expect(el.signedIn).to.equal(false);
      expect(el.currentView).to.equal('vote');
    });

    it('wipes on sign-out and when the board leaves the page', async () => {
      const { el, signedOut } = await votingResident();
      await click(el, '[data-action="signout"]');
      expect(signedOut).to.have.length(1);
      expect(personalTraces(el, '王建华')).to.deep.equal([]);
      const again = await votingResident();
      again.el.remove();
      await new Promise((r) => setTimeout(r));
      expect(again.signedOut).to.have.length(1);
      expect(personalTraces(again.el, '王建华')).to.deep.equal([]);
    });

    it('puts no personal data in event details', async () => {
      const src = source();
      const el = await board({ view: 'vote', src });
      const details: unknown[] = [];
      for (const name of ['ck-vote-cast', 'ck-proposal-support', 'ck-comment-post', 'ck-receipt-check'] as const) el.addEventListener(name, (e) => details.push(e.detail));
      await click(el, '[data-action="vote"]');
      await signIn(el);
      await click(el, '[data-choice="agree"]');
      await click(el, '[data-action="confirm"]');
      const receipt = $(el, '[part="receipt-code"]')!.textContent.trim();
      const all = JSON.stringify(details);
      for (const secret of ['王建华', 'XK0001', 'agree', receipt, 'mem-']) expect(all).to.not.include(secret);
    });
  });

  describe('attributes', () => {
    it('warns once and falls back on bad attribute values', async () => {
      let el: ParkingBoard | undefined;
      const warnings = await warningsOf(async () => {
        el = await fixture<ParkingBoard>(html`<ck-parking-board .source=${source()} view="map" topic-id="../../etc" card-prefix="12345" time-zone="Mars/Base" api="javascript:alert(1)"></ck-parking-board>`);
        await el.taskComplete;
      });
      expect(el!.view).to.equal('problem');
      expect(el!.topicId).to.equal('');
      expect(el!.cardPrefix).to.equal('');
      expect(el!.timeZone).to.equal('Asia/Shanghai');
      expect(el!.api).to.equal('/api');
      expect(warnings.filter((w) => w.includes('<ck-parking-board>'))).to.have.length(5);
    });

    // Issue 13 "Bad input": each bad value alone, as an embedder would make it: one warning that names the
    // element, the attribute and the value; the default is used and the board still shows the problem.
    const attributes: [string, string, keyof ParkingBoard, unknown][] = [
      ['view', 'dashboard', 'view', 'problem'],
      ['topic-id', '<script>', 'topicId', ''],
      ['motion-id', 'motion 7; drop', 'motionId', ''],
      ['card-prefix', '-1', 'cardPrefix', ''],
      ['time-zone', 'Moon/Base', 'timeZone', 'Asia/Shanghai'],
      ['api', 'not a url', 'api', '/api'],
    ];
    for (const [attribute, value, property, fallback] of attributes) {
      it(`${attribute}="${value}": one warning naming it, then the default`, async () => {
        let el: ParkingBoard | undefined;
        const warnings = await warningsOf(async () => {
          el = await fixture<ParkingBoard>(html`<ck-parking-board .source=${source()}></ck-parking-board>`);
          el.setAttribute(attribute, value);
          await el.taskComplete;
          await el.updateComplete;
        });
        const ours = warnings.filter((w) => w.includes('<ck-parking-board>'));
        expect(ours, warnings.join('\n')).to.have.length(1);
        expect(ours[0]).to.contain(`${attribute}="${value}"`);
        expect(el![property]).to.deep.equal(fallback);
        expect(text(el!).length).to.be.greaterThan(0);
        await expect(el!).to.be.accessible();
      });
    }

    it('an api that answers HTML: one warning naming api and its value, and an error the visitor can read', async () => {
      const original = window.fetch;
      window.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
        String(input instanceof Request ? input.url : input).includes('/portal/')
          ? Promise.resolve(new Response('<!doctype html><title>City portal</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }))
          : original(input, init));
      try {
        const warnings = await warningsOf(async () => {
          for (let i = 0; i < 2; i++) {
            const el = await fixture<ParkingBoard>(html`<ck-parking-board api="/portal/api"></ck-parking-board>`);
            await el.taskComplete.catch(() => undefined);
            await el.updateComplete;
            expect(el.shadowRoot!.querySelector('ck-status-banner')?.getAttribute('state')).to.equal('error');
          }
        });
        const ours = warnings.filter((w) => w.includes('ck-parking-board'));
        expect(ours, warnings.join('\n')).to.have.length(1);
        expect(ours[0]).to.contain('api="/portal/api"').and.contain('not the deliberation API').and.not.contain('City portal');
      } finally {
        window.fetch = original;
      }
    });

    it('checks values set from code too', async () => {
      const el = await board();
      const warnings = await warningsOf(async () => {
        (el as unknown as { view: string }).view = 'nowhere';
        (el as unknown as { motionId: unknown }).motionId = 42;
        await el.updateComplete;
      });
      expect(el.view).to.equal('problem');
      expect(el.motionId).to.equal('');
      expect(warnings).to.have.length(2);
    });
  });
});
