import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml, LitElement } from 'lit';
import { IDLE_EVENT } from '../src/controllers/idle.js';
import { IdleResetController } from '../src/controllers/idle-reset.js';
import { property } from 'lit/decorators.js';
import {
  warnOnce,
  arrayConverter,
  arrayOf,
  booleanConverter,
  checkProperty,
  enumConverter,
  enforceRules,
  isSafeUrl,
  isString,
  jsonConverter,
  listConverter,
  numberConverter,
  numberIn,
  oneOf,
  OutsideValue,
  stringConverter,
  urlConverter,
} from '../src/converters.js';
import { warningsOf } from '../src/testing.js';


const FACILITIES = ['wheelchair', 'wifi', 'water'] as const;
type Facility = (typeof FACILITIES)[number];
const TAG = 'ck-converter-probe';

class ConverterProbe extends LitElement {
  @property({ converter: listConverter(TAG, 'filters', FACILITIES) }) accessor filters: Facility[] = [];
  @property({ attribute: 'radius-km', converter: numberConverter(TAG, 'radius-km', 5, { min: 0.1, max: 50 }) }) accessor radiusKm = 5;
  @property({ converter: urlConverter(TAG, 'api', '/api') }) accessor api = '/api';
  @property({ converter: enumConverter(TAG, 'kind', ['line', 'bar'] as const, 'line') }) accessor kind: 'line' | 'bar' = 'line';
  @property({ converter: arrayConverter(TAG, 'labels', isString) }) accessor labels: string[] = [];
  @property({ converter: jsonConverter(TAG, 'point', { x: 0 }, (v): v is { x: number } => typeof (v as { x?: unknown })?.x === 'number') })
  accessor point = { x: 0 };
  @property({ attribute: 'close-on-idle', converter: booleanConverter(true) }) accessor closeOnIdle = true;
  @property({ attribute: 'time-zone', converter: stringConverter(TAG, 'time-zone', 'Asia/Shanghai', (v) => v.includes('/'), 'an IANA zone') })
  accessor timeZone = 'Asia/Shanghai';
}
customElements.define(TAG, ConverterProbe);

describe('safe attribute converters', () => {
  it('reads good values', async () => {
    const el = await fixture<ConverterProbe>(html`<ck-converter-probe
      filters="wheelchair wifi"
      radius-km="2.5"
      api="https://city.example/api"
      kind="bar"
      labels='["a","b"]'
      point='{"x":3}'
      close-on-idle="false"
      time-zone="Asia/Urumqi"
    ></ck-converter-probe>`);
    expect(el.filters).to.deep.equal(['wheelchair', 'wifi']);
    expect([el.radiusKm, el.api, el.kind, el.closeOnIdle, el.timeZone]).to.deep.equal([2.5, 'https://city.example/api', 'bar', false, 'Asia/Urumqi']);
    expect(el.labels).to.deep.equal(['a', 'b']);
    expect(el.point).to.deep.equal({ x: 3 });
    el.setAttribute('filters', '["water"]');
    expect(el.filters).to.deep.equal(['water']);
  });

  it('gives one warning naming element and attribute for each bad value, and keeps the default', async () => {
    let el!: ConverterProbe;
    const warnings = await warningsOf(async () => {
      el = await fixture<ConverterProbe>(html`<ck-converter-probe
        filters="garbage wifi"
        radius-km="-3"
        api="javascript:alert(1)"
        kind="pie"
        labels="not json"
        point='{"y":1}'
        time-zone="nowhere"
      ></ck-converter-probe>`);
      el.setAttribute('radius-km', '-3');
      el.setAttribute('radius-km', 'NaN');
      el.setAttribute('filters', '[1');
    });
    expect(el.filters).to.deep.equal([]);
    expect([el.radiusKm, el.api, el.kind, el.timeZone]).to.deep.equal([5, '/api', 'line', 'Asia/Shanghai']);
    expect(el.labels).to.deep.equal([]);
    expect(el.point).to.deep.equal({ x: 0 });
    for (const attribute of ['filters="garbage wifi"', 'radius-km="-3"', 'api="javascript:alert(1)"', 'kind="pie"', 'labels="not json"', 'point=', 'time-zone="nowhere"', 'radius-km="NaN"', 'filters="[1"']) {
      expect(warnings.filter((w) => w.includes('<ck-converter-probe>') && w.includes(attribute)), attribute).to.have.length(1);
    }
    expect(warnings).to.have.length(9);
  });

  it('keeps the known names of a list and drops the unknown ones', async () => {
    const el = await fixture<ConverterProbe>(html`<ck-converter-probe filters='["wifi","toilets","wifi"]'></ck-converter-probe>`);
    expect(el.filters).to.deep.equal(['wifi']);
    el.setAttribute('filters', '{"a":1}');
    expect(el.filters).to.deep.equal([]);
    el.removeAttribute('filters');
    expect(el.filters).to.deep.equal([]);
  });

  it('accepts paths and http(s) URLs only', () => {
    expect(['/api', './api', 'api', 'https://a.example/x', 'http://10.0.0.2:8080'].every((url) => isSafeUrl(url))).to.equal(true);
    expect(['javascript:alert(1)', 'data:text/html,x', 'a b', '', 42, 'http://[bad'].some((url) => isSafeUrl(url))).to.equal(false);
    expect(isSafeUrl('', true)).to.equal(true);
  });

  it('checks properties set from code the same way', async () => {
    const el = document.createElement('div');
    const warnings = await warningsOf(() => {
      expect(checkProperty(el, 'size', -1, numberIn({ min: 1 }), 240)).to.equal(240);
      expect(checkProperty(el, 'size', 120, numberIn({ min: 1, max: 500, integer: true }), 240)).to.equal(120);
      expect(checkProperty(el, 'type', 'pie', oneOf(['line', 'bar']), 'line')).to.equal('line');
      expect(checkProperty(el, 'labels', ['a', 2], arrayOf(isString), [])).to.deep.equal([]);
      expect(checkProperty(el, 'labels', 'x', arrayOf(isString), [])).to.deep.equal([]);
    });
    expect(warnings).to.have.length(4);
    expect(warnings[0]).to.contain('<div> size="-1"');
  });

  it('takes undefined set from code as "back to the default", without a warning (a framework unsetting a prop)', async () => {
    const el = document.createElement('ck-rules-probe') as RulesProbe;
    document.body.append(el);
    try {
      const warnings = await warningsOf(async () => {
        expect(checkProperty(document.createElement('div'), 'size', undefined, numberIn({ min: 1 }), 240)).to.equal(240);
        el.size = 'large';
        await el.updateComplete;
        (el as { size: unknown }).size = undefined;
        await el.updateComplete;
      });
      expect(el.size).to.equal('normal');
      expect(warnings).to.deep.equal([]);
      const bad = await warningsOf(async () => {
        (el as { size: unknown }).size = 'huge';
        await el.updateComplete;
      });
      expect(bad).to.have.length(1);
      expect(el.size).to.equal('normal');
    } finally {
      el.remove();
    }
  });
});

