import { expect, fixture, html } from '@open-wc/testing';
import { fire } from '../src/events.js';

declare global {
  interface HTMLElementEventMap {
    'ck-test-ping': CustomEvent<{ count: number }>;
  }
}

describe('fire', () => {
  it('dispatches a typed ck- event that bubbles out of shadow roots', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const host = document.createElement('span');
    outer.append(host);
    const inner = document.createElement('b');
    host.attachShadow({ mode: 'open' }).append(inner);
    const seen: number[] = [];
    outer.addEventListener('ck-test-ping', (event) => seen.push(event.detail.count));
    expect(fire(inner, 'ck-test-ping', { count: 3 })).to.equal(true);
    expect(seen).to.deep.equal([3]);
  });

  it('reports a listener that cancelled the event', async () => {
    const el = await fixture<HTMLDivElement>(html`<div></div>`);
    el.addEventListener('ck-test-ping', (event) => event.preventDefault());
    expect(fire(el, 'ck-test-ping', { count: 1 })).to.equal(false);
  });
});
