/**
 * When and how often the client sends a request again after a `429` or `5xx` answer. Only requests safe
 * to repeat are retried: `GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`, and any request with an
 * `Idempotency-Key` header; other `POST`s and `PATCH`es (token requests included) are sent once.
 *
 * @example
 * ```ts
 * createClient({ baseUrl, auth, retry: { retries: 5, baseDelay: 500, maxDelay: 60_000 } });
 * createClient({ baseUrl, auth, retry: false }); // no retries
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3 (`Retry-After`)
 */
export interface RetryOptions {
  /** How many times a request is sent again after the first attempt. Default: `2`. */
  retries?: number;
  /** Base of the exponential backoff, in milliseconds: about `baseDelay * 2^attempt`, with jitter. Default: `300`. */
  baseDelay?: number;
  /**
   * The longest wait, in milliseconds. A `Retry-After` longer than this is not waited for: the `429`
   * is returned as it is. Default: `30000`.
   */
  maxDelay?: number;
}

/**
 * A `fetch` that takes a `Request` — what the `fetch` option of {@link createClient} accepts.
 *
 * @example
 * ```ts
 * const traced: Fetch = (request) => {
 *   console.log(request.method, request.url);
 *   return fetch(request);
 * };
 * ```
 */
export type Fetch = (request: Request) => Promise<Response>;

const IDEMPOTENT = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

/** Milliseconds to wait from a `Retry-After` header (delay-seconds or HTTP-date), if it has one. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  // An HTTP-date has a day and a month name; without this, Date.parse would read '-5' as a year.
  const ms = /^\d+$/.test(text)
    ? Number(text) * 1000
    : /[a-z]/i.test(text)
      ? Date.parse(text) - now
      : Number.NaN;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal.addEventListener('abort', abort, { once: true });
  });

/**
 * Wraps `fetch` so that a `429` or `5xx` answer is retried with exponential backoff and jitter,
 * honouring `Retry-After` — but only for requests that are safe to repeat: idempotent methods
 * (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`) and any request carrying an `Idempotency-Key`.
 */
export function withRetry(
  fetch: Fetch,
  { retries = 2, baseDelay = 300, maxDelay = 30_000 }: RetryOptions = {},
): Fetch {
  return async (request) => {
    const repeatable = IDEMPOTENT.includes(request.method) || request.headers.has('Idempotency-Key');
    for (let attempt = 0; ; attempt++) {
      const last = !repeatable || attempt >= retries;
      const response = await fetch(last ? request : request.clone());
      const { status } = response;
      if (last || !(status === 429 || (status >= 500 && status !== 501))) {
        return response;
      }
      const cap = Math.min(maxDelay, baseDelay * 2 ** attempt);
      const wait = retryAfter(response.headers.get('Retry-After')) ?? cap / 2;
      if (wait > maxDelay) {
        return response;
      }
      await response.body?.cancel();
      await sleep(wait + (Math.random() * cap) / 2, request.signal);
    }
  };
}
