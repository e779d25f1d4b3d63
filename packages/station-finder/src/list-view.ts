import { formatDistance, formatMinutes } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { OpenState } from './hours.js';
import { glyph } from './icons.js';
import { accessLabel, facilityLabel, feeLabel, secondaryName, stationName } from './labels.js';
import type { DropSuggestion, NearbyStation } from './spatial.js';
import type { Station, StationFilter } from './types.js';

/** What the list needs from the element. */
export interface ListContext {
  locale: string;
  selectedId: string | undefined;
  openState: (station: Station) => OpenState | undefined;
  onSelect: (id: string) => void;
}

/** "Open · closes at 22:00", "Closed", "Hours unknown", or "Checking hours…" while the rules load. */
export function renderOpen(open: OpenState | undefined): TemplateResult {
  if (!open) return html`<span class="open pending">${glyph('open_now')}${msg('Checking hours…')}</span>`;
  switch (open.state) {
    case 'open':
      return html`<span class="open is-open" data-state="open">${glyph('open')}${open.allDay
          ? msg('Open 24 hours')
          : open.closesAt
            ? msg(str`Open · closes at ${open.closesAt}`)
            : msg('Open now')}</span>`;
    case 'closed':
      return html`<span class="open is-closed" data-state="closed">${glyph('closed')}${open.opensAt ? msg(str`Closed · opens at ${open.opensAt}`) : msg('Closed')}</span>`;
    default:
      return html`<span class="open is-unknown" data-state="unknown">${glyph('unknown')}${msg('Hours unknown')}</span>`;
  }
}

/** The notes under a name: who may use it and what it costs, when OSM says so. */
export function renderNotes(station: Station, locale: string): TemplateResult | typeof nothing {
  const { access, fee } = station;
  if (!access && !fee?.paid) return nothing;
  return html`<span class="notes">
    ${access ? html`<span class="note access" data-access=${access}>${glyph('person')}${accessLabel(access)}</span>` : nothing}
    ${fee?.paid ? html`<span class="note fee">${glyph('fee')}${feeLabel(fee, locale)}</span>` : nothing}
  </span>`;
}

export function renderRow({ station, distance, minutes }: NearbyStation, rank: number, context: ListContext): TemplateResult {
  const selected = station.id === context.selectedId;
  const secondary = secondaryName(station, context.locale);
  return html`<li>
    <button part="row" class="row" type="button" data-id=${station.id} aria-current=${selected ? 'true' : 'false'} @click=${() => context.onSelect(station.id)}>
      <span class="rank" aria-hidden="true">${rank}</span>
      <span class="main">
        <span class="name"><span class="visually-hidden">${msg(str`Number ${rank}:`)} </span>${stationName(station, context.locale)}</span>
        ${secondary ? html`<span class="alt-name" lang="zh-CN">${secondary}</span>` : nothing}
        ${renderOpen(context.openState(station))} ${renderNotes(station, context.locale)}
        <span class="facilities">${station.facilities.map((f) => html`<span class="facility">${glyph(f)}${facilityLabel(f)}</span>`)}</span>
        ${station.official?.name || station.official?.phone
          ? html`<span class="official">${glyph('person')}${station.official.name ? msg(str`Official: ${station.official.name}`) : msg('Official')}
              ${station.official.phone ? html`<span class="phone">${glyph('phone')}${station.official.phone}</span>` : nothing}</span>`
          : nothing}
      </span>
      <span class="distance">
        <span class="meters">${formatDistance(distance)}</span>
        <span class="minutes">${glyph('walk')}${msg(str`${formatMinutes(minutes)} on foot`)}</span>
      </span>
    </button>
  </li>`;
}

/** Nothing matches: say so, and offer the one filter to drop that brings the nearest station back. */
export function renderEmpty(
  km: number,
  filters: readonly StationFilter[],
  suggestion: DropSuggestion | undefined,
  locale: string,
  actions: { drop: (filter: StationFilter) => void; clear: () => void },
): TemplateResult {
  const distance = formatDistance(km * 1000);
  return html`<div class="empty" part="empty" role="status">
    ${glyph('unknown', 'glyph empty-glyph')}
    <p class="empty-title">${filters.length ? msg(str`No station has all of these within ${distance}.`) : msg(str`No station within ${distance}.`)}</p>
    ${suggestion
      ? html`<p>
            ${msg(
              str`Without "${facilityLabel(suggestion.drop)}", the nearest is ${stationName(suggestion.nearest.station, locale)}, ${formatDistance(suggestion.nearest.distance)} away.`,
            )}
          </p>
          <button class="action" type="button" data-drop=${suggestion.drop} @click=${() => actions.drop(suggestion.drop)}>
            ${glyph(suggestion.drop)}<span>${msg(str`Show stations without "${facilityLabel(suggestion.drop)}"`)}</span>
          </button>`
      : filters.length
        ? html`<p>${msg('Try turning off some filters.')}</p>
            <button class="action" type="button" data-clear @click=${actions.clear}>${msg('Turn off all filters')}</button>`
        : nothing}
  </div>`;
}
