import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { html as litHtml, LitElement } from 'lit';
import { IDLE_EVENT, IdleController } from '../src/controllers/idle.js';
import { IdleResetController } from '../src/controllers/idle-reset.js';
import { PersonalDataController, type WipeReason } from '../src/personal-data.js';
import { personalTraces, storedPersonalTraces } from '../src/testing.js';
import { createSession, provideSession } from '../src/session.js';

interface Record_ {
  token: string;
  name: string;
}

class RecordProbe extends LitElement {
  wipes: WipeReason[] = [];
  personal = new PersonalDataController<Record_ | undefined>(this, { empty: undefined, onWipe: (reason) => this.wipes.push(reason) });
  get name(): string {
    return this.personal.value?.name ?? '';
  }
  override render() {
    return litHtml`<p>${this.personal.value ? `你好，${this.personal.value.name}` : '请登录'}</p>`;
  }
}
customElements.define('ck-record-probe', RecordProbe);

const SECRET = { token: 'tok_9f8e7d', name: '王秀英' };

async function signedIn(): Promise<RecordProbe> {
  const el = await fixture<RecordProbe>(html`<ck-record-probe></ck-record-probe>`);
  el.personal.value = { ...SECRET };
  await el.updateComplete;
  expect(personalTraces(el, SECRET.name)).to.include('shadow DOM');
  expect(personalTraces(el, SECRET.name)).to.include('property name');
  expect(el.personal.held).to.equal(true);
  return el;
}

async function gone(el: Element): Promise<void> {
  for (const value of Object.values(SECRET)) {
    expect(personalTraces(el, value), value).to.deep.equal([]);
    expect(await storedPersonalTraces(value), value).to.deep.equal([]);
  }
}

describe('PersonalDataController', () => {
  it('wipes on sign-out: nothing personal is left in the element, its shadow DOM, its properties or storage', async () => {
    const el = await signedIn();
    el.personal.wipe('sign-out');
    await el.updateComplete;
    await gone(el);
    expect(el.wipes).to.deep.equal(['sign-out']);
    expect(el.personal.held).to.equal(false);
  });

  it('wipes when the kiosk goes idle, even with a modal dialog open', async () => {
    const el = await signedIn();
    const dialog = document.createElement('dialog');
    dialog.textContent = '还在吗？';
    document.body.append(dialog);
    dialog.showModal();
    const host = document.createElement('div');
    document.body.append(host);
    class IdleHost extends LitElement {
      idle = new IdleController(this, { timeoutMs: 300, warningMs: 100 });
    }
    customElements.define('ck-idle-host', IdleHost);
    const idle = oneEvent(window, IDLE_EVENT);
    host.append(document.createElement('ck-idle-host'));
    await idle;
    await el.updateComplete;
    await gone(el);
    expect(el.wipes).to.deep.equal(['idle']);
    dialog.remove();
    host.remove();
  });

  it('wipes when the element leaves the page and when the page is hidden', async () => {
    const el = await signedIn();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await el.updateComplete;
    await gone(el);
    el.personal.value = { ...SECRET };
    el.remove();
    await el.updateComplete;
    await gone(el);
    expect(el.wipes).to.deep.equal(['page-hide', 'disconnect']);
  });

  it('finds a personal value left in IndexedDB or Cache Storage, and nothing once they are cleared', async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('ck-trace-test', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('records', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction('records', 'readwrite');
      tx.objectStore('records').put({ id: 1, name: '王秀英' });
      tx.oncomplete = resolve;
    });
    db.close();
    const cache = await caches.open('ck-trace-test');
    await cache.put('/api/me', new Response('{"token":"tok_9f8e7d"}'));
    try {
      expect(await storedPersonalTraces('王秀英')).to.deep.equal(['IndexedDB ck-trace-test/records']);
      expect(await storedPersonalTraces('tok_9f8e7d')).to.have.length(1);
    } finally {
      await caches.delete('ck-trace-test');
      await new Promise((resolve) => {
        indexedDB.deleteDatabase('ck-trace-test').onsuccess = resolve;
      });
    }
    expect(await storedPersonalTraces('王秀英')).to.deep.equal([]);
    expect(await storedPersonalTraces('tok_9f8e7d')).to.deep.equal([]);
  });

  it('finds a personal value wherever it is left', async () => {
    const el = await fixture<RecordProbe>(html`<ck-record-probe data-who="王秀英"></ck-record-probe>`);
    localStorage.setItem('ck-test', 'tok_9f8e7d');
    try {
      expect(personalTraces(el, '王秀英')).to.deep.equal(['attribute data-who']);
      expect(personalTraces(el, 'tok_9f8e7d')).to.deep.equal(['localStorage ck-test']);
    } finally {
      localStorage.removeItem('ck-test');
    }
  });
});

class ResetProbe extends LitElement {
  resets = 0;
  idle = new IdleResetController(this, () => this.resets++);
}
customElements.define('ck-reset-probe', ResetProbe);

describe('IdleResetController', () => {
  it('hears ck-idle on window, only while on the page', async () => {
    const el = await fixture<ResetProbe>(html`<ck-reset-probe></ck-reset-probe>`);
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    el.remove();
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    expect(el.resets).to.equal(1);
  });

  it('hears the idle signal of the session a provider gives', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const signal = new EventTarget();
    provideSession(wrapper, createSession({ idle: signal }));
    const el = document.createElement('ck-reset-probe') as ResetProbe;
    wrapper.append(el);
    signal.dispatchEvent(new CustomEvent(IDLE_EVENT));
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    expect(el.resets).to.equal(1);
  });
});
