// Whole kiosk screens, as a visitor sees them: the real <ck-kiosk-app> (top
// bar, home, footer, the station finder opened from its tile) at the two
// kiosk screen sizes. The app talks HTTP to its server; here an in-memory
// server answers it (site configuration, stations, heartbeat), so the
// stories need no network and show the same data every time.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { demoStations, NINGDE_KIOSK } from '@civic-kiosk/station-finder/demo.js';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import './translations.js';
import './define.js';
import { CREDENTIAL_KEY } from './enrollment.js';
import type { KioskApp } from './kiosk-app.js';
import { offeredServices } from './services.js';
import { parseSiteConfig, type SiteConfig } from './site-config.js';

/** The stories' fixed clock (the finder's `now`): Tuesday 6 May 2025, 10:30 in Ningde. */
const NOW = new Date('2025-05-06T10:30:00+08:00');
/** The server's documented demo credential of the site (apps/server README): the app reads it from storage as if enrolled. */
const DEMO_CREDENTIAL = 'ckd_demo-ningde-donghu.demo-secret';

/** The site the server would send: the demo kiosk beside Donghu Park station, which offers the station finder. */
function site(locale: string, elder: boolean) {
  return {
    id: 'ningde-donghu',
    name: { 'zh-CN': '东湖公园驿站', en: 'Donghu Park Station' },
    position: NINGDE_KIOSK,
    services: ['stations'],
    official: { name: '林建华', phone: '139 0593 0121' },
    defaultLocale: locale,
    elder,
    timeZone: 'Asia/Shanghai',
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Answers the app's `/api/...` requests from memory while a story is shown
 * (every other request goes to the network as usual). Returns the cleanup.
 */
function serveInMemory(config: ReturnType<typeof site>): () => void {
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/api/')) return original(input, init);
    const route = url.pathname.slice('/api'.length);
    if (route === '/kiosk/site') return json(config);
    if (route === '/stations') return json(demoStations);
    if (route === '/kiosk/heartbeat') return new Response(null, { status: 204 });
    return json({ code: 'NOT_FOUND', message: 'Not in the story', reasons: { 'zh-CN': '故事中没有此接口', en: 'Not in the story' } }, 404);
  };
  const hadCredential = localStorage.getItem(CREDENTIAL_KEY);
  if (hadCredential === null) localStorage.setItem(CREDENTIAL_KEY, DEMO_CREDENTIAL);
  return () => {
    window.fetch = original;
    if (hadCredential === null) localStorage.removeItem(CREDENTIAL_KEY);
  };
}

/** Heights of the two kiosk screens (the runner's window size comes from each story's `viewport-WxH` tag). */
const SCREENS = { portrait: { height: 1920 }, landscape: { height: 1080 } } as const;
type Screen = keyof typeof SCREENS;

interface Args {
  screen: Screen;
}

const meta: Meta<Args> = {
  title: 'Kiosk screens',
  tags: ['!autodocs'],
  parameters: { layout: 'fullscreen', kioskScreen: true },
  argTypes: { screen: { control: false } },
  beforeEach: ({ globals }) => {
    const theme = String(globals.theme ?? 'standard');
    return serveInMemory(site(String(globals.locale ?? 'zh-CN'), theme.split(' ').includes('elder')));
  },
  render: ({ screen }) => html`<ck-kiosk-app style="height: ${SCREENS[screen].height}px"></ck-kiosk-app>`,
};
export default meta;
type Story = StoryObj<Args>;

const shadow = (element: Element | null | undefined) => element?.shadowRoot ?? undefined;

interface PlayContext {
  canvasElement: HTMLElement;
  globals: Record<string, unknown>;
}

/**
 * Waits for the app to have read its site and drawn the home screen. The app sets its own theme, so
 * the toolbar's high contrast is what a visitor does: a touch on the top bar's high-contrast switch.
 */
async function home({ canvasElement, globals }: PlayContext) {
  const app = canvasElement.querySelector('ck-kiosk-app') as KioskApp;
  await waitFor(() => expect(app.dataset['phase']).toBe('ready'), { timeout: 10_000 });
  const homeScreen = shadow(app.shadowRoot?.querySelector('ck-home'));
  await waitFor(() => expect(homeScreen?.querySelector('[data-service="stations"]')).toBeTruthy());
  const theme = globals['theme'];
  if (typeof theme === 'string' && theme.split(' ').includes('high-contrast')) {
    await userEvent.click(app.shadowRoot!.querySelector<HTMLElement>('[data-contrast]')!);
    await waitFor(() => expect(app.getAttribute('data-ck-theme')).toContain('high-contrast'));
  }
  return app;
}

/** The home screen, as a visitor walking up finds it. */
async function playHome(context: PlayContext) {
  const app = await home(context);
  await expect(app.dataset['view']).toBe('home');
}

/** The visitor touches "Find a station": the finder full-screen below the top bar. */
async function playFinder(context: PlayContext) {
  const app = await home(context);
  const tile = shadow(app.shadowRoot?.querySelector('ck-home'))!.querySelector<HTMLElement>('[data-service="stations"]')!;
  await userEvent.click(tile);
  await waitFor(() => expect(app.shadowRoot?.querySelector('ck-station-finder')).toBeTruthy(), { timeout: 10_000 });
  const finder = app.shadowRoot!.querySelector('ck-station-finder')!;
  // The stories' fixed clock, so "open now" is the same in every picture.
  finder.now = NOW;
  await waitFor(() => expect(shadow(finder)?.querySelectorAll('[part~="row"]').length).toBeGreaterThan(0), { timeout: 10_000 });
  await expect(app.dataset['view']).toBe('stations');
}

// Tags and play are written out per story: Storybook reads them from the source to index the stories.
export const HomePortrait: Story = {
  args: { screen: 'portrait' },
  globals: { viewport: { value: 'kioskPortrait', isRotated: false } },
  tags: ['viewport-1080x1920'],
  play: playHome,
};
export const HomeLandscape: Story = {
  args: { screen: 'landscape' },
  globals: { viewport: { value: 'kioskLandscape', isRotated: false } },
  tags: ['viewport-1920x1080'],
  play: playHome,
};
export const StationFinderPortrait: Story = {
  args: { screen: 'portrait' },
  globals: { viewport: { value: 'kioskPortrait', isRotated: false } },
  tags: ['viewport-1080x1920'],
  play: playFinder,
};
export const StationFinderLandscape: Story = {
  args: { screen: 'landscape' },
  globals: { viewport: { value: 'kioskLandscape', isRotated: false } },
  tags: ['viewport-1920x1080'],
  play: playFinder,
};

/** The attract screen an unused kiosk shows (after two untouched minutes on home): the element itself, for the same site. */
function renderAttract({ screen }: Args, { globals }: { globals: Record<string, unknown> }) {
  const config = parseSiteConfig(site(globals['locale'] === 'en' ? 'en' : 'zh-CN', false));
  const siteConfig = (config.ok ? config.config : undefined) as SiteConfig;
  return html`<ck-attract style="height: ${SCREENS[screen].height}px" .site=${siteConfig} .services=${offeredServices(siteConfig)}></ck-attract>`;
}

export const AttractPortrait: Story = {
  args: { screen: 'portrait' },
  globals: { viewport: { value: 'kioskPortrait', isRotated: false } },
  tags: ['viewport-1080x1920'],
  render: renderAttract,
};
export const AttractLandscape: Story = {
  args: { screen: 'landscape' },
  globals: { viewport: { value: 'kioskLandscape', isRotated: false } },
  tags: ['viewport-1920x1080'],
  render: renderAttract,
};
