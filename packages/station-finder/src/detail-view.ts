import { formatDate, formatDistance, formatMinutes } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { walkingDirections } from './geo.js';
import type { OpenState, WeekLine } from './hours.js';
import { glyph } from './icons.js';
import { compassLabel, dayRanges, facilityLabel, feeLabel, operatorName, secondaryName, stationName, weekHours } from './labels.js';
import { renderNotes, renderOpen } from './list-view.js';
import { routeUrl, type RouteCoordinates } from './route.js';
import { FACILITIES, type LonLat, type Station } from './types.js';

export { detailStyles } from './detail.styles.js';

/** What the detail panel needs from the element. */
export interface DetailContext {
  station: Station;
  origin: LonLat;
  locale: string;
  open: OpenState | undefined;
  week: WeekLine[] | undefined;
  routeUrlTemplate: string;
  routeCoordinates: RouteCoordinates;
  onBack: () => void;
}

/** The chosen station: the way there, the route QR code, facilities, hours, who is responsible. */
export function renderDetail({ station, origin, locale, open, week, routeUrlTemplate, routeCoordinates, onBack }: DetailContext): TemplateResult {
  const way = walkingDirections(origin, station);
  const name = stationName(station, locale);
  const secondary = secondaryName(station, locale);
  const url = routeUrl(routeUrlTemplate, station, routeCoordinates, origin);
  const operator = operatorName(station, locale);
  return html`<article class="detail" part="detail" aria-labelledby="detail-title">
    <div class="detail-head">
      <button class="back" type="button" @click=${onBack}>${glyph('back')}<span>${msg('Back to the list')}</span></button>
      <h3 id="detail-title" class="detail-title">${name}</h3>
    </div>
    <div class="detail-head">
      ${secondary ? html`<p class="alt-name" lang="zh-CN">${secondary}</p>` : nothing} ${renderOpen(open)} ${renderNotes(station, locale)}
    </div>
    <p class="directions">
      ${glyph('walk')}
      <span>${msg(str`Walk about ${formatDistance(way.walking)} to the ${compassLabel(way.direction)} — about ${formatMinutes(way.minutes)}.`)}</span>
    </p>
    <div class="detail-grid">
      <section class="route" aria-labelledby="route-title">
        <h4 id="route-title">${msg('Take the route on your phone')}</h4>
        <ck-qr-code part="qr" .value=${url} label=${msg(str`Walking route to ${name}`)} size="220"></ck-qr-code>
        <p class="hint">${msg('Scan with your phone camera to open the walking route in your map app.')}</p>
      </section>
      <section aria-labelledby="fac-title">
        <h4 id="fac-title">${msg('Facilities')}</h4>
        <ul class="facility-list">
          ${FACILITIES.map((f) => {
            const has = station.facilities.includes(f);
            return html`<li class=${has ? 'has' : 'lacks'}>${glyph(f)}<span>${facilityLabel(f)}</span><span class="yn">${has ? msg('Yes') : msg('No')}</span></li>`;
          })}
          ${station.fee ? html`<li class="fee-line">${glyph(station.fee.paid ? 'fee' : 'free')}<span>${feeLabel(station.fee, locale)}</span></li>` : nothing}
        </ul>
      </section>
      <section aria-labelledby="hours-title">
        <h4 id="hours-title">${msg('Opening hours')}</h4>
        ${week
          ? html`<ul class="week">
              ${week.map((line) => html`<li><span class="days">${dayRanges(line.days, locale)}</span><span>${weekHours(line)}</span></li>`)}
            </ul>`
          : html`<p>${msg('Hours unknown')}</p>`}
        <h4>${msg('Responsible official')}</h4>
        <p class="official">
          ${glyph('person')}<span>${station.official?.name ?? msg('Not listed')}</span>
          ${station.official?.phone ? html`<span class="phone">${glyph('phone')}${station.official.phone}</span>` : nothing}
        </p>
        ${station.phone ? html`<p class="official station-phone">${glyph('phone')}<span>${msg(str`Station phone: ${station.phone}`)}</span></p>` : nothing}
        ${operator ? html`<p class="muted operator">${msg(str`Run by ${operator}`)}</p>` : nothing}
        <p class="muted verified">
          ${glyph('verified')}${station.verified
            ? msg(str`Information checked on ${formatDate(station.verified, { dateStyle: 'long' })}`)
            : msg('Not yet checked on site')}
        </p>
      </section>
    </div>
  </article>`;
}
