import type { Document } from 'mongodb';
import { safeParse } from 'zod/mini';
import type * as z from 'zod/v4/core';
import type { FieldError } from '#lib/http/errors.ts';
import type { ObjectSchema } from './types.ts';
import { issuesToErrors, validationFailed } from './validate.ts';

type NumberKeys<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends number ? K : never;
}[keyof T & string];
type ArrayKeys<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[] ? K : never;
}[keyof T & string];
type OptionalKeys<T> = { [K in keyof T & string]-?: undefined extends T[K] ? K : never }[keyof T &
  string];
type Element<V> = NonNullable<V> extends readonly (infer E)[] ? E : never;

/**
 * A partial update, validated field by field against the model's schema before it becomes
 * `$set`/`$unset`/`$inc`/`$push`: `inc` only on number fields, `push` only on array fields (the
 * element checked against the element schema), `unset` only on optional fields.
 */
export interface Changes<S extends ObjectSchema> {
  readonly set?: Partial<z.input<S>>;
  readonly unset?: readonly OptionalKeys<z.output<S>>[];
  readonly inc?: Partial<Record<NumberKeys<z.output<S>>, number>>;
  readonly push?: { readonly [K in ArrayKeys<z.output<S>>]?: Element<z.input<S>[K]> };
}

export interface WrapperDef {
  readonly type: string;
  readonly innerType?: z.$ZodType;
  readonly element?: z.$ZodType;
}

/** The schema under optional/nullable/default wrappers. */
export function base(schema: z.$ZodType): WrapperDef {
  let def = schema._zod.def as WrapperDef;
  while (def.innerType) def = def.innerType._zod.def as WrapperDef;
  return def;
}

/** Turns validated changes into the driver's update document (`updatedAt` added when on). */
export function toUpdate(
  schema: ObjectSchema,
  changes: Changes<ObjectSchema>,
  base_ = '/body',
): Document {
  const shape: Readonly<Record<string, z.$ZodType>> = schema._zod.def.shape;
  const errors: FieldError[] = [];
  const fail = (path: string, detail: string) =>
    errors.push({ pointer: `${base_}/${path}`, detail });
  const field = (key: string) => {
    const f = shape[key];
    if (!f) fail(key, 'is not a field of this document');
    return f;
  };
  const validated = (
    section: Record<string, unknown> | undefined,
    check: (key: string, f: z.$ZodType, v: unknown) => unknown,
  ) => {
    const out: Document = {};
    for (const [key, value] of Object.entries(section ?? {})) {
      const f = field(key);
      if (f) {
        const result = check(key, f, value);
        if (result !== undefined) out[key] = result;
      }
    }
    return out;
  };
  const parsed = (key: string, s: z.$ZodType, value: unknown) => {
    const r = safeParse(s, value);
    if (r.success) return r.data;
    errors.push(...issuesToErrors(`${base_}/${key}`, r.error));
    return undefined;
  };
  const $set = validated(changes.set as Record<string, unknown>, (key, f, v) =>
    v === undefined ? undefined : parsed(key, f, v),
  );
  const $inc = validated(changes.inc as Record<string, unknown>, (key, f, v) => {
    if (base(f).type !== 'number') return void fail(key, 'is not a number field');
    if (typeof v !== 'number' || !Number.isFinite(v))
      return void fail(key, 'must be a finite number');
    return v;
  });
  const $push = validated(changes.push as Record<string, unknown>, (key, f, v) => {
    const element = base(f).element;
    if (base(f).type !== 'array' || !element) return void fail(key, 'is not an array field');
    return parsed(key, element, v);
  });
  const $unset: Document = {};
  for (const key of (changes.unset ?? []) as string[]) {
    const f = field(key);
    if (f && f._zod.optout !== 'optional') fail(key, 'is required');
    else if (f) $unset[key] = '';
  }
  for (const key of Object.keys($set))
    if (key in $unset || key in $inc || key in $push) fail(key, 'is changed twice');
  if (errors.length > 0) throw validationFailed(errors);
  const update: Document = {};
  for (const [op, fields] of Object.entries({ $set, $unset, $inc, $push })) {
    if (Object.keys(fields).length > 0) update[op] = fields;
  }
  if (Object.keys(update).length === 0)
    throw validationFailed([{ pointer: base_, detail: 'must change at least one field' }]);
  return update;
}
