// Every visible string is localized: extracts each package's messages into
// its XLIFF (lit-localize keeps existing translations), then fails when any
// message has no zh-CN target, or when two packages translate the same
// message differently (ids come from the English text and all packages share
// one catalogue at run time, so the last one loaded would win).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let problems = 0;
/** message id -> { target, package } of the first translation seen */
const seen = new Map();
const folders = ['packages', 'apps'].flatMap((group) =>
  existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => `${group}/${name}`) : [],
);
for (const name of folders) {
  const dir = join(root, name);
  const xliff = join(dir, 'xliff', 'zh-CN.xlf');
  if (!existsSync(join(dir, 'lit-localize.json'))) continue;
  try {
    execFileSync(join(root, 'node_modules', '.bin', 'lit-localize'), ['extract'], { cwd: dir, stdio: 'pipe' });
  } catch (error) {
    console.error(`${name}: lit-localize extract failed\n${error.stdout}${error.stderr}`);
    problems++;
    continue;
  }
  if (!existsSync(xliff)) {
    console.error(`${name}: no xliff/zh-CN.xlf (run lit-localize extract)`);
    problems++;
    continue;
  }
  const units = readFileSync(xliff, 'utf8').match(/<trans-unit[\s\S]*?<\/trans-unit>/g) ?? [];
  const untranslated = units.filter((unit) => !/<target>[\s\S]*?\S[\s\S]*?<\/target>/.test(unit));
  for (const unit of untranslated) console.error(`${name}: untranslated ${/<source>([\s\S]*?)<\/source>/.exec(unit)?.[1]}`);
  for (const unit of units) {
    const id = /<trans-unit id="([^"]+)"/.exec(unit)?.[1];
    const target = /<target>([\s\S]*?)<\/target>/.exec(unit)?.[1];
    if (!id || target === undefined) continue;
    const first = seen.get(id);
    if (!first) seen.set(id, { target, name });
    else if (first.target !== target) {
      const source = /<source>([\s\S]*?)<\/source>/.exec(unit)?.[1];
      console.error(`"${source}" is "${first.target}" in ${first.name} but "${target}" in ${name}: use one translation`);
      problems++;
    }
  }
  problems += untranslated.length;
  console.log(`${name}: ${units.length - untranslated.length}/${units.length} messages translated to zh-CN`);
}
process.exit(problems ? 1 : 0);
