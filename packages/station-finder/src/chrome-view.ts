import { formatDate, formatDistance } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { DataStatus } from './data-task.js';

/*
 * What surrounds the list and the map: the status banner above them and the
 * map's own controls (zoom, scale bar, note), drawn by the element because
 * Leaflet's controls write HTML strings.
 */

export interface BannerContext {
  status: DataStatus;
  reason: string;
  hasData: boolean;
  hasPosition: boolean;
  fetchedAt: string | undefined;
  timeZone: string;
  retry: () => void;
}

export function renderBanner({ status, reason, hasData, hasPosition, fetchedAt, timeZone, retry }: BannerContext): TemplateResult | typeof nothing {
  if (!hasPosition && hasData) {
    return html`<ck-status-banner state="info" reason=${msg('This kiosk does not know where it is, so distances cannot be shown. Please tell the staff.')}></ck-status-banner>`;
  }
  switch (status) {
    case 'loading':
      return hasData ? nothing : html`<ck-status-banner state="loading" reason=${msg('Finding stations near you…')}></ck-status-banner>`;
    case 'offline':
      return html`<ck-status-banner
        state="offline"
        retryable
        reason=${hasData && fetchedAt ? msg(str`No connection: showing the stations saved on ${formatDate(fetchedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone })}.`) : reason}
        @ck-retry=${retry}
      ></ck-status-banner>`;
    case 'error':
      return html`<ck-status-banner state="error" retryable reason=${reason} @ck-retry=${retry}></ck-status-banner>`;
    default:
      return nothing;
  }
}

export interface MapChromeContext {
  tileUrl: string;
  tilesFailed: boolean;
  tileAttribution: string;
  scale: { meters: number; pixels: number } | undefined;
  zoomBy: (delta: number) => void;
}

export function renderMapChrome({ tileUrl, tilesFailed, tileAttribution, scale, zoomBy }: MapChromeContext): TemplateResult {
  const noTiles = !tileUrl || tilesFailed;
  return html`
    <div class="map-controls">
      <button type="button" class="map-button" aria-label=${msg('Zoom in')} @click=${() => zoomBy(1)}>+</button>
      <button type="button" class="map-button" aria-label=${msg('Zoom out')} @click=${() => zoomBy(-1)}>−</button>
    </div>
    ${scale
      ? html`<div class="scale" aria-hidden="true">
          <svg class="scale-bar" width=${scale.pixels} height="12" viewBox="0 0 ${scale.pixels} 12" aria-hidden="true">
            <path d="M1 0V11H${scale.pixels - 1}V0" fill="none" stroke="currentColor" stroke-width="2"></path></svg
          ><span>${formatDistance(scale.meters)}</span>
        </div>`
      : nothing}
    <p class="map-note">
      ${noTiles ? (tileUrl ? msg('Street map unavailable offline: stations and this kiosk are shown to scale.') : msg('Stations and this kiosk, to scale.')) : tileAttribution}
    </p>
  `;
}
