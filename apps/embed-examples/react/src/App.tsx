// The village site: a React 19 app that embeds two civic-kiosk services through the
// generated @lit/react wrappers. React owns the finder's filters and row count (props),
// and learns from the element what the visitor chose (events into React state).
import { CkParkingBoard } from '@civic-kiosk/react/parking-board';
import { CkStationFinder } from '@civic-kiosk/react/station-finder';
import type { StationFilter } from '@civic-kiosk/station-finder';
import { useState } from 'react';
import { TEXT, type Lang } from './text.js';

/** Where the village hall stands (WGS-84): an object prop, so it is kept stable outside the component. */
const HALL = { lat: 26.659154, lon: 119.549627 };
const CHOICES = ['wheelchair', 'baby_change', 'drinking_water'] as const satisfies readonly StationFilter[];
const ROWS = [3, 5, 10];

export function App({ api, lang }: { api: string; lang: Lang }) {
  const t = TEXT[lang];
  // One array per change (never a new one per render): the wrapper assigns props on every render.
  const [filters, setFilters] = useState<StationFilter[]>([]);
  const [limit, setLimit] = useState(5);
  const [chosen, setChosen] = useState<string | null>(null);
  // What a receipt check told the visitor: the event carries whether it was counted, never the code.
  const [counted, setCounted] = useState<boolean | null>(null);

  const toggle = (filter: StationFilter) => setFilters((now) => (now.includes(filter) ? now.filter((f) => f !== filter) : [...now, filter]));

  return (
    <>
      <header className="village-bar">
        <h1>{t.title}</h1>
        <p>{t.tagline}</p>
        <nav aria-label={t.languages}>
          <a href="?lang=zh-CN" lang="zh-CN">中文</a> <a href="?lang=en" lang="en">English</a>
        </nav>
      </header>
      <main className="village-main">
        <section className="village-card" aria-labelledby="stations-title">
          <h2 id="stations-title">{t.stations}</h2>
          <form className="village-controls" onSubmit={(e) => e.preventDefault()}>
            <fieldset>
              <legend>{t.need}</legend>
              {CHOICES.map((filter) => (
                <label key={filter}>
                  <input type="checkbox" name="need" value={filter} checked={filters.includes(filter)} onChange={() => toggle(filter)} />
                  {t.facilities[filter]}
                </label>
              ))}
            </fieldset>
            <label>
              {t.rows}{' '}
              <select name="limit" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
                {ROWS.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          </form>
          <p className="village-chosen" aria-live="polite">
            <span>{t.chosen}</span>
            <output id="chosen-station">{chosen ?? t.nothingChosen}</output>
          </p>
          <p className="village-filters">
            {t.inForce}
            <output id="filters-in-force">{filters.length ? filters.join(', ') : t.noFilter}</output>
          </p>
          <CkStationFinder
            api={api}
            origin={HALL}
            timeZone="Asia/Shanghai"
            radiusKm={5}
            limit={limit}
            filters={filters}
            onCkStationSelect={(e) => setChosen(e.detail.station.name)}
            // A chip toggled inside the element: React's checkboxes follow it.
            onCkFiltersChange={(e) => setFilters([...e.detail.filters])}
          />
        </section>
        <section className="village-card" aria-labelledby="board-title">
          <h2 id="board-title">{t.board}</h2>
          <p className="village-chosen" aria-live="polite">
            <span>{t.receipt}</span>
            <output id="receipt-check">{counted === null ? t.receiptNone : counted ? t.receiptCounted : t.receiptMissing}</output>
          </p>
          <CkParkingBoard
            api={api}
            topicId="topic-parking"
            view="proposals"
            timeZone="Asia/Shanghai"
            onCkReceiptCheck={(e) => setCounted(e.detail.counted)}
          />
        </section>
      </main>
    </>
  );
}
