import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createSession, provideSession } from '@civic-kiosk/core';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import './define.js';
import { demoRecord, single } from './demo-data.js';
import { createFakeFhir } from './fake-fhir.js';
import type { HealthRecordElement, View } from './health-record.js';

/** The visual runner's fixed clock: Tuesday 6 May 2025, 10:30 in China. */
const NOW = new Date('2025-05-06T10:30:00+08:00');
const RESIDENTS = { XK0001: { pin: '123456', patientId: 'pat-demo' }, XK0009: { pin: '123456', patientId: 'pat-demo', locked: true } };
const year = demoRecord({ now: NOW, weeks: 56 });

interface Args {
  resources: Record<string, unknown>[];
  view: View;
  theme: string;
  lang: string;
  /** Our server's sign-in: type this card and PIN (nothing: the sign-in screen). */
  signIn?: [string, string];
  /** Someone else's server with a token: the record at once. */
  external: boolean;
  expired?: boolean;
}

/** Types into the element's keypad and presses OK, as a visitor would. */
async function type(el: HealthRecordElement, value: string): Promise<void> {
  await el.updateComplete;
  const pad = el.shadowRoot!.querySelector('ck-keypad') as HTMLElement & { value: string };
  pad.value = value;
  pad.dispatchEvent(new CustomEvent('ck-keypad-submit', { detail: { length: value.length }, bubbles: true, composed: true }));
  await el.updateComplete;
}

const meta: Meta<Args> = {
  title: 'Services/Health record',
  component: 'ck-health-record',
  tags: ['autodocs'],
  parameters: { layout: 'fullscreen' },
  args: { resources: year, view: 'summary', theme: '', lang: '', external: true },
  argTypes: { resources: { control: false } },
  render: (args, context) => {
    const fetch = createFakeFhir({ resources: args.resources, residents: RESIDENTS, ...(args.expired ? { accepts: () => false } : {}) });
    const wire = (node?: Element) => {
      if (!node || (node as HTMLElement).dataset.wired) return;
      const wrapper = node as HTMLElement;
      wrapper.dataset.wired = '1';
      provideSession(wrapper, createSession({ api: '/api', fetch }));
      const el = document.createElement('ck-health-record');
      el.setAttribute('fhir-base', `${location.origin}/fhir`);
      el.setAttribute('card-prefix', 'XK');
      el.setAttribute('take-away', 'qr');
      el.setAttribute('idle-countdown', 'false');
      el.view = args.view;
      el.now = NOW;
      // The story's own theme plus the toolbar's: elder on the element must not drop the toolbar's high contrast.
      const toolbar = typeof context.globals.theme === 'string' ? context.globals.theme : '';
      const theme = [...new Set(`${args.theme} ${toolbar}`.split(/\s+/).filter(Boolean))].join(' ');
      if (args.theme && theme) el.setAttribute('theme', theme);
      if (args.external) {
        el.transport = fetch;
        el.setAttribute('patient-id', 'pat-demo');
        el.accessToken = 'demo-token';
      }
      wrapper.append(el);
      if (args.signIn) void type(el, args.signIn[0]).then(() => type(el, args.signIn![1]));
    };
    // No lang unless the story sets one: the toolbar's language applies.
    return args.lang ? html`<div lang=${args.lang} ${ref(wire)}></div>` : html`<div ${ref(wire)}></div>`;
  },
};
export default meta;
type Story = StoryObj<Args>;

export const Summary: Story = {};
export const Trends: Story = { args: { view: 'trends' } };
export const VaccinesAndVisits: Story = { args: { view: 'history' } };
export const EmptyRecord: Story = { args: { resources: [{ resourceType: 'Patient', id: 'pat-demo', name: [{ text: '李建国' }], gender: 'male', birthDate: '1958-07-01' }] } };
export const PartialRecordNoReadings: Story = { args: { resources: demoRecord({ now: NOW, noObservations: true }) } };
export const LongRecordFiveYears: Story = { args: { resources: demoRecord({ now: NOW, weeks: 260 }), view: 'trends' } };
export const EnteredInError: Story = {
  args: {
    resources: [
      ...demoRecord({ now: NOW, weeks: 8 }),
      { ...single('eie', 'pat-demo', '2025-05-05T08:00:00+08:00', '14771-0', 'Fasting glucose', 71, 'mmol/L'), status: 'entered-in-error' },
      { resourceType: 'Observation', id: 'txt', status: 'final', code: { coding: [{ code: '29463-7' }] }, subject: { reference: 'Patient/pat-demo' }, effectiveDateTime: '2025-05-01', valueString: '未测' },
    ],
  },
};
export const SignedOut: Story = { args: { external: false } };
export const WrongPin: Story = { args: { external: false, signIn: ['0001', '000000'] } };
export const Locked: Story = { args: { external: false, signIn: ['0009', '123456'] } };
export const ExpiredToken: Story = { args: { external: false, expired: true, signIn: ['0001', '123456'] } };
export const ElderMode: Story = { args: { theme: 'elder' } };
export const English: Story = { args: { lang: 'en' } };
export const HighContrast: Story = { args: { theme: 'high-contrast', view: 'trends' } };
