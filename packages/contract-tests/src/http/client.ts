/** A request body as the suite sends it. */
export type RequestBody =
  | { readonly type: 'json'; readonly value: unknown }
  | { readonly type: 'form'; readonly value: Readonly<Record<string, string | readonly string[]>> }
  | { readonly type: 'raw'; readonly contentType: string | null; readonly text: string };

/** One HTTP request, relative to the base URL. */
export interface HttpRequest {
  readonly method: string;
  /** The path with its parameters filled in (and percent-encoded). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  /** Says what credential the request carries, for reports (`API key with pipeline:read`). */
  readonly label?: string;
  /** Wait out a `429` and send again (within the run's budget). Default: `true`. */
  readonly retryRateLimited?: boolean;
}

/** One HTTP response, read whole. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body when it is JSON; `undefined` when there is none or it does not parse. */
  readonly json: unknown;
  /** Whether the body claimed to be JSON but did not parse. */
  readonly malformedJson: boolean;
}

/** A request and the response it got. */
export interface Exchange {
  readonly request: HttpRequest;
  readonly response: HttpResponse;
}

/** How the suite talks to the server. */
export interface HttpOptions {
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  /** Per request. Default: 10 000 ms. */
  readonly timeoutMs?: number;
  /**
   * The longest total wait on `429 Too Many Requests` (honouring `Retry-After`) before the 429 is
   * handed to the case. Default: 120 000 ms.
   */
  readonly rateLimitWaitMs?: number;
}

/** Sends requests; counts them. */
export interface Http {
  send(request: HttpRequest): Promise<Exchange>;
  readonly sent: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function encode(body: RequestBody | undefined): { body?: string; type?: string } {
  if (body === undefined) {
    return {};
  }
  switch (body.type) {
    case 'json':
      return { body: JSON.stringify(body.value), type: 'application/json' };
    case 'form': {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body.value)) {
        for (const item of typeof v === 'string' ? [v] : v) {
          form.append(k, item);
        }
      }
      return { body: form.toString(), type: 'application/x-www-form-urlencoded' };
    }
    case 'raw':
      return body.contentType === null ? { body: body.text } : { body: body.text, type: body.contentType };
  }
}

/** The URL of a request: base URL (with any path prefix it has) + path + query. */
export function urlOf(baseUrl: string, request: HttpRequest): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + request.path);
  for (const [k, v] of Object.entries(request.query ?? {})) {
    for (const item of typeof v === 'string' ? [v] : v) {
      url.searchParams.append(k, item);
    }
  }
  return url;
}

/**
 * A small HTTP client over `fetch`: whole bodies, JSON parsed when the response says it is JSON,
 * `429`s waited out (within a budget) so a deployment's rate limits slow the suite down instead of
 * failing it.
 */
export function createHttp(options: HttpOptions): Http {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let waitBudget = options.rateLimitWaitMs ?? 120_000;
  let sent = 0;
  const send = async (request: HttpRequest): Promise<Exchange> => {
    const { body, type } = encode(request.body);
    const headers = new Headers(request.headers);
    if (type !== undefined && !headers.has('content-type')) {
      headers.set('content-type', type);
    }
    for (let attempt = 0; ; attempt++) {
      sent++;
      const res = await doFetch(urlOf(options.baseUrl, request), {
        method: request.method.toUpperCase(),
        headers,
        ...(body !== undefined && { body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      if (res.status === 429 && attempt < 5 && request.retryRateLimited !== false) {
        const wait = Math.max(1, Number(res.headers.get('retry-after') ?? '1')) * 1000;
        if (Number.isFinite(wait) && wait <= waitBudget) {
          waitBudget -= wait;
          await sleep(wait);
          continue;
        }
      }
      const isJson = /^application\/([\w.+-]+\+)?json\b/i.test(res.headers.get('content-type') ?? '');
      let json: unknown;
      let malformedJson = false;
      if (isJson && text !== '') {
        try {
          json = JSON.parse(text);
        } catch {
          malformedJson = true;
        }
      }
      return { request, response: { status: res.status, headers: res.headers, text, json, malformedJson } };
    }
  };
  return { send, sent: () => sent };
}

/** `POST /v1/pipelines (API key with pipeline:write)`: a request as reports name it. */
export const describeRequest = (request: HttpRequest): string => {
  const query =
    Object.keys(request.query ?? {}).length > 0
      ? `?${flatQuery(request)
          .map(([k, v]) => `${k}=${v}`)
          .join('&')}`
      : '';
  const who = request.label ? ` (${request.label})` : '';
  return `${request.method.toUpperCase()} ${request.path}${query}${who}`;
};

const clip = (value: string) =>
  value.length > 40 ? `${value.slice(0, 20)}…(${value.length} characters)` : value;

function flatQuery(request: HttpRequest): [string, string][] {
  return Object.entries(request.query ?? {}).flatMap(([k, v]) =>
    (typeof v === 'string' ? [v] : v).map((item): [string, string] => [k, clip(item)]),
  );
}

/** The body a request sent, shortened for a report. */
export function describeBody(request: HttpRequest, max = 300): string | undefined {
  const { body } = request;
  if (body === undefined) {
    return undefined;
  }
  const text =
    body.type === 'json'
      ? JSON.stringify(body.value)
      : body.type === 'form'
        ? (encode(body).body ?? '')
        : `${body.contentType ?? '(no content type)'}: ${body.text}`;
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** A response body, shortened for a report. */
export const shorten = (text: string, max = 300): string =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
