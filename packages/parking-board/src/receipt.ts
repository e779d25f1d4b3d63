// Receipt codes are read off a screen or a phone and typed back: tolerate case, spaces and the
// characters people confuse (O/0, I/L/1), on the kiosk as the server does.

/** The code as the server stores it: upper case, O→0, I/L→1, no spaces, hyphens every four characters when missing. */
export function normalizeReceipt(input: string): string {
  const cleaned = input.trim().toUpperCase().replace(/\s+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.includes('-')) return cleaned;
  return cleaned.match(/.{1,4}/g)?.join('-') ?? '';
}

/** The comparable core of a code: only letters and digits, confusables folded. */
export function receiptKey(input: string): string {
  return input.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1').replace(/[^A-Z0-9]/g, '');
}

/** The counted receipt a visitor meant, from the public list; undefined when none matches. */
export function findReceipt(receipts: readonly string[], input: string): string | undefined {
  const key = receiptKey(input);
  if (key.length < 6) return undefined;
  return receipts.find((r) => receiptKey(r) === key);
}