class RulesProbe extends LitElement {
  static rules = { size: { attribute: 'size', check: oneOf(['normal', 'large']), fallback: 'normal' } };
  @property() accessor size = 'normal';
  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    enforceRules(this, changed, RulesProbe.rules);
  }
}
customElements.define('ck-rules-probe', RulesProbe);

class OutsideProbe extends LitElement {
  filters = new OutsideValue<string[]>(this, []);
}
customElements.define('ck-outside-probe', OutsideProbe);

describe('warnOnce (the one warning about a bad value)', () => {
  it('names the element, the attribute and the value, once per element, attribute and value', async () => {
    const warnings = await warningsOf(() => {
      warnOnce('ck-probe', 'fhir-base', 'https://portal.example/', 'answered HTML', 'showing an error');
      warnOnce('ck-probe', 'fhir-base', 'https://portal.example/', 'answered HTML', 'showing an error');
      warnOnce('ck-other', 'fhir-base', 'https://portal.example/', 'answered HTML', 'showing an error');
      warnOnce('ck-probe', 'fhir-base', 'https://elsewhere.example/', 'answered HTML', 'showing an error');
    });
    expect(warnings).to.deep.equal([
      'civic-kiosk: <ck-probe> fhir-base="https://portal.example/" answered HTML; showing an error.',
      'civic-kiosk: <ck-other> fhir-base="https://portal.example/" answered HTML; showing an error.',
      'civic-kiosk: <ck-probe> fhir-base="https://elsewhere.example/" answered HTML; showing an error.',
    ]);
  });

  it('never prints a secret value', async () => {
    const warnings = await warningsOf(() => warnOnce('ck-probe', 'pin', '123456', 'is too short', 'asking again', true));
    expect(warnings).to.deep.equal(['civic-kiosk: <ck-probe> pin="(hidden)" is too short; asking again.']);
  });
});

describe('OutsideValue (the defaultFilters recipe)', () => {
  it('keeps the value set from outside apart from the visitor toggles, and restores it on reset', async () => {
    const el = await fixture<OutsideProbe>(html`<ck-outside-probe></ck-outside-probe>`);
    el.filters.outside = ['wifi'];
    expect(el.filters.current).to.deep.equal(['wifi']);
    el.filters.current = ['wifi', 'water'];
    expect([el.filters.changed, el.filters.outside]).to.deep.equal([true, ['wifi']]);
    el.filters.reset();
    expect([el.filters.changed, el.filters.current]).to.deep.equal([false, ['wifi']]);
    el.filters.current = [];
    el.filters.outside = ['water'];
    expect([el.filters.changed, el.filters.current]).to.deep.equal([false, ['water']]);
  });
});

/** The recipe as an element uses it: attribute/property → outside value; taps → current; idle → reset. */
class FiltersProbe extends LitElement {
  #filters = new OutsideValue<Facility[]>(this, []);
  constructor() {
    super();
    new IdleResetController(this, () => this.#filters.reset());
  }
  @property({ converter: listConverter('ck-filters-probe', 'filters', FACILITIES) })
  set filters(value: Facility[]) {
    this.#filters.outside = value;
  }
  get filters(): Facility[] {
    return this.#filters.current;
  }
  toggle(facility: Facility): void {
    const now = this.#filters.current;
    this.#filters.current = now.includes(facility) ? now.filter((f) => f !== facility) : [...now, facility];
  }
  override render() {
    return litHtml`${this.filters.join(' ')}`;
  }
}
customElements.define('ck-filters-probe', FiltersProbe);

describe('OutsideValue in an element', () => {
  it('restores the filters set from outside when the kiosk goes idle', async () => {
    const el = await fixture<FiltersProbe>(html`<ck-filters-probe filters="wifi"></ck-filters-probe>`);
    el.toggle('water');
    el.toggle('wifi');
    await el.updateComplete;
    expect([el.filters, el.shadowRoot!.textContent]).to.deep.equal([['water'], 'water']);
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    await el.updateComplete;
    expect([el.filters, el.shadowRoot!.textContent]).to.deep.equal([['wifi'], 'wifi']);
    el.setAttribute('filters', 'wheelchair');
    el.toggle('wifi');
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    expect(el.filters).to.deep.equal(['wheelchair']);
  });
});
