import { type ConformanceOptions, conformanceProblems } from '../check/conformance.js';
import type { SuiteContext } from '../context.js';
import type { Credentials } from '../credentials.js';
import type { Fixtures } from '../fixtures.js';
import { describeBody, describeRequest, type Exchange, type HttpRequest, shorten } from '../http/client.js';
import type { FailedExchange } from '../result.js';
import type { OperationSpec } from '../spec/document.js';

/** What a case expects of a response, beyond conforming to the spec. */
export interface Expectation {
  /** The statuses that are right. */
  readonly status: number | readonly number[];
  /** The `error` code an error body must carry. */
  readonly error?: string;
  /** Further checks; each message returned is a failure. */
  readonly check?: (exchange: Exchange) => readonly string[];
}

/** Everything a case runs with. */
export interface CaseContext {
  readonly op: OperationSpec;
  readonly ctx: SuiteContext;
  readonly credentials: Credentials;
  readonly fixtures: Fixtures;
  /** The failures recorded so far. */
  readonly failures: readonly string[];
  /** Sends a request; remembers resources it created so they are removed at the end. */
  send(request: HttpRequest): Promise<Exchange>;
  /**
   * Checks a response against the spec (status documented, body schema, members, headers) and
   * against `expectation`; records a failure per problem. Answers whether there was none.
   */
  expect(exchange: Exchange, expectation?: Expectation, op?: OperationSpec): boolean;
  /**
   * Records like {@link expect}, and answers whether the status was one `expectation` allows — so a
   * case can go on to its next step although the response has other problems (a stray header).
   */
  reached(exchange: Exchange, expectation: Expectation, op?: OperationSpec): boolean;
  /** What {@link expect} would record, without recording it. */
  problems(exchange: Exchange, expectation?: Expectation, op?: OperationSpec): string[];
  /** Records a failing exchange for the report (request and response bodies). */
  keep(exchange: Exchange): void;
  /** Records a failure that is not about one response. */
  fail(message: string): void;
}

/** One case of the suite: a name that says what is sent and what must come back, and how to run it. */
export interface CaseDefinition {
  readonly operationId: string;
  readonly name: string;
  /** Runs after the short-lived credentials have expired. */
  readonly late?: boolean;
  /** Set when the case cannot run here; it is reported as skipped. */
  readonly skip?: string;
  readonly run: (t: CaseContext) => Promise<void>;
}

const statusList = (s: number | readonly number[]) => (typeof s === 'number' ? [s] : s);

/** Collects the failures of one running case. */
export class CaseRecorder implements CaseContext {
  readonly failures: string[] = [];
  readonly exchanges: FailedExchange[] = [];
  /** Requests this case sent itself (fixtures and credentials it needed are not counted). */
  sent = 0;

  constructor(
    readonly op: OperationSpec,
    readonly ctx: SuiteContext,
    readonly credentials: Credentials,
    readonly fixtures: Fixtures,
    private readonly conformance: ConformanceOptions,
  ) {}

  async send(request: HttpRequest): Promise<Exchange> {
    this.sent++;
    const exchange = await this.ctx.http.send(request);
    this.fixtures.track(exchange.response);
    return exchange;
  }

  fail(message: string): void {
    this.failures.push(message);
  }

  problems(exchange: Exchange, expectation?: Expectation, op: OperationSpec = this.op): string[] {
    const { response } = exchange;
    const problems = conformanceProblems(op, response, this.conformance);
    if (expectation) {
      const allowed = statusList(expectation.status);
      const body = response.json as { error?: unknown } | undefined;
      const want = `${allowed.join(' or ')}${expectation.error ? ` ${expectation.error}` : ''}`;
      if (response.status >= 500) {
        // Already reported as a server error: nothing more to say.
      } else if (!allowed.includes(response.status)) {
        const got =
          typeof body?.error === 'string' ? `${response.status} ${body.error}` : String(response.status);
        problems.unshift(`expected ${want}, got ${got}`);
      } else if (expectation.error !== undefined && body?.error !== expectation.error) {
        problems.unshift(`expected ${want}, got error ${JSON.stringify(body?.error)}`);
      } else if (expectation.check) {
        problems.push(...expectation.check(exchange));
      }
    }
    return problems;
  }

  expect(exchange: Exchange, expectation?: Expectation, op: OperationSpec = this.op): boolean {
    const problems = this.problems(exchange, expectation, op);
    if (problems.length === 0) {
      return true;
    }
    const line = `${describeRequest(exchange.request)} → ${exchange.response.status}`;
    for (const problem of problems) {
      this.failures.push(`${line}: ${problem}`);
    }
    this.keep(exchange);
    return false;
  }

  reached(exchange: Exchange, expectation: Expectation, op: OperationSpec = this.op): boolean {
    this.expect(exchange, expectation, op);
    return statusList(expectation.status).includes(exchange.response.status);
  }

  keep(exchange: Exchange): void {
    const { request, response } = exchange;
    const requestBody = describeBody(request);
    this.exchanges.push({
      request: describeRequest(request),
      ...(requestBody !== undefined && { requestBody }),
      status: response.status,
      responseBody: shorten(response.text, 500),
    });
  }
}
