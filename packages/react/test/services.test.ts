// Each service's generated wrapper, rendered by react-dom 19 in Chromium: props set from React reach the
// element (and follow a re-render), and an event fired by a visitor's action reaches the React callback.
import { expect } from '@open-wc/testing';
import React from 'react';
import { CkStationFinder } from '../src/generated/station-finder.js';
import { CkParkingBoard } from '../src/generated/parking-board.js';
import { CkHealthRecord } from '../src/generated/health-record.js';
import { CkLibraryCheckout } from '../src/generated/library-checkout.js';
import { InMemoryStationSource, type StationFinder, type StationSelectDetail } from '@civic-kiosk/station-finder';
import type { ParkingBoard, ReceiptCheckDetail } from '@civic-kiosk/parking-board';
import { CLOSED_MOTION, demoBoard, demoResidents } from '@civic-kiosk/parking-board/demo.js';
import { InMemoryDeliberationSource } from '@civic-kiosk/parking-board/memory-source.js';
import type { HealthRecordElement } from '@civic-kiosk/health-record';
import { createFakeFhir } from '@civic-kiosk/health-record/fake-fhir.js';
import { demoRecord } from '@civic-kiosk/health-record/demo-data.js';
import { DemoLibrary, type CheckinDetail, type LibraryCheckout } from '@civic-kiosk/library-checkout';
import { cleanup, mount, shadowText, until } from './mount.js';

const h = React.createElement;

const kiosk = { lat: 26.66, lon: 119.54 };
const station = (id: string, lon: number, name: string) => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, 26.66] },
  properties: { amenity: 'toilets', name, 'name:en': name, 'toilets:wheelchair': 'yes', opening_hours: '24/7' },
});
const stations = { type: 'FeatureCollection', features: [station('a', 119.541, 'Dongqiao Park'), station('b', 119.542, 'Beimen'), station('c', 119.543, 'Nanmen')] };

afterEach(cleanup);

describe('CkStationFinder', () => {
  it('takes its props from React and calls onCkStationSelect when the visitor picks a station', async () => {
    const ref = React.createRef<StationFinder>();
    const source = new InMemoryStationSource(stations);
    const chosen: StationSelectDetail[] = [];
    const props = { ref, source, origin: kiosk, radiusKm: 2, limit: 2, onCkStationSelect: (e: CustomEvent<StationSelectDetail>) => chosen.push(e.detail) };
    const app = mount(h(CkStationFinder, props));
    const el = ref.current!;
    expect(el.localName).to.equal('ck-station-finder');
    expect(el.source).to.equal(source);
    expect(el.origin).to.deep.equal(kiosk);
    expect(el.radiusKm).to.equal(2);
    await el.taskComplete;
    await until(() => el.shadowRoot!.querySelectorAll('.row').length === 2, 'two rows (limit 2)');
    app.render(h(CkStationFinder, { ...props, limit: 3 }));
    expect(el.limit).to.equal(3);
    await until(() => el.shadowRoot!.querySelectorAll('.row').length === 3, 'three rows after the re-render');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.row')!.click();
    expect(chosen.map((d) => d.station.name)).to.deep.equal(['Dongqiao Park']);
    await expect(el).to.be.accessible();
  });
});

describe('CkParkingBoard', () => {
  it('takes its props from React and calls onCkReceiptCheck when the visitor checks a receipt', async function () {
    this.timeout(20_000);
    const ref = React.createRef<ParkingBoard>();
    const checked: ReceiptCheckDetail[] = [];
    const source = new InMemoryDeliberationSource(demoBoard(), { residents: demoResidents() });
    mount(h(CkParkingBoard, { ref, source, view: 'supervision', motionId: CLOSED_MOTION, cardPrefix: 'XK', onCkReceiptCheck: (e) => checked.push(e.detail) }));
    const el = ref.current!;
    expect([el.view, el.motionId, el.cardPrefix]).to.deep.equal(['supervision', CLOSED_MOTION, 'XK']);
    expect(el.source).to.equal(source);
    await el.taskComplete;
    await until(() => el.shadowRoot!.querySelector('ck-keyboard')?.shadowRoot, 'the on-screen keyboard', 15_000);
    // What <ck-keyboard> sends when the visitor presses Enter (its own tests cover the keys).
    const keyboard = el.shadowRoot!.querySelector('ck-keyboard')!;
    keyboard.dispatchEvent(new CustomEvent('ck-keyboard-enter', { detail: { value: 'ZZZZ-9999-0000' } }));
    await until(() => checked.length > 0, 'ck-receipt-check');
    expect(checked).to.deep.equal([{ motionId: CLOSED_MOTION, counted: false }]);
  });
});

describe('CkHealthRecord', () => {
  it("takes a FHIR server, token and transport from React, and calls onCkHealthSignin / onCkHealthSignout", async function () {
    this.timeout(20_000);
    const ref = React.createRef<HealthRecordElement>();
    const events: string[] = [];
    const transport = createFakeFhir({ resources: demoRecord({ weeks: 4, pid: 'abc', name: 'Ann Smith' }), base: '/r4' });
    mount(
      h(CkHealthRecord, {
        ref,
        fhirBase: `${location.origin}/r4`,
        patientId: 'abc',
        accessToken: () => Promise.resolve('embedder-token'),
        transport,
        pageSize: 20,
        onCkHealthSignin: (e) => events.push(`${e.type} ${JSON.stringify(e.detail)}`),
        onCkHealthSignout: (e) => events.push(`${e.type} ${JSON.stringify(e.detail)}`),
      }),
    );
    const el = ref.current!;
    expect([el.fhirBase, el.patientId, el.pageSize, el.transport === transport]).to.deep.equal([`${location.origin}/r4`, 'abc', 20, true]);
    expect(el.accessToken, 'a token is never read back').to.equal(undefined);
    await until(() => shadowText(el).includes('Ann Smith'), 'the record');
    expect(events).to.deep.equal(['ck-health-signin {}']);
    const signOut = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Sign out');
    expect(signOut, shadowText(el)).to.not.equal(undefined);
    signOut!.click();
    expect(events).to.deep.equal(['ck-health-signin {}', 'ck-health-signout {}']);
  });
});

describe('CkLibraryCheckout', () => {
  it('takes its props from React and calls onCkCheckin when the visitor returns a book', async () => {
    const ref = React.createRef<LibraryCheckout>();
    const returned: CheckinDetail[] = [];
    const source = new DemoLibrary();
    mount(h(CkLibraryCheckout, { ref, source, receipt: 'none', cardPrefix: 'LIB', onCkCheckin: (e) => returned.push(e.detail) }));
    const el = ref.current!;
    expect([el.source === source, el.receipt, el.cardPrefix]).to.deep.equal([true, 'none', 'LIB']);
    await el.taskComplete;
    const start = el.shadowRoot!.querySelector('[data-action="return"]')!;
    (start.shadowRoot?.querySelector('button') ?? (start as HTMLElement)).click();
    await el.updateComplete;
    // A USB scanner: the keys a few ms apart, then Enter, where focus is.
    const target = document.activeElement ?? document.body;
    const t0 = performance.now();
    [...'CK000201', 'Enter'].forEach((key, i) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
      Object.defineProperty(event, 'timeStamp', { value: t0 + i * 4 });
      target.dispatchEvent(event);
    });
    await until(() => returned.length > 0, 'ck-checkin');
    expect(returned[0]!.outcome).to.equal('returned');
    await expect(el).to.be.accessible();
  });
});
