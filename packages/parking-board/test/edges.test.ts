// What goes wrong and the less travelled paths: failures after sign-in, expired sessions, an upcoming motion,
// an offline copy, typing a comment on the keyboard, going back from the confirm screen.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiError, setLocale } from '@civic-kiosk/core';
import { demoBoard, demoResidents, OPEN_MOTION } from '../src/demo.js';
import { InMemoryDeliberationSource } from '../src/memory-source.js';
import type { Board } from '../src/types.js';
import { $, $$, board, click, settle, signIn, source, text } from './helpers.js';

describe('ck-parking-board: refusals and edges', () => {
  before(() => setLocale('en'));

  it('says why a support, a comment or a report failed after signing in', async () => {
    const src = source();
    const el = await board({ view: 'proposals', src });
    await click(el, '[data-id="prop-barrier"] [data-action="comments"]');
    await click(el, '[data-action="write"]');
    await signIn(el);
    src.setOffline(true);
    await click(el, '[data-action="phrase"]');
    await click(el, '[data-action="post"]');
    expect($(el, '.notice.error')!.textContent).to.include('cannot be reached');
    await click(el, '.comment [data-action="report"]');
    expect($(el, '.notice.error')).to.not.equal(null);
    await click(el, '[data-action="support"]');
    expect($(el, '.notice.error')).to.not.equal(null);
    await click(el, '[data-action="back"]');
    expect($$(el, '.card')).to.have.length(3);
  });

  it('shows why comments cannot be read, and takes a comment typed on the keyboard', async () => {
    const src = source();
    const el = await board({ view: 'proposals', src });
    src.setOffline(true);
    await click(el, '[data-id="prop-kerbside"] [data-action="comments"]');
    expect($(el, '.detail .error')!.textContent).to.include('cannot be reached');
    src.setOffline(false);
    await click(el, '[data-action="write"]');
    await signIn(el);
    await waitUntil(() => $(el, '.compose ck-keyboard')?.shadowRoot?.querySelector('[part~="key"]'), 'the on-screen keyboard is shown', { timeout: 10_000 });
    const keyboard = $(el, '.compose ck-keyboard')!;
    const keys = () => [...keyboard.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="key"]')];
    // Typed on the real <ck-keyboard>: letter keys, then Enter.
    for (const letter of 'lamp') {
      keys().find((k) => k.textContent.trim().toLowerCase() === letter)!.click();
      await settle(el);
    }
    expect($<HTMLButtonElement>(el, '[data-action="post"]')!.disabled).to.equal(false);
    const posted = oneEvent(el, 'ck-comment-post');
    keyboard.shadowRoot!.querySelector<HTMLButtonElement>('[part~="enter"]')!.click();
    await posted;
    await settle(el);
    expect($$(el, '.comment').map((c) => c.querySelector('p')!.textContent)).to.include('lamp');
  });

  it('refuses a vote whose session expired, and when the household ballot cannot be read', async () => {
    const src = source();
    const el = await board({ view: 'vote', src });
    await click(el, '[data-action="vote"]');
    await signIn(el);
    await click(el, '[data-choice="agree"]');
    await click(el, '[data-action="back"]');
    expect($$(el, '[data-choice]')).to.have.length(3);
    await click(el, '[data-choice="agree"]');
    await src.signOut({ token: 'mem-1', name: '' });
    await click(el, '[data-action="confirm"]');
    expect($(el, '[data-reason]')!.textContent).to.equal('Please sign in again.');
    await click(el, '[data-action="finish"]');
    const myBallot = src.myBallot.bind(src);
    src.myBallot = () => Promise.reject(new ApiError(0, 'NETWORK'));
    await click(el, '[data-action="vote"]');
    await signIn(el, '0002');
    expect($(el, '[data-reason]')!.textContent).to.include('cannot be reached');
    src.myBallot = myBallot;
    await click(el, '[data-action="finish"]');
    await click(el, '[data-action="vote"]');
    await signIn(el, '0002');
    expect($$(el, '[data-choice]')).to.have.length(3);
    await click(el, '[data-action="cancel"]');
    expect(el.signedIn).to.equal(false);
  });

  it('tells when an upcoming motion opens, and that a copy is shown offline', async () => {
    const raw = demoBoard();
    (raw.motions as { id: string; status: string }[]).find((m) => m.id === OPEN_MOTION)!.status = 'upcoming';
    class OfflineCopy extends InMemoryDeliberationSource {
      override async board(id: string | undefined): Promise<Board> {
        return { ...(await super.board(id)), offline: true };
      }
    }
    const el = await board({ view: 'vote', src: new OfflineCopy(raw, { residents: demoResidents() }), motion: OPEN_MOTION });
    expect(text(el)).to.include('Voting opens');
    expect($(el, 'ck-status-banner')!.getAttribute('reason')).to.include('No connection: showing the copy saved');
    expect($(el, '[data-action="vote"]')).to.equal(null);
    await click(el, '[data-motion="motion-idle-land-survey"]');
    expect($(el, '.tally')).to.not.equal(null);
    el.show('meetings');
    await settle(el);
    expect(el.currentView).to.equal('meetings');
  });

  it('adds the attempts left when a server sends a wrong PIN without its own words', async () => {
    const src = source();
    src.signIn = () => Promise.reject(new ApiError(401, 'WRONG_PIN', { code: 'WRONG_PIN', attemptsLeft: 2 }));
    const el = await board({ view: 'vote', src });
    await click(el, '[data-action="vote"]');
    await signIn(el);
    expect($(el, '[data-reason]')!.textContent).to.include('Attempts left: 2.');
  });

  it('words the board in Chinese, server reasons included', async () => {
    const el = await board({ view: 'vote', lang: 'zh-CN' });
    await click(el, '[data-action="vote"]');
    await signIn(el, '0321');
    await click(el, '[data-choice="agree"]');
    await click(el, '[data-action="confirm"]');
    expect($(el, '[data-reason]')!.textContent).to.equal('您的住户不属于本动议所在的小区，不能参加本次投票。');
    expect(text(el)).to.include('完成并退出');
  });
});
