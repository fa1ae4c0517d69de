/** Request headers as a Web `Headers` or a plain object (as `node:http` gives them, names in lower case). */
export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * One header by its lower-case name: a string, a list when repeated in a plain object, or undefined.
 * A plain object is searched case-insensitively when the lower-case name is absent.
 */
export function readHeader(headers: HeadersInput, name: string): string | readonly string[] | undefined {
  if (headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  const value = headers[name];
  if (value !== undefined) {
    return value;
  }
  for (const key in headers) {
    if (key.length === name.length && key.toLowerCase() === name) {
      return headers[key];
    }
  }
  return undefined;
}
