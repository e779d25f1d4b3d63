import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials of a Chinese title (红楼梦 -> hlm), which elderly visitors
 * type on a keypad instead of characters. Latin letters and digits are kept.
 */
export function pinyinInitials(text: string): string {
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return initials
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function likeContains(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
