/**
 * The receipt a patron takes away: what they borrowed and renewed, with due
 * dates. Pure text, for the printer or a QR code the visitor scans with their
 * phone (the kiosk keeps nothing once the visit ends).
 */
export interface ReceiptLine {
  title: string;
  dueOn: string;
}

export interface ReceiptText {
  heading: string;
  borrowed: string;
  renewed: string;
  due: string;
}

export function receiptText(lines: { borrowed: ReceiptLine[]; renewed: ReceiptLine[] }, words: ReceiptText, date: string): string {
  const out = [`${words.heading} ${date}`];
  if (lines.borrowed.length) out.push(`${words.borrowed}:`, ...lines.borrowed.map((l) => `- ${l.title} · ${words.due} ${l.dueOn}`));
  if (lines.renewed.length) out.push(`${words.renewed}:`, ...lines.renewed.map((l) => `- ${l.title} · ${words.due} ${l.dueOn}`));
  return out.join('\n');
}
