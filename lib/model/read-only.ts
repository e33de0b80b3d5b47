import type * as z from 'zod/v4/core';
import type { JsonSchema } from './schema-forms.ts';
import type { ObjectSchema } from './types.ts';

/**
 * A model's `readOnly` fields (OpenAPI's `readOnly`: "managed by the owning authority"): the
 * server keeps them, as the book routes keep an author's `bookCount`. A replacement or a PUT
 * keeps their stored values whatever its input says; a new document takes the input's value or
 * the schema's default. So each must be optional or have a default: a PUT that creates sends
 * none of them. Checked when the model is defined.
 */
export function checkReadOnly(name: string, schema: ObjectSchema, fields: readonly string[]) {
  const shape = schema._zod.def.shape as Record<string, z.$ZodType | undefined>;
  for (const field of fields) {
    const field$ = shape[field];
    if (!field$) throw new Error(`model ${name}: readOnly ${field} is not a field of the schema`);
    if (field$._zod.optin === undefined)
      throw new Error(`model ${name}: readOnly ${field} needs a default or to be optional`);
  }
  return Object.freeze([...fields]);
}

/** The response JSON Schema with `readOnly: true` on those properties (what clients never send). */
export function markReadOnly(schema: JsonSchema, fields: readonly string[]): JsonSchema {
  if (fields.length === 0) return schema;
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  for (const field of fields) {
    const property = properties[field];
    if (property) properties[field] = { ...property, readOnly: true };
  }
  return { ...schema, properties };
}
