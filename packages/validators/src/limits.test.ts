import { spec } from '@neuracraft/types/spec';
import { describe, expect, it } from 'vitest';
import { unboundedPlaces } from '../codegen/cases.js';
import { type Json, readOperations } from '../codegen/operations.js';
import { MAX_BODY_BYTES } from './limits.js';

const doc = spec as unknown as Json;
const operations = readOperations(doc);

// RFC 6749 §3.2, RFC 7009 §2.1 and RFC 7662 §2.1: a form request's unknown parameters are ignored, not
// refused; MAX_BODY_BYTES bounds them.
const FORM = 'application/x-www-form-urlencoded';

describe('limits that protect the server are declared in the spec', () => {
  it('MAX_BODY_BYTES is the limit the spec’s 413 response states', () => {
    const tooLarge = JSON.stringify(spec.components.responses?.PayloadTooLarge);
    expect(tooLarge).toContain(`exceeds ${MAX_BODY_BYTES} bytes`);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s: every parameter and body member is bounded; write bodies refuse unknown members',
    (_id, op) => {
      const places = [
        ...(['path', 'query', 'header'] as const).flatMap((location) =>
          Object.entries((op.params[location]?.schema.properties ?? {}) as Json).flatMap(([name, schema]) =>
            unboundedPlaces(doc, schema, `${location} ${name}`, true),
          ),
        ),
        ...(op.body?.media ?? []).flatMap((m) =>
          unboundedPlaces(doc, m.schema, 'body', m.mediaType !== FORM),
        ),
      ];
      expect(places).toEqual([]);
    },
  );

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s: every response string and array is bounded',
    (_id, op) => {
      const places = Object.entries(op.responses).flatMap(([status, media]) =>
        media.flatMap((m) => unboundedPlaces(doc, m.schema, `${status}`, false)),
      );
      expect(places).toEqual([]);
    },
  );
});
