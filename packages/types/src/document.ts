/** A JSON value as found in the OpenAPI document. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The bundled OpenAPI 3.1 document, loosely typed: read its parts with the generated types in mind. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string; readonly [key: string]: JsonValue };
  readonly paths: { readonly [path: string]: { readonly [method: string]: JsonValue } };
  readonly components: { readonly [kind: string]: { readonly [name: string]: JsonValue } };
  readonly [key: string]: JsonValue | object;
}
