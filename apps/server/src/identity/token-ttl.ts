/** The longest a token lives; also how long a retired signing key keeps verifying. */
export const TOKEN_TTL_MS = 10 * 60_000;
