import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { LitElement } from 'lit';
import { IDLE_ACTIVE_EVENT, IDLE_EVENT, IDLE_WARNING_EVENT, IdleController, type IdleOptions } from '../src/controllers/idle.js';

class IdleProbe extends LitElement {
  log: string[] = [];
  idle!: IdleController;
  configure(options: IdleOptions) {
    this.idle = new IdleController(this, {
      ...options,
      onWarning: (ms) => this.log.push(`warning:${ms > 0 ? 'pending' : 'zero'}`),
      onIdle: () => this.log.push('idle'),
      onActive: () => this.log.push('active'),
    });
  }
}
customElements.define('ck-idle-probe', IdleProbe);

async function probe(options: IdleOptions): Promise<IdleProbe> {
  const el = document.createElement('ck-idle-probe') as IdleProbe;
  el.configure(options);
  return fixture<IdleProbe>(html`<div>${el}</div>`).then(() => el);
}

const touch = () => window.dispatchEvent(new PointerEvent('pointerdown'));

describe('IdleController', () => {
  it('warns before going idle, then fires idle, on the controller and on window', async () => {
    const warned = oneEvent(window, IDLE_WARNING_EVENT);
    const el = await probe({ timeoutMs: 1200, warningMs: 800 });
    expect(el.idle.state).to.equal('active');
    const warning = await warned;
    expect(el.idle.state).to.equal('warning');
    expect((warning as CustomEvent<{ remainingMs: number }>).detail.remainingMs).to.be.within(1, 800);
    await oneEvent(window, IDLE_EVENT);
    expect(el.idle.state).to.equal('idle');
    expect(el.idle.remainingMs).to.equal(0);
    expect(el.log).to.deep.equal(['warning:pending', 'idle']);
    await expect(el).to.be.accessible();
  });

  it('starts over on a touch during the warning and says the visitor is back', async () => {
    const warned = oneEvent(window, IDLE_WARNING_EVENT);
    const el = await probe({ timeoutMs: 1200, warningMs: 1000 });
    await warned;
    setTimeout(touch);
    await oneEvent(window, IDLE_ACTIVE_EVENT);
    expect(el.idle.state).to.equal('active');
    expect(el.idle.remainingMs).to.be.above(1000);
    expect(el.log).to.deep.equal(['warning:pending', 'active']);
  });

  it('keeps the visitor active while they keep touching', async () => {
    const el = await probe({ timeoutMs: 1500, warningMs: 500 });
    for (let i = 0; i < 10; i++) {
      await aTimeout(50);
      touch();
    }
    expect(el.log).to.deep.equal([]);
  });

  it('can be ended at once, and waits for the next touch to count again', async () => {
    const el = await probe({ timeoutMs: 1000, warningMs: 100 });
    el.idle.expire();
    expect(el.log).to.deep.equal(['idle']);
    await aTimeout(80);
    expect(el.log).to.deep.equal(['idle']);
    touch();
    expect(el.idle.state).to.equal('active');
  });

  it('stops counting when its host leaves the page', async () => {
    const el = await probe({ timeoutMs: 30, warningMs: 10 });
    el.remove();
    await aTimeout(60);
    expect(el.log).to.deep.equal([]);
  });

  it('defaults to a 90 s timeout', async () => {
    const el = await probe({});
    expect(el.idle.remainingMs).to.be.within(89_000, 90_000);
    el.remove();
  });
});
