import { Double, Int32, Long, ObjectId } from 'bson';
import fc from 'fast-check';

/*
 * Documents and find filters for localdb's property tests: few distinct values, so that ties,
 * equalities and range edges are common; filters of the shapes the planner reads (equalities,
 * ranges, keyset `$or`s, `$and`s).
 */
const OIDS = [0, 1, 2].map((i) => new ObjectId(`65000000000000000000000${i}`));
export const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0, Number.NaN, 2.5),
  fc.integer({ min: -3, max: 3 }).map((n) => new Int32(n)),
  fc.integer({ min: -3, max: 3 }).map((n) => Long.fromNumber(n)),
  fc.integer({ min: -3, max: 3 }).map((n) => new Double(n)),
  fc.constantFrom('', 'a', 'b', 'ab', 'B'),
  fc.constantFrom(null, true, false),
  fc.constantFrom(...OIDS),
  fc.integer({ min: 0, max: 3 }).map((n) => new Date(1_700_000_000_000 + n)),
);
export const value = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ x: scalar }) },
);
export const idValue = fc.oneof(
  fc.integer({ min: 0, max: 30 }),
  fc.constantFrom('a', 'b', 'c', 'x'),
  fc.constantFrom(...OIDS),
);
export const doc = fc.record(
  { _id: idValue, a: value, b: value, c: scalar },
  { requiredKeys: ['_id'] },
);

const FIELDS = ['_id', 'a', 'b', 'c'];
export const field = fc.constantFrom(...FIELDS);
export const bound = fc.oneof(scalar, idValue);
export const condition = fc.oneof(
  bound,
  bound.map((v) => ({ $eq: v })),
  fc.record({ $gt: bound, $gte: bound, $lt: bound, $lte: bound }, { requiredKeys: [] }),
);
export const keyset = fc
  .tuple(field, bound, fc.constantFrom('$gt', '$lt'), idValue)
  .map(([f, v, cmp, id]) => ({ $or: [{ [f]: { [cmp]: v } }, { [f]: v, _id: { [cmp]: id } }] }));
export const filter = fc.oneof(
  fc.dictionary(field, condition, { maxKeys: 2 }),
  keyset,
  fc.tuple(keyset, field, condition).map(([k, f, c]) => ({ ...k, [f]: c })),
  fc
    .tuple(fc.dictionary(field, condition, { maxKeys: 1 }), keyset)
    .map(([d, k]) => ({ $and: [d, k] })),
  fc.tuple(field, condition, field, condition).map(([f, c, g, e]) => ({
    $and: [{ [f]: c }, { [g]: e }],
  })),
);
/** Index keys a test collection may carry. */
export const INDEXES = [{ a: 1 }, { b: -1 }, { a: 1, b: -1 }, { c: 1 }, { c: -1, a: 1 }, { b: 1 }];
