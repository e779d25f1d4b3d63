import { css } from 'lit';

/**
 * Markers, loaded with the map. Leaflet is told nothing about their size
 * (`iconSize: [0, 0]`): they are sized here from the touch target, so they
 * grow with it in elder mode, and each is placed from the marker's point.
 */
export const markerStyles = css`
  .ck-pin,
  .ck-cluster,
  .ck-here,
  .ck-here * {
    overflow: visible;
  }
  .ck-pin > div,
  .ck-cluster > div {
    position: absolute;
    display: flex;
    align-items: center;
    justify-content: center;
    box-sizing: border-box;
  }
  /* A numbered pin stands on its bottom-left corner, the station. */
  .ck-pin.ranked > div {
    left: 0;
    bottom: 0;
    width: calc(var(--ck-touch-target, 48px) * 4 / 3);
    height: calc(var(--ck-touch-target, 48px) * 5 / 6);
    gap: 2px;
    border-radius: calc(var(--ck-touch-target, 48px) * 5 / 12) calc(var(--ck-touch-target, 48px) * 5 / 12) calc(var(--ck-touch-target, 48px) * 5 / 12) 4px;
    background: var(--ck-color-accent);
    color: var(--ck-color-on-accent);
    border: var(--ck-border-width) solid var(--ck-color-on-accent);
    box-shadow: 0 2px 6px color-mix(in srgb, var(--ck-color-text) 40%, transparent);
    font-weight: 700;
    font-size: calc(var(--ck-touch-target, 48px) * 0.42);
    line-height: 1;
  }
  .ck-pin.minor > div,
  .ck-cluster > div {
    left: 0;
    top: 0;
    translate: -50% -50%;
    width: calc(var(--ck-touch-target, 48px) * 0.7);
    height: calc(var(--ck-touch-target, 48px) * 0.7);
    border-radius: 50%;
  }
  .ck-pin.minor > div {
    background: var(--ck-color-bg);
    color: var(--ck-color-accent);
    border: var(--ck-border-width) solid var(--ck-color-accent);
  }
  .ck-cluster > div {
    width: calc(var(--ck-touch-target, 48px) * 0.92);
    height: calc(var(--ck-touch-target, 48px) * 0.92);
    background: var(--ck-color-bg);
    border: calc(var(--ck-border-width) * 2) solid var(--ck-color-accent);
    color: var(--ck-color-text);
    font-weight: 700;
    font-size: calc(var(--ck-touch-target, 48px) * 0.4);
  }
  /* Pins and clusters take taps over at least a full touch target. */
  .ck-pin > div::after,
  .ck-cluster > div::after {
    content: '';
    position: absolute;
    left: 50%;
    top: 50%;
    width: max(100%, var(--ck-touch-target, 48px));
    height: max(100%, var(--ck-touch-target, 48px));
    translate: -50% -50%;
  }
  .ck-pin .pin-glyph {
    width: calc(var(--ck-touch-target, 48px) * 0.46);
    height: calc(var(--ck-touch-target, 48px) * 0.46);
  }
  .ck-pin.selected > div {
    scale: 1.3;
    transform-origin: 0 100%;
    background: var(--ck-color-text);
    color: var(--ck-color-bg);
    outline: var(--ck-focus-width) solid var(--ck-color-focus);
  }
  .ck-pin.minor.selected > div {
    transform-origin: 50% 50%;
  }
  .leaflet-marker-icon:focus-visible > div {
    outline: var(--ck-focus-width) solid var(--ck-color-focus);
    outline-offset: 2px;
  }

  /* "You are here": a dot on the point, under the pins; the label on the side with no pins (data-label, set by the map). */
  .ck-here,
  .ck-here * {
    pointer-events: none;
  }
  .here-dot,
  .here-label {
    position: absolute;
    left: 0;
    top: 0;
  }
  .here-dot {
    display: grid;
    place-items: center;
    box-sizing: border-box;
    width: calc(var(--ck-touch-target, 48px) * 0.625);
    height: calc(var(--ck-touch-target, 48px) * 0.625);
    translate: -50% -50%;
    border-radius: 50%;
    background: var(--ck-color-focus);
    color: var(--ck-color-on-accent);
    border: 3px solid var(--ck-color-bg);
  }
  .here-dot .glyph {
    width: 70%;
    height: 70%;
  }
  .here-label {
    --here-gap: calc(var(--ck-touch-target, 48px) * 0.3125 + 4px);
    translate: var(--here-gap) -50%;
    padding: 0 var(--ck-space-2);
    border-radius: 999px;
    background: var(--ck-color-text);
    color: var(--ck-color-bg);
    font-size: var(--ck-font-size-small);
    font-weight: 700;
    white-space: nowrap;
  }
  .ck-here[data-label='left'] .here-label {
    translate: calc(-100% - var(--here-gap)) -50%;
  }
  .ck-here[data-label='below'] .here-label {
    translate: -50% var(--here-gap);
  }
  .ck-here[data-label='above'] .here-label {
    translate: -50% calc(-100% - var(--here-gap));
  }
`;
