export { StationFinder, STATION_SELECT_EVENT, FILTERS_CHANGE_EVENT, facilityLabel, type StationSelectDetail, type FiltersChangeDetail } from './station-finder.js';
export { FACILITIES, type Facility, type LonLat, type Station, type StationCollection, type StationFilter, type StationSource } from './types.js';
export { HttpStationSource, InMemoryStationSource, type HttpStationSourceOptions } from './source.js';
export type { CachedStations } from './cache.js';
export { parseStations, facilitiesFromTags, facilityMask, skippedWarning, type ParseReport } from './parse.js';
export { StationTable } from './table.js';
export { linearNearest, suggestDrop, visitorNearest, nearby, type NearbyStation, type NearestQuery, type DropSuggestion } from './spatial.js';
export { StationIndex } from './station-index.js';
export {
  haversine,
  walkingDistance,
  walkingMinutes,
  walkingDirections,
  bearing,
  compassPoint,
  isValidLonLat,
  DETOUR_FACTOR,
  WALKING_SPEED_KMH,
  EARTH_RADIUS_M,
  type CompassPoint,
  type WalkingDirections,
} from './geo.js';
export { wgs84ToGcj02, inChina } from './gcj02.js';
export { geoUri, routeUrl, type RouteCoordinates } from './route.js';
export type { OpenState, WeekLine, HoursEvaluator } from './hours.js';
