import { deref, flatten, isObject, type Schema } from '../spec/document.js';

function branchFor(options: readonly unknown[], value: Record<string, unknown>): Schema[] {
  const branches = options.map((o) => flatten(deref(o)));
  const matching = branches.filter((b) => {
    const props = isObject(b.properties) ? b.properties : {};
    return Object.entries(props).some(([name, p]) => {
      const member = deref(p);
      const allowed =
        'const' in member ? [member.const] : Array.isArray(member.enum) ? member.enum : undefined;
      return allowed !== undefined && allowed.length === 1 && name in value && allowed.includes(value[name]);
    });
  });
  return matching.length > 0 ? matching : branches;
}

function walk(schema: unknown, value: unknown, at: string, out: string[]): void {
  const s = deref(schema);
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key]) && isObject(value)) {
      const branches = branchFor(s[key] as unknown[], value);
      // A member documented by any fitting branch is documented.
      const merged: Schema = {
        type: 'object',
        properties: Object.assign({}, ...branches.map((b) => (isObject(b.properties) ? b.properties : {}))),
        ...(branches.some((b) => b.additionalProperties === true || isObject(b.additionalProperties)) && {
          additionalProperties: true,
        }),
      };
      walk(merged, value, at, out);
      return;
    }
  }
  if (Array.isArray(value)) {
    if (s.items !== undefined) {
      value.forEach((item, i) => {
        walk(s.items, item, `${at}/${i}`, out);
      });
    }
    return;
  }
  if (!isObject(value)) {
    return;
  }
  const flat = flatten(s);
  const properties = isObject(flat.properties) ? flat.properties : {};
  const declared = Object.keys(properties);
  const additional = flat.additionalProperties;
  for (const [name, member] of Object.entries(value)) {
    const pointer = `${at}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (name in properties) {
      walk(properties[name], member, pointer, out);
    } else if (isObject(additional)) {
      walk(additional, member, pointer, out);
    } else if (additional === undefined && declared.length > 0) {
      out.push(pointer);
    }
  }
}

/**
 * The members of a response body that its schema does not declare, as JSON pointers. A schema that
 * lists `properties` and says nothing of `additionalProperties` documents exactly those members: an
 * extra one is a field the spec does not describe (a leaked secret, an internal column). Free-form
 * objects (`additionalProperties: true` or a schema, or no `properties` at all) allow any member.
 *
 * @example
 * ```ts
 * undocumentedMembers(componentSchema('Pipeline')!, { ...pipeline, owner_email: 'x' }); // ['/owner_email']
 * ```
 */
export function undocumentedMembers(schema: Schema, value: unknown): string[] {
  const out: string[] = [];
  walk(schema, value, '', out);
  return out;
}
