import { ApiError } from '@civic-kiosk/core';

export interface RetryOptions {
  /** Tries in all, the first included. Default 3. */
  attempts?: number;
  /** Wait before the n-th retry, in ms. Default 400, 1200. */
  delays?: readonly number[];
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one write again when its answer was lost (the request never reached
 * the server, or its answer never came back: NETWORK, TIMEOUT). The caller
 * passes the same idempotency key on every try, so the server does the write
 * at most once and answers a retry with the first outcome. A server answer
 * (2xx or 4xx/5xx with a code) is final and never retried.
 */
export async function retryLost<T>(run: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const delays = options.delays ?? [400, 1200];
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      const lost = error instanceof ApiError && error.offline;
      if (!lost || attempt >= attempts || options.signal?.aborted) throw error;
      await sleep(delays[Math.min(attempt - 1, delays.length - 1)] ?? 0);
    }
  }
}
