export { HealthRecordElement, HEALTH_SIGNIN_EVENT, HEALTH_SIGNOUT_EVENT, type TakeAway } from './health-record.js';
export { FhirReader, ownServer, noStoreFetch, ACCEPT, MAX_PAGES, PAGE_SIZE, type AccessToken, type SignIn, type SearchType } from './source.js';
export { buildRecord, pageOf, personOf, ageOn, type HealthRecord, type Item, type Page, type PersonSummary } from './record.js';
export { readingsOf, judge, rangeOf, flagFor, glucoseDefault, otherGlucoseUnit, DEFAULTS, MG_DL_PER_MMOL_L, type Flag, type Range, type Reading, type PressureReading, type Note } from './readings.js';
export { pressureTrend, valueTrend, PERIODS, type Period, type Trend } from './trends.js';
export { displayOf, hasCode, quantityValue, dateOf, outcomeText, CODES } from './fhir.js';
export { maskNumber } from './labels.js';
export { createFakeFhir, type FakeFhirOptions } from './fake-fhir.js';
export { demoRecord, pressurePanel, single, patient as demoPatient, type DemoOptions } from './demo-data.js';
