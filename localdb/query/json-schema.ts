import type { Document } from 'bson';
import { isNumeric, toNumber } from './bson-type.ts';
import { bsonTypeName, matchesBsonType } from './bson-type-name.ts';
import { bsonEquals, compareBson } from './compare.ts';
import { isPlainObject } from './paths.ts';

/** One unsatisfied rule, shaped like MongoDB's `errInfo.details.schemaRulesNotSatisfied` entries. */
export type SchemaFailure = Document;

const JSON_TYPES: Readonly<Record<string, (v: unknown) => boolean>> = Object.freeze({
  object: (v) => isPlainObject(v),
  array: (v) => Array.isArray(v),
  string: (v) => typeof v === 'string',
  number: (v) => isNumeric(v),
  integer: (v) => isNumeric(v) && Number.isInteger(toNumber(v)),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
});

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

function typeFailure(op: string, spec: unknown, value: unknown): SchemaFailure {
  return {
    operatorName: op,
    specifiedAs: { [op]: spec },
    reason: 'type did not match',
    consideredValue: value,
    consideredType: bsonTypeName(value),
  };
}

function rangeFailures(schema: Document, value: unknown): SchemaFailure[] {
  const out: SchemaFailure[] = [];
  const fail = (op: string, reason: string) =>
    out.push({
      operatorName: op,
      specifiedAs: { [op]: schema[op] },
      reason,
      consideredValue: value,
    });
  if (isNumeric(value)) {
    const n = toNumber(value);
    if (schema.minimum !== undefined) {
      const min = toNumber(schema.minimum);
      if (schema.exclusiveMinimum === true ? n <= min : n < min)
        fail('minimum', 'comparison failed');
    }
    if (schema.maximum !== undefined) {
      const max = toNumber(schema.maximum);
      if (schema.exclusiveMaximum === true ? n >= max : n > max)
        fail('maximum', 'comparison failed');
    }
    if (schema.multipleOf !== undefined && n % toNumber(schema.multipleOf) !== 0) {
      fail('multipleOf', 'factor did not match');
    }
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < toNumber(schema.minLength))
      fail('minLength', 'specified string length was not satisfied');
    if (schema.maxLength !== undefined && length > toNumber(schema.maxLength))
      fail('maxLength', 'specified string length was not satisfied');
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      fail('pattern', 'regular expression did not match');
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < toNumber(schema.minItems))
      fail('minItems', 'array did not match specified length');
    if (schema.maxItems !== undefined && value.length > toNumber(schema.maxItems))
      fail('maxItems', 'array did not match specified length');
    if (
      schema.uniqueItems === true &&
      value.some((v, i) => value.findIndex((w) => bsonEquals(v, w)) !== i)
    )
      fail('uniqueItems', 'found a duplicate item');
  }
  return out;
}

function objectFailures(schema: Document, value: Record<string, unknown>): SchemaFailure[] {
  const out: SchemaFailure[] = [];
  if (Array.isArray(schema.required)) {
    const missing = schema.required.filter((k) => typeof k === 'string' && value[k] === undefined);
    if (missing.length)
      out.push({
        operatorName: 'required',
        specifiedAs: { required: schema.required },
        missingProperties: missing,
      });
  }
  const properties = isPlainObject(schema.properties) ? (schema.properties as Document) : {};
  const notSatisfied: Document[] = [];
  for (const [name, sub] of Object.entries(properties)) {
    if (value[name] === undefined || !isPlainObject(sub)) continue;
    const details = validateSchema(sub as Document, value[name]);
    if (details.length) notSatisfied.push({ propertyName: name, details });
  }
  if (notSatisfied.length)
    out.push({ operatorName: 'properties', propertiesNotSatisfied: notSatisfied });
  if (schema.additionalProperties === false) {
    const extra = Object.keys(value).filter((k) => !(k in properties));
    if (extra.length)
      out.push({
        operatorName: 'additionalProperties',
        specifiedAs: { additionalProperties: false },
        additionalProperties: extra,
      });
  } else if (isPlainObject(schema.additionalProperties)) {
    for (const k of Object.keys(value).filter((key) => !(key in properties))) {
      const details = validateSchema(schema.additionalProperties as Document, value[k]);
      if (details.length)
        out.push({ operatorName: 'additionalProperties', propertyName: k, details });
    }
  }
  const count = Object.keys(value).length;
  if (schema.minProperties !== undefined && count < toNumber(schema.minProperties))
    out.push({
      operatorName: 'minProperties',
      specifiedAs: { minProperties: schema.minProperties },
      numberOfProperties: count,
    });
  if (schema.maxProperties !== undefined && count > toNumber(schema.maxProperties))
    out.push({
      operatorName: 'maxProperties',
      specifiedAs: { maxProperties: schema.maxProperties },
      numberOfProperties: count,
    });
  return out;
}

