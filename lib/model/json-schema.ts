import { toJSONSchema } from 'zod/mini';
import type * as z from 'zod/v4/core';
import { type BsonKindMeta, bsonKinds } from './fields.ts';

import type { JsonSchema } from './schema-forms.ts';

export type { JsonSchema };

/** What a BSON-kind field is in the API's JSON (a decimal: its string form, bounds unsaid). */
function apiForm(meta: BsonKindMeta): JsonSchema {
  switch (meta.bsonKind) {
    case 'objectId':
      return { type: 'string', pattern: '^[0-9a-fA-F]{24}$' };
    case 'date':
      return { type: 'string', format: 'date-time' };
    case 'decimal':
      return { type: 'string', pattern: meta.pattern };
  }
}

/** The stored form: the BSON type, and a decimal's bounds, which `$jsonSchema` checks. */
function storedForm({ bsonKind, minimum, maximum }: BsonKindMeta): JsonSchema {
  return {
    bsonType: bsonKind,
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
  };
}

function convert(
  schema: z.$ZodType,
  io: 'input' | 'output',
  form: (meta: BsonKindMeta) => JsonSchema,
): JsonSchema {
  const out = toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    // ObjectId/Date unions hold z.instanceof/z.date, which JSON Schema cannot express; the
    // override below replaces the whole union, so nothing unrepresentable survives.
    unrepresentable: 'any',
    override: (ctx) => {
      const meta = bsonKinds.get(ctx.zodSchema);
      if (meta === undefined) return;
      const target = ctx.jsonSchema as JsonSchema;
      const { description } = target;
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, form(meta), description === undefined ? {} : { description });
    },
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

/**
 * The JSON form of a schema as the API sees it: `input` is what a request may send (defaults
 * optional), `output` what a response carries (ObjectId as hex, Date as ISO date-time, Decimal128
 * as a decimal string).
 */
export function apiJsonSchema(schema: z.$ZodType, io: 'input' | 'output'): JsonSchema {
  return convert(schema, io, apiForm);
}

/** The stored form in JSON Schema, with BSON kinds marked `{bsonType}` for bson-schema.ts. */
export function storedJsonSchema(schema: z.$ZodType): JsonSchema {
  return convert(schema, 'output', storedForm);
}
