const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const labels = (pairs: Record<string, string>) =>
  Object.entries(pairs)
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');

/** One labelled counter: its rendered label set and its value. */
interface Cell {
  readonly labels: string;
  value: number;
}

/**
 * Counters under two labels, found by two map lookups on the label values themselves: no key string
 * is built per event, and the label set is rendered once, when a pair is first seen.
 */
class Counters {
  readonly #cells = new Map<string, Map<string, Cell>>();
  readonly #order: Cell[] = [];
  readonly #names: readonly [string, string] | readonly [string];

  constructor(...names: readonly [string, string] | readonly [string]) {
    this.#names = names;
  }

  add(first: string, second = ''): void {
    let row = this.#cells.get(first);
    if (row === undefined) {
      row = new Map();
      this.#cells.set(first, row);
    }
    let cell = row.get(second);
    if (cell === undefined) {
      const [a, b] = this.#names;
      cell = { labels: labels(b === undefined ? { [a]: first } : { [a]: first, [b]: second }), value: 0 };
      row.set(second, cell);
      this.#order.push(cell);
    }
    cell.value++;
  }

  cells(): readonly Cell[] {
    return this.#order;
  }
}

/** The server's Prometheus metrics, kept in memory and rendered as text on demand. */
export class Metrics {
  readonly #requests = new Counters('operation', 'status');
  readonly #auth = new Counters('kind', 'outcome');
  readonly #tokens = new Counters('outcome');
  readonly #latency = new Map<string, { counts: number[]; sum: number; count: number }>();
  readonly #statuses = new Map<number, string>();

  /** One answered request of `operation` with `status`, taking `seconds`. */
  request(operation: string, status: number, seconds: number): void {
    let text = this.#statuses.get(status);
    if (text === undefined) {
      text = String(status);
      this.#statuses.set(status, text);
    }
    this.#requests.add(operation, text);
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
    this.#auth.add(kind, outcome);
  }

  /** One token request ending in `outcome` (`issued` or an error code). */
  token(outcome: string): void {
    this.#tokens.add(outcome);
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const out: string[] = [];
    const counter = (name: string, help: string, values: Counters) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const cell of values.cells()) {
        out.push(`${name}{${cell.labels}} ${cell.value}`);
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
