// Leaflet 1.9 has no `exports`/`module` field; its ESM build is typed by @types/leaflet.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}
