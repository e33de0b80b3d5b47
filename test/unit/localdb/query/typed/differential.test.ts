import { Decimal128, type Document, Double, Int32, Long } from 'bson';
import fc from 'fast-check';
import { Aggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import { describe, expect, it } from 'vitest';
import { toNumber } from '#localdb/query/bson-type.ts';
import { queryOptions } from '#localdb/query/query-options.ts';
import { restoreOriginals, toView, toViewDocument } from '#localdb/query/view.ts';

/**
 * The typed stages (localdb/query/typed) against mingo's own on the same views: every number
 * they answer must equal mingo's double result to within rounding, so typing changes the types
 * and the last digits, never the values; and a decimal128 input gives a decimal128 sum.
 */
const MINGO = { context: Context.init({ accumulator, expression, pipeline, projection, query }) };

const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map((n) => new Int32(n)),
  fc.integer({ min: -1000, max: 1000 }).map((n) => Long.fromNumber(n * 1_000_003)),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((n) => new Double(n)),
  fc
    .tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 3 }))
    .map(([n, scale]) => Decimal128.fromString((n / 10 ** scale).toFixed(scale))),
);
const maybe = fc.option(number, { nil: undefined, freq: 5 });
const docs = fc.array(
  fc.record({
    g: fc.constantFrom(new Int32(1), Long.fromNumber(1), new Double(2), Decimal128.fromString('2')),
    a: maybe,
    b: number,
    c: number,
    arr: fc.array(number, { maxLength: 3 }),
  }),
  { minLength: 1, maxLength: 12 },
);

const PIPELINES: Document[][] = [
  [
    {
      $group: {
        _id: '$g',
        s: { $sum: '$a' },
        av: { $avg: '$a' },
        mn: { $min: '$a' },
        mx: { $max: '$a' },
        p: { $push: '$b' },
        n: { $sum: 1 },
      },
    },
  ],
  [
    {
      $project: {
        x: { $add: ['$b', '$c'] },
        y: { $multiply: ['$b', '$c'] },
        z: { $subtract: ['$b', '$c'] },
        w: { $abs: '$b' },
      },
    },
  ],
  // ($round is left out: on a decimal128 tie mongod rounds the decimal, mingo its double.)
  [{ $addFields: { t: { $sum: '$arr' }, m: { $max: '$arr' } } }],
  [{ $addFields: { 'o.t': { $add: ['$b', '$c'] }, 'o.u.v': { $multiply: ['$b', 3] } } }],
  [{ $unwind: '$arr' }, { $group: { _id: null, s: { $sum: '$arr' }, f: { $first: '$arr' } } }],
  // Variables, branches and array reshaping: the same values, with stored types kept.
  [
    {
      $project: {
        m: { $map: { input: '$arr', as: 'x', in: { $multiply: ['$$x', '$c'] } } },
        f: { $filter: { input: '$arr', cond: { $gt: ['$$this', '$b'] } } },
        r: { $reduce: { input: '$arr', initialValue: '$b', in: { $add: ['$$value', '$$this'] } } },
        l: { $let: { vars: { s: { $add: ['$b', '$c'] } }, in: { $multiply: ['$$s', 2] } } },
        w: {
          $switch: {
            branches: [
              Object.fromEntries([
                ['case', { $gt: ['$b', '$c'] }],
                ['then', '$b'],
              ]),
            ],
            default: '$c',
          },
        },
        s: { $slice: [{ $concatArrays: ['$arr', ['$b']] }, -2] },
        v: { $reverseArray: '$arr' },
        o: { $sortArray: { input: '$arr', sortBy: -1 } },
      },
    },
  ],
  [
    {
      $setWindowFields: {
        partitionBy: '$g',
        sortBy: { b: 1, _id: 1 },
        output: {
          run: { $sum: '$a', window: { documents: ['unbounded', 'current'] } },
          mov: { $avg: '$c', window: { documents: [-1, 1] } },
          tot: { $sum: '$b' },
          mx: { $max: '$a', window: { documents: [-2, 0] } },
          f: { $first: '$c', window: { documents: ['current', 2] } },
        },
      },
    },
    { $sort: { _id: 1 } },
  ],
  // A bound no value hits (mingo files a value equal to a bound one bucket low).
  [
    {
      $bucket: {
        groupBy: '$b',
        boundaries: [-1e12, 0.1234567891, 1e12],
        output: { n: { $sum: 1 }, s: { $sum: '$c' } },
      },
    },
  ],
];

/**
 * Equal to within rounding. Doubles lose up to an ulp of the largest operand when values cancel
 * (-569001707 + 0.1 + 569001707), so the tolerance scales with the input's largest magnitude
 * as well as with the result's: typing must never change a value beyond that.
 */
function close(typed: unknown, plain: unknown, path: string, scale = 1): void {
  if (Array.isArray(typed)) {
    expect(Array.isArray(plain), path).toBe(true);
    typed.forEach((v, i) => {
      close(v, (plain as unknown[])[i], `${path}.${i}`, scale);
    });
    return;
  }
  if (typed !== null && typeof typed === 'object' && !('_bsontype' in typed)) {
    for (const [k, v] of Object.entries(typed))
      close(v, (plain as Document)?.[k], `${path}.${k}`, scale);
    return;
  }
  if (typed === null || typed === undefined) {
    expect(plain ?? null, path).toBeNull();
    return;
  }
  const [x, y] = [toNumber(typed), Number(plain)];
  expect(Math.abs(x - y), `${path}: ${String(typed)} vs ${y}`).toBeLessThanOrEqual(
    1e-9 * Math.max(scale, Math.abs(y)),
  );
}

/** Every number a stored document holds, as JS numbers. */
const numbersIn = (value: unknown): number[] => {
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value === null || value === undefined) return [];
  const n = toNumber(value);
  if (!Number.isNaN(n)) return [n];
  return typeof value === 'object' ? Object.values(value).flatMap(numbersIn) : [];
};

describe('typed stages against mingo (differential)', () => {
  it('answer the same values as mingo in doubles, with decimal sums as decimal128', () => {
    fc.assert(
      fc.property(docs, fc.constantFrom(...PIPELINES), (stored, stages) => {
        const input = stored.map((d, i) => ({ _id: i, ...d }));
        const typed = new Aggregator(toView(stages) as Document[], queryOptions())
          .run(input.map((d) => toViewDocument(d)))
          .map((d) => restoreOriginals(d) as Document);
        const plain = new Aggregator(toView(stages) as Document[], MINGO).run(
          input.map((d) => toViewDocument(d)),
        ) as Document[];
        // mingo also answers the buckets nothing fell in; mongod (and localdb) do not.
        const filled = '$bucket' in (stages[0] ?? {}) ? plain.filter((d) => d.n > 0) : plain;
        expect(typed.length).toBe(filled.length);
        const magnitude = Math.max(1, ...stored.flatMap(numbersIn).map(Math.abs));
        typed.forEach((doc, i) => {
          close(doc, filled[i], String(i), magnitude);
        });
        if ('$group' in (stages[0] ?? {}) && stages.length === 1) {
          for (const doc of typed) {
            const members = input.filter((d) => toNumber(d.g) === toNumber(doc._id));
            const decimal = members.some((d) => d.a instanceof Decimal128);
            expect(doc.s instanceof Decimal128, 'decimal in, decimal sum').toBe(decimal);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
