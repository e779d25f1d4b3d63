/**
 * Pinyin composition without any DOM: split the letters a visitor typed into
 * syllables, and find the Chinese words they may mean in a dictionary ranked
 * by frequency. The dictionary itself (src/generated/pinyin-dictionary.ts) is
 * loaded on demand by the element; this module only reads its text.
 */

/** A dictionary ready for lookups. Build it once with {@link parseDictionary}. */
export interface PinyinDictionary {
  /** Words, most frequent first: the index is the rank. */
  readonly words: readonly string[];
  /** The syllables of each word (same index). */
  readonly syllables: readonly (readonly string[])[];
  /** Word indexes by the first letter of each syllable ("nh" for ni'hao), ascending, so in rank order. */
  readonly byInitials: ReadonlyMap<string, readonly number[]>;
  /** Every full syllable the dictionary knows ("ni", "hao", "zhuang", ...). */
  readonly known: ReadonlySet<string>;
  /** Every beginning of a known syllable ("zh", "zhu", "zhua", ...). */
  readonly prefixes: ReadonlySet<string>;
}

/** A word the letters may mean, and how many of the letters it uses up. */
export interface Candidate {
  text: string;
  /** Letters of the composition this candidate replaces (the rest stays composing). */
  consumed: number;
}

/** One page of the candidate bar. */
export interface CandidatePage {
  items: Candidate[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** The longest pinyin syllable ("zhuang", "shuang"). */
const LONGEST_SYLLABLE = 6;

/**
 * Reads the generated dictionary text: one entry a line, most frequent first,
 * `<word> <syllables joined by '>`. Bad lines are skipped, never thrown on.
 */
export function parseDictionary(text: string): PinyinDictionary {
  const words: string[] = [];
  const syllables: string[][] = [];
  const byInitials = new Map<string, number[]>();
  const known = new Set<string>();
  const prefixes = new Set<string>();
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const word = line.slice(0, space);
    const parts = line.slice(space + 1).split("'");
    if (parts.some((part) => !/^[a-z]{1,6}$/.test(part))) continue;
    const index = words.push(word) - 1;
    syllables.push(parts);
    const initials = parts.map((part) => part[0]).join('');
    const bucket = byInitials.get(initials);
    if (bucket) bucket.push(index);
    else byInitials.set(initials, [index]);
    if (parts.length === 1) {
      const syllable = parts[0]!;
      known.add(syllable);
      for (let end = 1; end <= syllable.length; end++) prefixes.add(syllable.slice(0, end));
    }
  }
  return { words, syllables, byInitials, known, prefixes };
}

/**
 * Splits typed letters into syllables, the way a pinyin keyboard reads them:
 * as few pieces as possible, full syllables before beginnings of one
 * ("nihao" → ni, hao; "xian" → xian; "hlm" → h, l, m as initials, so
 * 红楼梦 is found from its initials). An apostrophe forces a split ("xi'an").
 * Letters that begin no syllable at all become pieces of their own.
 */
export function segment(letters: string, dictionary: Pick<PinyinDictionary, 'known' | 'prefixes'>): string[] {
  const pieces: string[] = [];
  for (const chunk of letters.toLowerCase().split("'")) {
    if (chunk) pieces.push(...segmentChunk(chunk, dictionary));
  }
  return pieces;
}

function segmentChunk(text: string, { known, prefixes }: Pick<PinyinDictionary, 'known' | 'prefixes'>): string[] {
  // cost[i]: the cheapest split of text.slice(i); a full syllable costs 2, a beginning 3, an unknown letter 5.
  const n = text.length;
  const cost = new Array<number>(n + 1).fill(Infinity);
  const next = new Array<number>(n + 1).fill(n);
  cost[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let end = Math.min(n, i + LONGEST_SYLLABLE); end > i; end--) {
      const piece = text.slice(i, end);
      const step = known.has(piece) ? 2 : prefixes.has(piece) ? 3 : end === i + 1 ? 5 : Infinity;
      if (step + cost[end]! < cost[i]!) {
        cost[i] = step + cost[end]!;
        next[i] = end;
      }
    }
  }
  const pieces: string[] = [];
  for (let i = 0; i < n; i = next[i]!) pieces.push(text.slice(i, next[i]));
  return pieces;
}

