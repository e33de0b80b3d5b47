import { Decimal128, Double, Int32, Long } from 'bson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArithmetic } from '#localdb/query/exact-arithmetic.ts';

const D = (text: string) => Decimal128.fromString(text);
const text = (value: unknown) => String(value);

describe('exactArithmetic ($inc and $mul beyond doubles)', () => {
  it('computes decimal128 at the preferred exponent, rounding to 34 digits half to even', () => {
    const cases: Array<[op: '$inc' | '$mul', stored: unknown, arg: unknown, expected: string]> = [
      ['$inc', D('1.10'), D('0.10'), '1.20'],
      ['$mul', D('19.99'), new Int32(3), '59.97'],
      ['$inc', D('1E+3'), new Int32(1), '1001'],
      ['$inc', new Double(0.1), D('0.2'), '0.300000000000000'],
      [
        '$inc',
        D('9999999999999999999999999999999999'),
        new Int32(1),
        '1.000000000000000000000000000000000E+34',
      ],
      ['$mul', D('1.5'), D('1.5'), '2.25'],
      ['$inc', D('0.1'), Long.fromString('9223372036854775807'), '9223372036854775807.1'],
    ];
    for (const [op, stored, arg, expected] of cases) {
      expect(text(exactArithmetic(op, stored, arg)), `${op} ${text(stored)} ${text(arg)}`).toBe(
        expected,
      );
    }
  });

  it('computes int64 in 64-bit integers, and leaves overflow and plain doubles to double arithmetic', () => {
    const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    fc.assert(
      fc.property(int64, int64, fc.constantFrom('$inc' as const, '$mul' as const), (a, b, op) => {
        const exact = op === '$inc' ? a + b : a * b;
        const result = exactArithmetic(op, Long.fromBigInt(a), Long.fromBigInt(b));
        if (exact < -(2n ** 63n) || exact > 2n ** 63n - 1n) expect(result).toBeUndefined();
        else expect((result as Long).toBigInt()).toBe(exact);
      }),
    );
    expect(exactArithmetic('$inc', new Int32(1), new Double(0.5))).toBeUndefined();
    expect(exactArithmetic('$inc', Long.fromNumber(1), new Double(0.5))).toBeUndefined();
  });
});
