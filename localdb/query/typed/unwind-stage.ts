import { Long } from 'bson';
import { type Iterator, Lazy } from 'mingo/lazy';
import { $unwind as mingoUnwind } from 'mingo/operators/pipeline';
import type { AnyObject, Options } from 'mingo/types';
import { isPlainObject } from '../paths.ts';
import { adoptOrigin, keepStoredType, originOf } from '../view.ts';

/**
 * `$unwind` of a top-level array whose outputs keep their stored types: each output's origin is
 * its input's with the field set to the stored element (so a decimal128 element stays one), and
 * `includeArrayIndex` is an int64 as on mongod. Dotted paths are unwound as mingo does.
 */
export function $unwind(collection: Iterator, expr: unknown, options: Options): Iterator {
  const spec = typeof expr === 'string' ? { path: expr } : expr;
  const path = isPlainObject(spec) ? spec.path : undefined;
  const field = typeof path === 'string' && path.startsWith('$') ? path.slice(1) : '';
  if (!field || field.includes('.')) return mingoUnwind(collection, expr as never, options);
  const indexField = isPlainObject(spec) ? spec.includeArrayIndex : undefined;
  return collection.transform((items) =>
    Lazy(
      (items as AnyObject[]).flatMap((obj) => {
        const array: unknown = obj[field];
        const stored = originOf(obj) as AnyObject | undefined;
        const outputs = mingoUnwind(Lazy([obj]), expr as never, options).collect<AnyObject>();
        if (!Array.isArray(array) || outputs.length !== array.length) return outputs;
        const elements = originOf(array) as unknown[] | undefined;
        outputs.forEach((out, i) => {
          const twin: AnyObject = { ...(stored ?? obj) };
          twin[field] = keepStoredType(out[field], elements?.[i]);
          if (typeof indexField === 'string' && !indexField.includes('.'))
            twin[indexField] = Long.fromNumber(i);
          adoptOrigin(out, twin);
        });
        return outputs;
      }),
    ),
  );
}
