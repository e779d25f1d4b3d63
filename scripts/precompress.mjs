// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of
// a build folder (issue 14 item 9), so the server sends compressed files without
// compressing per request. Only copies that are smaller than the original are kept.
//   node scripts/precompress.mjs apps/kiosk/dist
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|mjs|css|svg|json|webmanifest|txt|map)$/;
const MIN_BYTES = 256;

function* filesUnder(dir) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) yield* filesUnder(file);
    else yield file;
  }
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs <build folder>');
  process.exit(2);
}
let before = 0;
let afterBrotli = 0;
let count = 0;
for (const file of filesUnder(dir)) {
  if (!COMPRESSIBLE.test(file)) continue;
  const raw = readFileSync(file);
  if (raw.length < MIN_BYTES) continue;
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  const gz = gzipSync(raw, { level: 9 });
  if (br.length < raw.length) writeFileSync(`${file}.br`, br);
  if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
  before += raw.length;
  afterBrotli += Math.min(br.length, raw.length);
  count += 1;
}
console.log(`precompress: ${count} files, ${(before / 1024).toFixed(1)} kB → ${(afterBrotli / 1024).toFixed(1)} kB brotli`);