/** The items of `value` from `from` on that fail `item`'s schema, with their indexes. */
function failingItems(value: unknown[], schemaAt: (i: number) => unknown, from = 0) {
  return value.flatMap((item, i) => {
    const schema = i < from ? undefined : schemaAt(i);
    const d = isPlainObject(schema) ? validateSchema(schema as Document, item) : [];
    return d.length ? [{ itemIndex: i, details: d }] : [];
  });
}

/**
 * `items` as one schema for every item, or (draft 4's tuple) a list of schemas by position with
 * `additionalItems` for the items past them: a schema, or false for none.
 */
function itemFailures(schema: Document, value: unknown[]): SchemaFailure[] {
  const out: SchemaFailure[] = [];
  const positions = Array.isArray(schema.items) ? schema.items : undefined;
  const details = positions
    ? failingItems(value.slice(0, positions.length), (i) => positions[i])
    : failingItems(value, () => schema.items);
  if (details.length)
    out.push({
      operatorName: 'items',
      reason: 'At least one item did not match the sub-schema',
      details,
    });
  if (!positions || value.length <= positions.length) return out;
  if (schema.additionalItems === false)
    out.push({
      operatorName: 'additionalItems',
      specifiedAs: { additionalItems: false },
      reason: 'found additional items',
      additionalItems: value.slice(positions.length),
    });
  else if (isPlainObject(schema.additionalItems)) {
    const extra = failingItems(value, () => schema.additionalItems, positions.length);
    if (extra.length)
      out.push({
        operatorName: 'additionalItems',
        reason: 'At least one additional item did not match the sub-schema',
        details: extra,
      });
  }
  return out;
}

function logicFailures(schema: Document, value: unknown): SchemaFailure[] {
  const out: SchemaFailure[] = [];
  const passes = (s: unknown) =>
    isPlainObject(s) && validateSchema(s as Document, value).length === 0;
  if (Array.isArray(schema.allOf) && !schema.allOf.every(passes))
    out.push({ operatorName: 'allOf', reason: 'at least one subschema did not match' });
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some(passes))
    out.push({ operatorName: 'anyOf', reason: 'no subschema matched' });
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter(passes).length !== 1)
    out.push({ operatorName: 'oneOf', reason: 'more than one subschema matched, or none did' });
  if (schema.not !== undefined && passes(schema.not))
    out.push({ operatorName: 'not', reason: 'child schema matched' });
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => compareBson(e, value) === 0))
    out.push({
      operatorName: 'enum',
      specifiedAs: { enum: schema.enum },
      reason: 'value was not found in enum',
      consideredValue: value,
    });
  return out;
}

/** Checks a value against a MongoDB `$jsonSchema`; an empty list means it satisfies the schema. */
export function validateSchema(schema: Document, value: unknown): SchemaFailure[] {
  if (
    schema.bsonType !== undefined &&
    !asList(schema.bsonType).some((t) => matchesBsonType(value, String(t)))
  ) {
    return [typeFailure('bsonType', schema.bsonType, value)];
  }
  if (
    schema.type !== undefined &&
    !asList(schema.type).some((t) => JSON_TYPES[String(t)]?.(value) ?? false)
  ) {
    return [typeFailure('type', schema.type, value)];
  }
  const out = [...rangeFailures(schema, value), ...logicFailures(schema, value)];
  if (isPlainObject(value)) out.push(...objectFailures(schema, value));
  if (Array.isArray(value)) out.push(...itemFailures(schema, value));
  return out;
}
