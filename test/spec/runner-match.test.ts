import { Binary, Double, Int32, Long, ObjectId } from 'bson';
import { describe, expect, test } from 'vitest';
import { assertMatches, type MatchEntities } from './runner/match.ts';

const lsid = { id: new Binary(Buffer.from('0123456789abcdef'), 4) };
const entities: MatchEntities = {
  bsonValue: (name) => (name === 'oid' ? new ObjectId('57e193d7a9cc81b4027498b5') : undefined),
  sessionLsid: () => lsid,
};

const matches =
  (expected: unknown, actual: unknown, root = true) =>
  () =>
    assertMatches(expected, actual, entities, { root });

// The runner's own matcher, checked against the format's "Evaluating Matches" rules.
describe('spec runner matching', () => {
  test('root documents allow extra fields, nested documents do not', () => {
    expect(matches({ x: 1 }, { x: 1, y: 2 })).not.toThrow();
    expect(matches({ x: { y: 1 } }, { x: { y: 1, z: 1 } })).toThrow(/unexpected fields z/);
    expect(matches({ x: 1, y: 1 }, { x: 1 })).toThrow(/y: missing/);
  });

  test('numbers compare by value across int32, int64 and double', () => {
    expect(matches({ n: 1 }, { n: new Long(1) })).not.toThrow();
    expect(matches({ n: new Int32(2) }, { n: new Double(2) })).not.toThrow();
    expect(matches({ n: 1 }, { n: 1.5 })).toThrow();
    expect(matches({ n: 1 }, { n: '1' })).toThrow();
  });

  test('arrays need the same length', () => {
    expect(matches([1, 2, 3], [1, 2, 3, 4])).toThrow(/expected 3 elements/);
  });

  test('$$exists, $$unsetOrMatches and $$type', () => {
    expect(matches({ a: { $$exists: false } }, { b: 1 })).not.toThrow();
    expect(matches({ a: { $$exists: true } }, { b: 1 })).toThrow();
    expect(matches({ a: { $$unsetOrMatches: 2 } }, {})).not.toThrow();
    expect(matches({ a: { $$unsetOrMatches: 2 } }, { a: 3 })).toThrow();
    expect(matches({ a: { $$type: ['int', 'long'] } }, { a: new Long(5) })).not.toThrow();
    expect(matches({ a: { $$type: 'string' } }, { a: 5 })).toThrow();
    expect(matches({ a: { $$type: 'number' } }, { a: 2.5 })).not.toThrow();
  });

  test('$$sessionLsid, $$matchesEntity, $$lte, $$matchAsDocument, $$matchAsRoot', () => {
    expect(
      matches(
        { lsid: { $$sessionLsid: 's' } },
        { lsid: { id: new Binary(Buffer.from('0123456789abcdef'), 4) } },
      ),
    ).not.toThrow();
    expect(
      matches(
        { lsid: { $$sessionLsid: 's' } },
        { lsid: { id: new Binary(Buffer.from('fedcba9876543210'), 4) } },
      ),
    ).toThrow();
    expect(
      matches(
        { _id: { $$matchesEntity: 'oid' } },
        { _id: new ObjectId('57e193d7a9cc81b4027498b5') },
      ),
    ).not.toThrow();
    expect(matches({ n: { $$lte: 2 } }, { n: 2 })).not.toThrow();
    expect(matches({ n: { $$lte: 2 } }, { n: 2.1 })).toThrow();
    expect(matches({ j: { $$matchAsDocument: { x: 1 } } }, { j: '{"x": 1.0}' })).not.toThrow();
    expect(matches({ j: { $$matchAsDocument: { x: 1 } } }, { j: '{"x": 1, "y": 2}' })).toThrow();
    expect(matches({ d: { $$matchAsRoot: { x: 1 } } }, { d: { x: 1, y: 2 } })).not.toThrow();
  });

  test('array elements are root documents only when the result is an iterable of documents', () => {
    const run = (rootElements: boolean) => () =>
      assertMatches([{ x: 1 }], [{ x: 1, y: 1 }], entities, { root: true, rootElements });
    expect(run(true)).not.toThrow();
    expect(run(false)).toThrow();
  });
});
