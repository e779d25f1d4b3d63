import { fixture, html } from '@open-wc/testing';
import { createSession, provideSession } from '@civic-kiosk/core';
import '../src/define.js';
import { createFakeFhir, type FakeFhirOptions } from '../src/fake-fhir.js';
import type { HealthRecordElement } from '../src/health-record.js';

export type Log = NonNullable<FakeFhirOptions['log']>;

/** The element inside a session provider whose client talks to an in-memory FHIR fake shaped like our server. */
export async function signedOutElement(options: Partial<FakeFhirOptions> & { resources: FakeFhirOptions['resources'] }, attrs = 'fhir-base="/fhir" card-prefix="XK" take-away="qr"') {
  const log: Log = options.log ?? [];
  const fetch = createFakeFhir({ residents: { XK0001: { pin: '123456', patientId: 'pat-demo' }, XK0009: { pin: '123456', patientId: 'pat-demo', locked: true } }, ...options, log });
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
  provideSession(wrapper, createSession({ api: '/api', fetch, locale: 'en' }));
  wrapper.innerHTML = `<ck-health-record ${attrs}></ck-health-record>`;
  const el = wrapper.querySelector('ck-health-record')!;
  await el.updateComplete;
  return { el, log, wrapper };
}

/** The visible words: the shadow DOM's text and the reasons its status banners show. */
export const text = (el: HealthRecordElement) =>
  [el.shadowRoot?.textContent ?? '', ...[...(el.shadowRoot?.querySelectorAll('ck-status-banner') ?? [])].map((b) => b.getAttribute('reason') ?? '')].join(' ').replace(/\s+/g, ' ');
export const keypad = (el: HealthRecordElement) => el.shadowRoot!.querySelector('ck-keypad') as HTMLElement & { value: string };

/** Types into the element's keypad and presses OK (the keypad's own event). */
export async function enter(el: HealthRecordElement, value: string): Promise<void> {
  const pad = keypad(el);
  pad.value = value;
  pad.dispatchEvent(new CustomEvent('ck-keypad-submit', { detail: { length: value.length }, bubbles: true, composed: true }));
  await el.updateComplete;
}

export async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function signIn(el: HealthRecordElement, card = '0001', pin = '123456'): Promise<void> {
  await enter(el, card);
  await enter(el, pin);
}

export const tab = (el: HealthRecordElement, name: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
