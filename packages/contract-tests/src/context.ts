import {
  createHttp,
  describeRequest,
  type Exchange,
  type Http,
  type HttpRequest,
  shorten,
} from './http/client.js';
import { apiKeyHeader } from './spec/security.js';

/** Options of a run, defaults filled in. */
export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly adminKey: string;
  readonly only: readonly string[] | undefined;
  readonly fuzz: number;
  readonly seed: number;
  readonly concurrency: number;
  readonly expiry: boolean;
  readonly allowedHeaders: ReadonlySet<string>;
}

/**
 * Something the suite needed from the server to run, and did not get (an unreachable server, a
 * refused admin key), or an option it cannot run with. Inside a case it fails that case; before
 * the cases it is thrown by {@link runContractSuite}.
 *
 * @example
 * ```ts
 * try {
 *   await runContractSuite({ baseUrl, adminKey: 'nc_wrong' });
 * } catch (error) {
 *   if (error instanceof SetupError) console.error(error.message); // the admin key was refused …
 * }
 * ```
 */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}

/** State shared by every case of a run: the HTTP client, the admin credential, the server's clock. */
export class SuiteContext {
  readonly http: Http;
  /** Server clock minus local clock, from `Date` headers (second precision). */
  private skewMs = 0;

  constructor(
    readonly options: ResolvedOptions,
    fetchImpl?: typeof fetch,
  ) {
    const http = createHttp({ baseUrl: options.baseUrl, ...(fetchImpl && { fetch: fetchImpl }) });
    this.http = {
      sent: http.sent,
      send: async (request) => {
        const exchange = await http.send(request);
        const date = exchange.response.headers.get('date');
        if (date !== null && Number.isFinite(Date.parse(date))) {
          this.skewMs = Date.parse(date) - Date.now();
        }
        return exchange;
      },
    };
  }

  /** The server's clock, in milliseconds since the epoch (as far as `Date` headers tell). */
  serverNow(): number {
    return Date.now() + this.skewMs;
  }

  /** Headers that authenticate as the admin key. */
  adminHeaders(): Record<string, string> {
    return { [apiKeyHeader()]: this.options.adminKey };
  }

  /**
   * Sends a request the suite needs to succeed (creating a credential or a fixture) and answers the
   * response when its status is one of `expected`.
   *
   * @throws {SetupError} naming the request and what the server answered.
   */
  async must(request: HttpRequest, expected: readonly number[], what: string): Promise<Exchange> {
    const exchange = await this.http.send(request);
    if (!expected.includes(exchange.response.status)) {
      throw new SetupError(
        `could not ${what}: ${describeRequest(request)} → ${exchange.response.status} ${shorten(exchange.response.text, 200)}`,
      );
    }
    return exchange;
  }
}
