import { describe, expect, it } from 'vitest';
import { adapt, compileModule } from './compile.js';
import { type Json, SpecError } from './operations.js';

const components: Json = {
  schemas: {
    Manual: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string', enum: ['manual'] } },
    },
    Cron: {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'cron' }, at: { type: 'string' } },
    },
  },
};

describe('adapt', () => {
  it('drops annotations but keeps members that share their names', () => {
    expect(
      adapt(
        {
          type: 'object',
          description: 'A thing.',
          example: { description: 'x' },
          'x-internal': true,
          properties: { description: { type: 'string', description: 'Its description.', examples: ['x'] } },
          default: { description: 'kept' },
        },
        components,
        '#',
      ),
    ).toEqual({
      type: 'object',
      properties: { description: { type: 'string' } },
      default: { description: 'kept' },
    });
  });

  it('makes component references absolute', () => {
    expect(adapt({ items: { $ref: '#/components/schemas/Cron' } }, components, '#')).toEqual({
      items: { $ref: 'https://spec.neuracraft.invalid/openapi.json#/components/schemas/Cron' },
    });
  });

  it('turns an OpenAPI discriminator into one Ajv reads, with the accepted values', () => {
    const oneOf = [{ $ref: '#/components/schemas/Manual' }, { $ref: '#/components/schemas/Cron' }];
    const mapping = { manual: '#/components/schemas/Manual', cron: '#/components/schemas/Cron' };
    expect(adapt({ oneOf, discriminator: { propertyName: 'type', mapping } }, components, '#')).toMatchObject(
      {
        type: 'object',
        discriminator: { propertyName: 'type', tags: ['manual', 'cron'] },
      },
    );
  });

  it.each([
    [
      'a mapping that disagrees with the branches',
      {
        oneOf: [{ $ref: '#/components/schemas/Manual' }, { $ref: '#/components/schemas/Cron' }],
        discriminator: { propertyName: 'type', mapping: { manual: '#/components/schemas/Cron' } },
      },
      '#/discriminator/mapping/manual: disagrees with the "manual" of the oneOf branches',
    ],
    [
      'a branch without a value for the property',
      { oneOf: [{ type: 'object' }], discriminator: { propertyName: 'type' } },
      '#: every oneOf branch needs an enum or const for "type"',
    ],
    [
      'a reference outside the components',
      { $ref: 'https://example.com/s.json' },
      '#: only #/components/… references are supported, not https://example.com/s.json',
    ],
  ])('fails on %s', (_name, schema, message) => {
    expect(() => adapt(schema, components, '#')).toThrow(new SpecError(message));
  });
});

describe('compileModule', () => {
  const doc: Json = { components };
  const source = compileModule(doc, 'body', [
    { name: 'a', schema: { type: 'string', minLength: 1, format: 'date-time' } },
    { name: 'b', schema: { type: 'array', uniqueItems: true, items: { $ref: '#/components/schemas/Cron' } } },
  ]);

  it('emits ESM that imports Ajv’s runtime helpers and formats, with no require', () => {
    expect(source).not.toMatch(/\brequire\(/);
    expect(source).toContain('import * as runtime0 from "ajv/dist/runtime/ucs2length.js";');
    expect(source).toContain('import * as runtime1 from "ajv/dist/runtime/equal.js";');
    expect(source).toContain("import { fullFormats } from 'ajv-formats/dist/formats.js';");
  });

  it('exports the validators by name', () => {
    expect(source).toMatch(
      /export const validators: Readonly<Record<string, CompiledValidator>> = \{\n {2}"a": v0,\n {2}"b": v1,\n\};/,
    );
  });

  it('refuses schemas that are not strict JSON Schema 2020-12', () => {
    expect(() =>
      compileModule(doc, 'body', [{ name: 'typo', schema: { type: 'string', maxlength: 5 } }]),
    ).toThrow(/strict mode: unknown keyword: "maxlength"/);
  });
});