/**
 * Whether a word's syllables are read by these pieces. A piece that is a
 * whole syllable means that syllable ("xi" is 西, not 先 xian), except the
 * last piece while it may still be typed (`openEnd`); a piece that is only a
 * beginning ("h", "zh") reads any syllable it begins.
 */
function matches(syllables: readonly string[], pieces: readonly string[], known: ReadonlySet<string>, openEnd: boolean): boolean {
  if (syllables.length !== pieces.length) return false;
  return syllables.every((syllable, i) => {
    const piece = pieces[i]!;
    if (syllable === piece) return true;
    const beginning = !known.has(piece) || (openEnd && i === pieces.length - 1);
    return beginning && syllable.startsWith(piece);
  });
}

/**
 * The words typed letters may mean, best first: words that use all the
 * syllables, then words for the first syllables only (committing one of those
 * leaves the rest composing), down to single characters of the first
 * syllable. Within each group: words read exactly by the syllables, then
 * words the last, unfinished syllable only begins ("xi" → 西 before 先 xian);
 * each by frequency. At most `limit`, no word twice.
 */
export function lookup(letters: string, dictionary: PinyinDictionary, limit = 120): Candidate[] {
  const lower = letters.toLowerCase();
  const pieces = segment(lower, dictionary);
  const result: Candidate[] = [];
  const seen = new Set<string>();
  // Where each piece ends in `letters`, apostrophes included, so a commit removes exactly what it used.
  const ends: number[] = [];
  let at = 0;
  for (const piece of pieces) {
    at = lower.indexOf(piece, at) + piece.length;
    ends.push(at);
  }
  const add = (bucket: readonly number[], used: string[], openEnd: boolean, consumed: number) => {
    for (const index of bucket) {
      if (result.length >= limit) return;
      const word = dictionary.words[index]!;
      if (seen.has(word) || !matches(dictionary.syllables[index]!, used, dictionary.known, openEnd)) continue;
      seen.add(word);
      result.push({ text: word, consumed });
    }
  };
  for (let count = pieces.length; count >= 1 && result.length < limit; count--) {
    const used = pieces.slice(0, count);
    const bucket = dictionary.byInitials.get(used.map((piece) => piece[0]).join('')) ?? [];
    let consumed = ends[count - 1]!;
    // A separator right after the used letters goes with them.
    while (lower[consumed] === "'") consumed++;
    add(bucket, used, false, consumed);
    // Only the very last letters typed may still grow into a longer syllable.
    if (count === pieces.length && !lower.endsWith("'")) add(bucket, used, true, consumed);
  }
  return result;
}

/** One page of candidates; `page` is clamped, so a stale page number is safe. */
export function candidatePage(candidates: readonly Candidate[], page: number, size: number): CandidatePage {
  const perPage = Math.max(1, Math.floor(size));
  const last = Math.max(0, Math.ceil(candidates.length / perPage) - 1);
  const current = Math.min(last, Math.max(0, Math.floor(page) || 0));
  return {
    items: candidates.slice(current * perPage, (current + 1) * perPage),
    page: current,
    hasPrevious: current > 0,
    hasNext: current < last,
  };
}

let loading: Promise<PinyinDictionary> | undefined;

/**
 * Loads the generated dictionary (a separate chunk, about 140 kB gzipped) the
 * first time pinyin is used, and parses it once for every keyboard on the page.
 */
export function loadPinyinDictionary(): Promise<PinyinDictionary> {
  loading ??= import('./generated/pinyin-dictionary.js').then(
    (module) => parseDictionary(module.dictionary),
    (error: unknown) => {
      // A failed download (offline kiosk, server restart) may be retried by the next key.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
