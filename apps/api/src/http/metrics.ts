const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const labels = (pairs: Record<string, string>) =>
  Object.entries(pairs)
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');

/** Adds one to the counter under `pairs`, rendering its label string only the first time it is seen. */
function increment(
  values: Map<string, number>,
  keys: Map<string, string>,
  id: string,
  pairs: () => Record<string, string>,
) {
  let key = keys.get(id);
  if (key === undefined) {
    key = labels(pairs());
    keys.set(id, key);
  }
  values.set(key, (values.get(key) ?? 0) + 1);
}

/** The server's Prometheus metrics, kept in memory and rendered as text on demand. */
export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #auth = new Map<string, number>();
  readonly #tokens = new Map<string, number>();
  readonly #latency = new Map<string, { counts: number[]; sum: number; count: number }>();
  readonly #keys = new Map<string, string>();

  /** One answered request of `operation` with `status`, taking `seconds`. */
  request(operation: string, status: number, seconds: number): void {
    increment(this.#requests, this.#keys, `r ${operation} ${status}`, () => ({
      operation,
      status: String(status),
    }));
    let h = this.#latency.get(operation);
    if (h === undefined) {
      h = { counts: new Array(BUCKETS.length).fill(0), sum: 0, count: 0 };
      this.#latency.set(operation, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]!) {
        h.counts[i]!++;
        break;
      }
    }
    h.sum += seconds;
    h.count++;
  }

  /** One authentication attempt by `kind` ending in `outcome` (`ok` or an error code). */
  authentication(kind: string, outcome: string): void {
    increment(this.#auth, this.#keys, `a ${kind} ${outcome}`, () => ({ kind, outcome }));
  }

  /** One token request ending in `outcome` (`issued` or an error code). */
  token(outcome: string): void {
    increment(this.#tokens, this.#keys, `t ${outcome}`, () => ({ outcome }));
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const out: string[] = [];
    const counter = (name: string, help: string, values: Map<string, number>) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [key, value] of values) {
        out.push(`${name}{${key}} ${value}`);
      }
    };
    counter('neuracraft_http_requests_total', 'Requests answered, by operation and status.', this.#requests);
    counter(
      'neuracraft_authentications_total',
      'Authentication attempts, by credential kind and outcome.',
      this.#auth,
    );
    counter('neuracraft_token_requests_total', 'Token endpoint requests, by outcome.', this.#tokens);
    out.push(
      '# HELP neuracraft_http_request_duration_seconds Time to answer a request, by operation.',
      '# TYPE neuracraft_http_request_duration_seconds histogram',
    );
    for (const [operation, h] of this.#latency) {
      let cumulative = 0;
      for (let i = 0; i < BUCKETS.length; i++) {
        cumulative += h.counts[i]!;
        out.push(
          `neuracraft_http_request_duration_seconds_bucket{${labels({ operation, le: String(BUCKETS[i]) })}} ${cumulative}`,
        );
      }
      out.push(
        `neuracraft_http_request_duration_seconds_bucket{${labels({ operation, le: '+Inf' })}} ${h.count}`,
        `neuracraft_http_request_duration_seconds_sum{${labels({ operation })}} ${h.sum}`,
        `neuracraft_http_request_duration_seconds_count{${labels({ operation })}} ${h.count}`,
      );
    }
    return `${out.join('\n')}\n`;
  }
}
