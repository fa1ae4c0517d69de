import type { CompiledValidator } from './compiled.js';

/** The parameters of one location (`path`, `query` or `header`) of an operation. */
export interface LocationValidator {
  /** Declared names; header names lower-cased. */
  readonly names: readonly string[];
  /** Array parameters sent as one comma-separated value. */
  readonly split: readonly string[];
  readonly validate: CompiledValidator;
}

/** The validator of one request media type. */
export interface MediaValidator {
  /** A form body: an object of strings, coerced to the declared types like parameters. */
  readonly form: boolean;
  readonly validate: CompiledValidator;
}

/** Every validator of one operation. */
export interface OperationValidators {
  readonly operationId: string;
  readonly path: LocationValidator | null;
  readonly query: LocationValidator | null;
  readonly header: LocationValidator | null;
  readonly body: {
    readonly required: boolean;
    readonly media: Readonly<Record<string, MediaValidator>>;
  } | null;
  /** By status as the spec writes it (`200`, `4XX`, `default`), then media type; `{}` for no body. */
  readonly responses: Readonly<Record<string, Readonly<Record<string, CompiledValidator>>>>;
}
