/** A `fetch` that retries `429 Too Many Requests` (and a `503` that names a `Retry-After`),
 * waiting as long as the answer's `Retry-After` says. The request is re-sent unchanged, so a
 * create keeps its `Idempotency-Key` across retries and the gateway answers it once. */

import { retryAfterSeconds } from "./errors.js";

export type FetchLike = (input: Request) => Promise<Response>;

export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 turns retrying off). */
  maxRetries?: number;
  /** Longest wait the client accepts, in milliseconds (default 60 000). An answer asking for
   * longer is returned as it is (the caller gets a `rate_limited` error with `retryAfter`). */
  maxRetryDelayMs?: number;
  /** Wait used when a 429 names no `Retry-After`: this many ms, doubling per retry (default
   * 500). */
  initialBackoffMs?: number;
  /** How to wait (tests pass a fake clock). */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The delay before retrying `response`, in ms, or null when it should not be retried. */
export function retryDelayMs(
  response: Response,
  attempt: number,
  options: Required<Omit<RetryOptions, "sleep">>,
): number | null {
  if (attempt >= options.maxRetries) return null;
  const seconds = retryAfterSeconds(response.headers.get("Retry-After"));
  if (response.status === 429) {
    const ms = seconds === null ? options.initialBackoffMs * 2 ** attempt : seconds * 1000;
    return ms <= options.maxRetryDelayMs ? ms : null;
  }
  if (response.status === 503 && seconds !== null) {
    const ms = seconds * 1000;
    return ms <= options.maxRetryDelayMs ? ms : null;
  }
  return null;
}

export function retryingFetch(inner: FetchLike, options: RetryOptions = {}): FetchLike {
  const settings = {
    maxRetries: options.maxRetries ?? 3,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    initialBackoffMs: options.initialBackoffMs ?? 500,
  };
  const sleep = options.sleep ?? wait;
  return async (request: Request) => {
    for (let attempt = 0; ; attempt++) {
      // Keep an unread copy of the request (its body can be sent once) for the next attempt.
      const spare = attempt < settings.maxRetries ? request.clone() : null;
      const response = await inner(request);
      const delay = retryDelayMs(response, attempt, settings);
      if (delay === null || spare === null) return response;
      await response.body?.cancel();
      await sleep(delay);
      request = spare;
    }
  };
}
