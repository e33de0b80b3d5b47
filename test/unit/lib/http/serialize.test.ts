import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  DBRef,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  UUID,
} from 'bson';
import { describe, expect, it } from 'vitest';
import { serializeBody, toJsonValue } from '#lib/http/index.ts';

describe('the serialisation policy', () => {
  const id = new ObjectId('65a1b2c3d4e5f60718293a4b');

  it('writes ObjectId as hex and Date as ISO 8601', () => {
    expect(toJsonValue({ _id: id, at: new Date('2026-01-02T03:04:05.678Z') })).toEqual({
      _id: '65a1b2c3d4e5f60718293a4b',
      at: '2026-01-02T03:04:05.678Z',
    });
  });

  it('writes Long as a number when safe, else as a decimal string', () => {
    expect(toJsonValue(Long.fromNumber(42))).toBe(42);
    expect(toJsonValue(Long.fromString('9223372036854775807'))).toBe('9223372036854775807');
    expect(toJsonValue(123n)).toBe(123);
    expect(toJsonValue(2n ** 60n)).toBe('1152921504606846976');
  });

  it('writes Decimal128 as a string, keeping its precision', () => {
    expect(toJsonValue(Decimal128.fromString('0.10000000000000000000000000000001'))).toBe(
      '0.10000000000000000000000000000001',
    );
  });

  it('unwraps Double and Int32, encodes Binary as base64 and UUID canonically', () => {
    expect(toJsonValue(new Double(1.5))).toBe(1.5);
    expect(toJsonValue(new Int32(7))).toBe(7);
    expect(toJsonValue(new Binary(Buffer.from('hi')))).toBe('aGk=');
    expect(toJsonValue(new UUID('0e6f6f6b-1234-4abc-8def-0123456789ab'))).toBe(
      '0e6f6f6b-1234-4abc-8def-0123456789ab',
    );
  });

  it('recurses into arrays and nested documents and drops undefined members', () => {
    expect(toJsonValue({ a: [id, { b: undefined, c: null }] })).toEqual({
      a: ['65a1b2c3d4e5f60718293a4b', { c: null }],
    });
  });

  it('never emits NaN or Infinity (invalid JSON)', () => {
    expect(serializeBody({ a: Number.NaN, b: Number.POSITIVE_INFINITY, d: new Date('x') })).toBe(
      '{"a":"NaN","b":"Infinity","d":null}',
    );
  });

  it('writes the other BSON values in a form that keeps what they hold', () => {
    expect(
      toJsonValue({
        regex: new BSONRegExp('a+b', 'im'),
        native: /x.y/g,
        min: new MinKey(),
        max: new MaxKey(),
        at: new Timestamp({ t: 1, i: 2 }),
        code: new Code('function () { return 1; }'),
        symbol: new BSONSymbol('sym'),
        ref: new DBRef('users', id, 'app'),
      }),
    ).toEqual({
      regex: '/a+b/im',
      native: '/x.y/g',
      min: 'MinKey',
      max: 'MaxKey',
      at: String(2n ** 32n + 2n),
      code: 'function () { return 1; }',
      symbol: 'sym',
      ref: { $ref: 'users', $id: '65a1b2c3d4e5f60718293a4b', $db: 'app' },
    });
  });

  it('takes the replacer for a RegExp alone in a document', () => {
    expect(serializeBody({ a: 'plain', re: /^a/ })).toBe('{"a":"plain","re":"/^a/"}');
  });
});
