// The services the kiosk can open, one entry per built service package. A site
// lists the services it offers; only those that are built here get a tile.
// The next service (parking board, health record, library) adds one entry.
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { IconName } from './icons.js';
import type { ServiceId, SiteConfig } from './site-config.js';

export interface ServiceContext {
  site: SiteConfig;
  /**
   * The server's time when this kiosk's clock is off by minutes (server-clock.ts); undefined when the
   * kiosk's own clock is right, so the services keep their live clock.
   */
  now: Date | undefined;
}

export interface ServiceDescriptor {
  id: ServiceId;
  icon: IconName;
  title(): string;
  description(): string;
  /** Loads the service's element on demand, so the home screen stays small. */
  load(): Promise<unknown>;
  /** The service in its initial state, full-screen below the kiosk's top bar. */
  render(context: ServiceContext): TemplateResult;
  /**
   * Ends a signed-in visitor's visit ON THE SERVER (POST /api/signout with their token) and wipes it,
   * called by the shell whenever it closes the service: Home, the idle reset, a revoked credential.
   * The element's own wipe on idle or disconnect forgets the data but does not always end the
   * server session (the library's did not), so the shell asks for it explicitly.
   */
  endVisit?(element: Element): void;
}

/** Calls `method` on the element when it has one (the element may not be defined yet, or be another version). */
function call(element: Element, method: string): void {
  const fn = (element as unknown as Record<string, unknown>)[method];
  if (typeof fn === 'function') (fn as () => void).call(element);
}

/** Amap (Gaode) walking route: the map app most visitors' phones have; it wants GCJ-02. */
const ROUTE_URL = 'https://uri.amap.com/navigation?to={lng},{lat},{name}&mode=walk&coordinate=gaode&callnative=1';

export const SERVICES: readonly ServiceDescriptor[] = [
  {
    id: 'stations',
    icon: 'station',
    title: () => msg('Find a station'),
    description: () => msg('The nearest toilets, accessible toilets, baby rooms, drinking water and charging, and the way there'),
    // The HTTP source and its offline copy start loading beside the element (not one after the other once it
    // asks for data), without holding the element back.
    load: () => {
      void import('@civic-kiosk/station-finder/source.js');
      void import('@civic-kiosk/station-finder/cache.js');
      return import('@civic-kiosk/station-finder/define.js');
    },
    // No api and no credential here: the finder takes the HTTP client (with the device credential) from the session the app provides.
    // now: "open now" and opening hours on the server's time when the kiosk's clock is wrong.
    render: ({ site, now }) => html`<ck-station-finder
      fill
      .now=${now}
      .latitude=${site.position.lat}
      .longitude=${site.position.lon}
      time-zone=${site.timeZone}
      radius-km="5"
      limit="10"
      route-url-template=${ROUTE_URL}
      route-coordinates="gcj02"
    ></ck-station-finder>`,
  },
  {
    id: 'deliberation',
    icon: 'deliberation',
    title: () => msg('Parking deliberation'),
    description: () => msg('The parking problem, proposals, meetings, the sunshine vote and how the decision is carried out'),
    // The HTTP source starts loading beside the element, not after it.
    load: () => {
      void import('@civic-kiosk/parking-board/source.js');
      return import('@civic-kiosk/parking-board/define.js');
    },
    // The newest topic; the HTTP client (with the device credential) comes from the app's session.
    // card-prefix: the letters of the demo estate's resident cards (XK0001…); a site setting once sites carry one.
    endVisit: (element) => call(element, 'signOut'),
    render: ({ site }) => html`<ck-parking-board time-zone=${site.timeZone} card-prefix="XK"></ck-parking-board>`,
  },
  {
    id: 'library',
    icon: 'library',
    title: () => msg('Library'),
    description: () => msg('Borrow and return books by scanning, renew, reserve, and see your loans'),
    load: () => import('@civic-kiosk/library-checkout/define.js'),
    // finish(): signs the patron out on the server and forgets the visit.
    endVisit: (element) => call(element, 'finish'),
    // The session gives the HTTP client with the device credential; the village libraries print "LIB" before the card digits.
    // The site's receipt setting (print | qr | none; a QR code when it says nothing).
    render: ({ site }) => html`<ck-library-checkout
      card-prefix="LIB"
      time-zone=${site.timeZone}
      receipt=${site.libraryReceipt}
    ></ck-library-checkout>`,
  },
  {
    id: 'health',
    icon: 'health',
    title: () => msg('My health record'),
    description: () => msg('Your own health record: blood pressure, glucose, weight, medicines, vaccines and follow-up visits'),
    load: () => import('@civic-kiosk/health-record/define.js'),
    endVisit: (element) => call(element, 'signOut'),
    // Our server's FHIR base and sign-in; the client with the device credential comes from the session.
    // The site's "take it with you" setting (print / qr / none) is GET /api/kiosk/site's healthTakeAway;
    // card-prefix: the letters on this village's resident cards (the keypad types digits);
    // idle-countdown off: the shell shows its own "Still there?" countdown before the wipe.
    render: ({ site, now }) => html`<ck-health-record
      .now=${now}
      fhir-base="/fhir"
      card-prefix="XK"
      idle-countdown="false"
      take-away=${site.healthTakeAway}
    ></ck-health-record>`,
  },
];

/** The tiles a site shows: the services it offers that are built, in the site's order. */
export function offeredServices(site: Pick<SiteConfig, 'services'>, registry: readonly ServiceDescriptor[] = SERVICES): ServiceDescriptor[] {
  return site.services.flatMap((id) => registry.filter((service) => service.id === id));
}
