import type { OPERATIONS_BY_ROUTE, OperationId, operations, Route } from '@neuracraft/types';
import { OPERATION_TABLE, ROUTES } from './generated/table.js';
import type { OperationValidators } from './table.js';

/** An operation, named by its operationId (`createPipeline`) or its route (`"POST /v1/pipelines"`). */
export type OperationKey = OperationId | Route;

/** The operationId an {@link OperationKey} names. */
export type OperationIdOf<K extends OperationKey> = K extends OperationId
  ? K
  : K extends Route
    ? (typeof OPERATIONS_BY_ROUTE)[K]['operationId']
    : never;

type Lowercased<T> = { [K in keyof T as K extends string ? Lowercase<K> : K]: T[K] };
type Present<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;
type ContentOf<R> = R extends { content?: infer C }
  ? [NonNullable<C>] extends [never]
    ? undefined
    : NonNullable<C>[keyof NonNullable<C>]
  : unknown;
type Parameters<Id extends OperationId> = operations[Id]['parameters'];

/** The request body of an operation (`undefined` where it takes none or it is optional and absent). */
export type RequestBody<Id extends OperationId> =
  | ContentOf<NonNullable<operations[Id]['requestBody']>>
  | (undefined extends operations[Id]['requestBody'] ? undefined : never);

/** A request that passed validation: parameters coerced to their declared types, defaults filled in. */
export interface ValidRequest<Id extends OperationId> {
  readonly params: Present<Parameters<Id>['path']>;
  readonly query: Present<Parameters<Id>['query']>;
  /** Declared headers only, by lower-cased name, e.g. `headers['idempotency-key']`. */
  readonly headers: Lowercased<Present<Parameters<Id>['header']>>;
  readonly body: RequestBody<Id>;
}

/** The body of the response `status` of an operation; `unknown` for a status it does not document. */
export type ResponseBody<
  Id extends OperationId,
  S extends number,
> = S extends keyof operations[Id]['responses'] ? ContentOf<operations[Id]['responses'][S]> : unknown;

/** The validators of an operation; a key that names none is a programming error and throws. */
export function validatorsOf(op: string): OperationValidators {
  const entry =
    (OPERATION_TABLE as Readonly<Record<string, OperationValidators>>)[op] ??
    (OPERATION_TABLE as Readonly<Record<string, OperationValidators>>)[
      (ROUTES as Readonly<Record<string, string>>)[op] ?? ''
    ];
  if (entry === undefined) {
    throw new TypeError(`@neuracraft/validators: no operation ${JSON.stringify(op)} in the spec`);
  }
  return entry;
}

/** Strips parameters and case from a media type: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string | undefined | null): string | undefined {
  if (typeof contentType !== 'string') {
    return undefined;
  }
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}
