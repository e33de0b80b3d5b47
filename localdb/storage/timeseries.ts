import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { isNumeric, toNumber } from '../query/bson-type.ts';
import { getPath, isPlainObject } from '../query/paths.ts';

/**
 * Time series collections as far as an application sees them: the `timeseries` options mongod
 * checks and completes at create (granularity `seconds` and its bucket span by default), every
 * document carrying a date in `timeField`, `expireAfterSeconds` on that date, no writes in
 * transactions. localdb stores the documents as they are; mongod's buckets are not imitated.
 */
export interface TimeSeriesOptions {
  readonly timeField: string;
  readonly metaField?: string;
  readonly granularity?: string;
  readonly bucketMaxSpanSeconds: number;
  readonly bucketRoundingSeconds?: number;
}

const SPANS: Readonly<Record<string, number>> = Object.freeze({
  seconds: 3600,
  minutes: 86_400,
  hours: 2_592_000,
});
const FIELDS = new Set([
  'timeField',
  'metaField',
  'granularity',
  'bucketMaxSpanSeconds',
  'bucketRoundingSeconds',
]);

const invalid = (message: string) => new CommandError('InvalidOptions', message);

function fieldName(spec: Document, key: 'timeField' | 'metaField'): string | undefined {
  const value = spec[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new CommandError(
      'TypeMismatch',
      `BSON field 'create.timeseries.${key}' is the wrong type, expected type 'string'`,
    );
  if (value.includes('.') || value.startsWith('$'))
    throw invalid(`The '${key}' field name cannot contain '.' or start with '$'`);
  return value;
}

/** Checks `create`'s time series options and completes them as mongod stores them. */
export function timeSeriesOptions(options: Document): Document {
  const spec: unknown = options.timeseries;
  if (spec === undefined) {
    if (options.expireAfterSeconds !== undefined && options.clusteredIndex === undefined)
      throw invalid("'expireAfterSeconds' is only supported on time-series collections");
    return options;
  }
  if (!isPlainObject(spec))
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'create.timeseries' is the wrong type, expected type 'object'",
    );
  for (const key of Object.keys(spec))
    if (!FIELDS.has(key))
      throw new CommandError(
        'Location40415',
        `BSON field 'create.timeseries.${key}' is an unknown field.`,
      );
  const timeField = fieldName(spec, 'timeField');
  if (timeField === undefined)
    throw new CommandError(
      'Location40414',
      "BSON field 'create.timeseries.timeField' is missing but a required field",
    );
  const metaField = fieldName(spec, 'metaField');
  if (metaField === timeField)
    throw invalid("The 'metaField' cannot be the same as the 'timeField'");
  if (metaField === '_id') throw invalid("The 'metaField' cannot be '_id'");
  if (options.capped === true) throw invalid('Time-series collections cannot be capped');
  const expire = options.expireAfterSeconds;
  if (expire !== undefined && (!isNumeric(expire) || toNumber(expire) < 0))
    throw invalid("'expireAfterSeconds' must be a non-negative number");
  return { ...options, timeseries: completed(spec, timeField, metaField) };
}

function completed(spec: Document, timeField: string, metaField: string | undefined): Document {
  const { bucketMaxSpanSeconds: span, bucketRoundingSeconds: rounding } = spec;
  const custom = span !== undefined || rounding !== undefined;
  if (custom) {
    if (spec.granularity !== undefined)
      throw invalid('Time-series options may give granularity or bucket seconds, not both');
    if (!isNumeric(span) || !isNumeric(rounding) || toNumber(span) !== toNumber(rounding))
      throw invalid("'bucketMaxSpanSeconds' and 'bucketRoundingSeconds' must be equal");
  }
  const granularity = spec.granularity ?? (custom ? undefined : 'seconds');
  if (granularity !== undefined && !(String(granularity) in SPANS))
    throw new CommandError(
      'BadValue',
      `Enumeration value '${String(granularity)}' for field 'create.timeseries.granularity' is not a valid value.`,
    );
  return {
    timeField,
    ...(metaField === undefined ? {} : { metaField }),
    ...(granularity === undefined ? {} : { granularity }),
    bucketMaxSpanSeconds: custom ? toNumber(span) : SPANS[String(granularity)],
    ...(custom ? { bucketRoundingSeconds: toNumber(rounding) } : {}),
  };
}

/** The time series options a collection was created with, else undefined. */
export function timeSeriesOf(options: Document): TimeSeriesOptions | undefined {
  return isPlainObject(options.timeseries)
    ? (options.timeseries as unknown as TimeSeriesOptions)
    : undefined;
}

/** A document of a time series collection needs a date in its time field (mongod: BadValue). */
export function checkTimeField(series: TimeSeriesOptions, doc: Document): void {
  if (getPath(doc, series.timeField) instanceof Date) return;
  throw new CommandError(
    'BadValue',
    `'${series.timeField}' must be present and contain a valid BSON UTC datetime value`,
  );
}
