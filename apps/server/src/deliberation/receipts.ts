/**
 * Receipt codes are read off a screen or a slip of paper and typed back on a
 * keypad, so the check forgives what people get wrong: case, spaces, missing
 * or misplaced hyphens, and the confusable letters O (zero) and I / L (one).
 * Receipts are issued in Crockford's alphabet (tally.ts), which has no I, L,
 * O or U, so these replacements can never turn one real code into another.
 */
export function normalizeReceipt(raw: string): string {
  const code = raw.trim().toUpperCase().replace(/\s+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const bare = code.replace(/-+/g, '');
  // Issued codes are groups of four (XXXX-XXXX-XXXX): regroup, whatever hyphens were typed.
  if (bare.length >= 8 && bare.length % 4 === 0) return bare.match(/.{4}/g)!.join('-');
  return code;
}
