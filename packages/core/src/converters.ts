import type { ComplexAttributeConverter, PropertyValues, ReactiveControllerHost } from 'lit';

/**
 * Attribute converters that never throw. A value that cannot be used gives
 * ONE console warning naming the element and the attribute, and the property
 * falls back to its default, so a typo in an embedder's HTML (`filters="garbage"`,
 * `radius-km="-3"`, `api="not a url"`) never breaks a kiosk screen.
 *
 * Lit calls `fromAttribute(value, type)` without the element, so each
 * converter is made for one element and attribute: `json('ck-chart', 'labels', [])`.
 */

const warned = new Set<string>();

/**
 * The one warning about a bad value: once per element, attribute and value
 * (the same typo rendered again stays quiet; a different bad value for the
 * same attribute is news and warns too). `consequence` says what the element
 * does instead ("using "/api"").
 */
export function warnOnce(element: string, attribute: string, value: unknown, problem: string, consequence: string, secret = false): void {
  // A personal value (a PIN, an ID number) is never written to the console.
  const shown = secret ? '(hidden)' : typeof value === 'string' ? value : safeStringify(value);
  const key = `${element}|${attribute}|${shown}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`civic-kiosk: <${element}> ${attribute}="${shown.slice(0, 80)}" ${problem}; ${consequence}.`);
}

/** Warns once per element, attribute and value. Exported for property setters that validate too. */
export function warnBadValue(element: string, attribute: string, value: unknown, fallback: unknown, why = '', secret = false): void {
  warnOnce(element, attribute, value, `is not valid${why ? ` (${why})` : ''}`, `using ${safeStringify(fallback)}`, secret);
}

function safeStringify(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** Copies arrays and plain objects, so a default is never shared between elements. */
function fresh<T>(value: T): T {
  if (Array.isArray(value)) return [...value] as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return { ...value };
  return value;
}

/** A check of a value; a type predicate narrows, a plain boolean function trusts the declared type. */
type Check<T> = ((value: unknown) => value is T) | ((value: unknown) => boolean);

/** JSON of any shape `check` accepts (an absent attribute gives the default). */
export function jsonConverter<T>(element: string, attribute: string, fallback: T, check: Check<T>, why = 'not the expected JSON'): ComplexAttributeConverter<T> {
  return {
    fromAttribute(value) {
      if (value === null) return fresh(fallback);
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        warnBadValue(element, attribute, value, fallback, 'not JSON');
        return fresh(fallback);
      }
      if (check(parsed)) return parsed as T;
      warnBadValue(element, attribute, value, fallback, why);
      return fresh(fallback);
    },
    toAttribute: (value) => JSON.stringify(value),
  };
}

/** A JSON array whose items `item` accepts; any bad item makes the whole value fall back. */
export function arrayConverter<T>(element: string, attribute: string, item: Check<T>, fallback: T[] = []): ComplexAttributeConverter<T[]> {
  const check = (value: unknown): value is T[] => Array.isArray(value) && value.every((entry) => item(entry));
  return jsonConverter(element, attribute, fallback, check, 'not an array of the expected items');
}

/**
 * A list of names from a fixed set, written as JSON (`'["wheelchair","wifi"]'`)
 * or space/comma separated (`"wheelchair wifi"`). Unknown names are dropped
 * with a warning; the known ones are kept.
 */
export function listConverter<T extends string>(element: string, attribute: string, allowed: readonly T[], fallback: T[] = []): ComplexAttributeConverter<T[]> {
  return {
    fromAttribute(value) {
      if (value === null) return [...fallback];
      let names: unknown;
      const trimmed = value.trim();
      if (trimmed.startsWith('[')) {
        try {
          names = JSON.parse(trimmed);
        } catch {
          warnBadValue(element, attribute, value, fallback, 'not JSON');
          return [...fallback];
        }
        if (!Array.isArray(names)) {
          warnBadValue(element, attribute, value, fallback, 'not a list');
          return [...fallback];
        }
      } else names = trimmed ? trimmed.split(/[\s,]+/) : [];
      const list = names as unknown[];
      const known = [...new Set(list.filter((name): name is T => allowed.includes(name as T)))];
      const unknown = list.filter((name) => !allowed.includes(name as T));
      if (unknown.length) {
        warnBadValue(element, attribute, value, known, `unknown ${unknown.map((name) => safeStringify(name)).join(', ')}; known: ${allowed.join(', ')}`);
      }
      return known;
    },
    toAttribute: (value) => (Array.isArray(value) ? value.join(' ') : ''),
  };
}

/** One of a fixed set of words (`type="line|bar"`). */
export function enumConverter<T extends string>(element: string, attribute: string, allowed: readonly T[], fallback: T): ComplexAttributeConverter<T> {
  return {
    fromAttribute(value) {
      if (value === null) return fallback;
      if (allowed.includes(value as T)) return value as T;
      warnBadValue(element, attribute, value, fallback, `one of ${allowed.join(', ')}`);
      return fallback;
    },
  };
}

export interface NumberRange {
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
}

/** Whether `value` is a finite number inside `range`. */
export function inRange(value: unknown, range: NumberRange = {}): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (range.integer && !Number.isInteger(value)) return false;
  if (range.min !== undefined && value < range.min) return false;
  return range.max === undefined || value <= range.max;
}

function describeRange(range: NumberRange): string {
  const kind = range.integer ? 'a whole number' : 'a number';
  if (range.min !== undefined && range.max !== undefined) return `${kind} from ${range.min} to ${range.max}`;
  if (range.min !== undefined) return `${kind} of at least ${range.min}`;
  if (range.max !== undefined) return `${kind} of at most ${range.max}`;
  return kind;
}

/** A number inside `range` (`radius-km="-3"` warns and gives the default). */
export function numberConverter<T extends number | undefined>(element: string, attribute: string, fallback: T, range: NumberRange = {}): ComplexAttributeConverter<number | T> {
  return {
    fromAttribute(value) {
      if (value === null || value.trim() === '') return fallback;
      const number = Number(value);
      if (inRange(number, range)) return number;
      warnBadValue(element, attribute, value, fallback, describeRange(range));
      return fallback;
    },
  };
}

/** A boolean attribute that also reads `"false"` as false (`close-on-idle="false"`). */
export function booleanConverter(fallback: boolean): ComplexAttributeConverter<boolean> {
  return {
    fromAttribute: (value) => (value === null ? fallback : value !== 'false'),
    toAttribute: (value) => (value ? '' : 'false'),
  };
}

/**
 * A URL: absolute (`https:`/`http:`) or a path (`/api`, `./api`, `api`). An
 * empty string is allowed when `fallback` is empty (feature off). Anything
 * else (`javascript:`, spaces, an unparsable value) warns and falls back.
 */
export function urlConverter(element: string, attribute: string, fallback: string): ComplexAttributeConverter<string> {
  return {
    fromAttribute(value) {
      if (value === null) return fallback;
      if (isSafeUrl(value, fallback === '')) return value.trim();
      warnBadValue(element, attribute, value, fallback, 'an http(s) URL or a path');
      return fallback;
    },
  };
}

/** Whether `value` is an http(s) URL or a relative path (no other scheme, no whitespace inside). */
export function isSafeUrl(value: unknown, allowEmpty = false): value is string {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  if (!trimmed) return allowEmpty;
  if (/\s/.test(trimmed)) return false;
  try {
    const url = new URL(trimmed, 'http://relative.invalid/');
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A string attribute with a check (a free string that still has rules, e.g. a time zone). */
export function stringConverter(element: string, attribute: string, fallback: string, check: (value: string) => boolean, why = ''): ComplexAttributeConverter<string> {
  return {
    fromAttribute(value) {
      if (value === null) return fallback;
      if (check(value)) return value;
      warnBadValue(element, attribute, value, fallback, why);
      return fallback;
    },
  };
}

/**
 * A value set from outside kept apart from the visitor's own changes
 * (the `defaultFilters` recipe). The embedder sets the outside value (an
 * attribute or property); the visitor's toggles change only `current`; an
 * idle reset (or `reset()`) brings back the outside value. Setting a new
 * outside value also drops the visitor's changes.
 *
 * ```ts
 * #filters = new OutsideValue<Filter[]>(this, []);
 * @property({ converter: listConverter('my-el', 'filters', FILTERS) })
 * set filters(value) { this.#filters.outside = value; }
 * get filters() { return this.#filters.current; }
 * #toggle(f) { this.#filters.current = toggled(this.#filters.current, f); }   // visitor
 * // on idle: this.#filters.reset();
 * ```
 */
export class OutsideValue<T> {
  #outside: T;
  #current: T;
  #changed = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    initial: T,
  ) {
    this.#outside = initial;
    this.#current = initial;
  }

  /** What the embedder set; the value to come back to. */
  get outside(): T {
    return this.#outside;
  }

  set outside(value: T) {
    this.#outside = value;
    this.#current = value;
    this.#changed = false;
    this.host.requestUpdate();
  }

  /** What applies now: the outside value, or the visitor's change of it. */
  get current(): T {
    return this.#current;
  }

  set current(value: T) {
    this.#current = value;
    this.#changed = true;
    this.host.requestUpdate();
  }

  /** Whether the visitor changed the value since the outside one was set. */
  get changed(): boolean {
    return this.#changed;
  }

  /** Back to the outside value (idle, "start again"). */
  reset(): void {
    this.#current = this.#outside;
    this.#changed = false;
    this.host.requestUpdate();
  }
}

/**
 * Checks a value set as a property from code (attributes go through the
 * converters above): a bad one warns once, naming the element and the
 * attribute, and the default is used instead. Call it from `willUpdate`.
 */
export function checkProperty<T>(host: Element, attribute: string, value: unknown, check: (value: unknown) => boolean, fallback: T, why = ''): T {
  if (check(value)) return value as T;
  // `undefined` is "back to the default", e.g. @lit/react when a React prop is no longer passed.
  if (value === undefined) return fresh(fallback);
  warnBadValue(host.localName, attribute, value, fallback, why);
  return fresh(fallback);
}

/** A check for `checkProperty`: one of a fixed set. */
export const oneOf =
  <T>(allowed: readonly T[]) =>
  (value: unknown): value is T =>
    allowed.includes(value as T);

/** A check for `checkProperty`: an array whose every item passes `item`. */
export const arrayOf =
  <T>(item: (value: unknown) => boolean) =>
  (value: unknown): value is T[] =>
    Array.isArray(value) && value.every((entry) => item(entry));

/** A check for `checkProperty`: a number inside `range`. */
export const numberIn =
  (range: NumberRange) =>
  (value: unknown): value is number =>
    inRange(value, range);

/** A check for `checkProperty`: a string. */
export const isString = (value: unknown): value is string => typeof value === 'string';

/** What a property accepts, for {@link enforceRules}. */
export interface PropertyRule {
  /** The attribute name, for the warning (the property name when it has none). */
  attribute: string;
  check: (value: unknown) => boolean;
  fallback: unknown;
  /** What a good value is, for the warning. */
  why?: string;
  /** Never print the value (personal data). */
  secret?: boolean;
}

/**
 * Checks every changed property against its rule, from `willUpdate`: a bad
 * value set from code warns once and is replaced by the default before
 * rendering; `undefined` is replaced silently. Attributes are already safe through their converters.
 *
 * ```ts
 * static rules = { size: { attribute: 'size', check: numberIn({ min: 48 }), fallback: 240 } };
 * willUpdate(changed) { enforceRules(this, changed, KioskQrCode.rules); }
 * ```
 */
export function enforceRules(host: Element, changed: PropertyValues, rules: Readonly<Record<string, PropertyRule>>): void {
  const target = host as unknown as Record<string, unknown>;
  for (const [name, rule] of Object.entries(rules)) {
    if (!changed.has(name)) continue;
    const value = target[name];
    if (rule.check(value)) continue;
    // `undefined` is "back to the default" (a framework unsetting a prop): no warning.
    if (value !== undefined) warnBadValue(host.localName, rule.attribute, value, rule.fallback, rule.why, rule.secret);
    target[name] = fresh(rule.fallback);
  }
}

/** A check: a boolean. */
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
