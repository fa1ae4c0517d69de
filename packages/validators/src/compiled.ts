import type { ErrorObject } from 'ajv';

/** A validator compiled ahead of time from a schema of the spec. */
export interface CompiledValidator {
  (
    data: unknown,
    context?: {
      instancePath?: string;
      parentData?: unknown;
      parentDataProperty?: string | number;
      rootData?: unknown;
    },
  ): boolean;
  /** What failed on the last call, with the schema of each failing place (`verbose`). */
  errors?: ErrorObject[] | null;
}
