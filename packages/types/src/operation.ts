/** An HTTP method an operation can be bound to. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/**
 * One alternative of an operation's `security`: scheme name → scopes that are all needed (AND).
 * An empty list means "any valid credential of this scheme".
 */
export type SecurityRequirement<Scheme extends string = string, S extends string = string> = Readonly<
  Partial<Record<Scheme, readonly S[]>>
>;

/** What the generator knows of a security scheme declared in `components.securitySchemes`. */
export type SecuritySchemeDescriptor =
  | { readonly type: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string }
  | { readonly type: 'oauth2'; readonly tokenUrl: string | null; readonly scopes: readonly string[] }
  | { readonly type: 'http'; readonly scheme: string }
  | { readonly type: 'openIdConnect' | 'mutualTLS' };

/**
 * One row of the operation table: everything needed to route, authenticate and authorize a request.
 *
 * `security` is a list of alternatives (OR); inside one alternative every scheme and every scope is
 * needed (AND). An empty list marks a public operation.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
export interface OperationDescriptor<
  Id extends string = string,
  Scheme extends string = string,
  S extends string = string,
> {
  readonly operationId: Id;
  readonly method: HttpMethod;
  /** The path as written in the spec, e.g. `/v1/pipelines/{id}`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly security: readonly SecurityRequirement<Scheme, S>[];
  /** The media type of the request body, or `null` when the operation takes none. */
  readonly requestContentType: string | null;
  /** Whether the request body is required. */
  readonly requestBodyRequired: boolean;
  /** Every status code the spec documents for this operation, ascending. */
  readonly responses: readonly number[];
  /**
   * Whether its success response holds a secret shown this once (`x-shows-secret: true` in the spec):
   * never stored, so never replayed for a repeated `Idempotency-Key`.
   */
  readonly showsSecret: boolean;
}
