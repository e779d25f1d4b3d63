import { s } from '../http/validation.js';

/**
 * The library's refusal body: the server's error shape, with `details` as an object of the figures a
 * refusal names ({ limit }, { finesTotalCents, fineLimitCents }, { callNumber }, …) as CONTRACT section C
 * says, and the SIP2 screen message when the library system gave one.
 */
export const libraryError = {
  ...s.error,
  properties: {
    ...s.error.properties,
    details: {
      type: 'object',
      additionalProperties: { type: ['integer', 'string'] },
      description: 'the figures the refusal names, e.g. { limit } (LOAN_LIMIT, HOLD_LIMIT, RENEW_LIMIT), { finesTotalCents, fineLimitCents } (CARD_BLOCKED_FINES), { callNumber } (ITEM_AVAILABLE), { overdue } (CARD_BLOCKED_OVERDUE), { expiresOn } (CARD_EXPIRED)',
    },
    screenMessages: { type: 'array', items: { type: 'string' }, description: 'SIP2 backend: what the library system said (AF)' },
  },
} as const;

/** Every library route may answer 503 LIBRARY_OFFLINE (the SIP2 library system does not answer). */
export function libraryErrors(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const status of [400, ...statuses, 503]) out[status] = libraryError;
  return out;
}
