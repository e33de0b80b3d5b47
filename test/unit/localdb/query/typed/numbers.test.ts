import { Decimal128, Double, Int32, Long } from 'bson';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberKind } from '#localdb/query/bson-type.ts';
import { TYPED_ARITHMETIC } from '#localdb/query/typed/arithmetic-operators.ts';
import { decimalParts, fromParts } from '#localdb/query/typed/decimal.ts';
import { typedSum } from '#localdb/query/typed/numbers.ts';
import { codeOf } from '#test/support/command-error-code.ts';

const D = (text: string) => Decimal128.fromString(text);
const typeOf = (value: unknown) =>
  (value as { _bsontype?: string })?._bsontype ?? (typeof value === 'number' ? 'int' : '?');
const apply = (name: string, ...operands: unknown[]) => {
  const operator = TYPED_ARITHMETIC[name];
  if (!operator) throw new Error(`no ${name}`);
  return operator(operands);
};

describe('typed arithmetic (aggregation expressions on stored types)', () => {
  it('answers decimal results at the preferred exponent, 34 digits when inexact', () => {
    const cases: Array<[name: string, operands: unknown[], expected: string]> = [
      ['$add', [D('1.10'), D('0.10'), 1], '2.20'],
      ['$subtract', [D('1.10'), D('0.10')], '1.00'],
      ['$multiply', [D('19.99'), 3], '59.97'],
      ['$divide', [D('3.30'), 2], '1.65'],
      ['$divide', [1, D('3')], '0.3333333333333333333333333333333333'],
      ['$divide', [D('2'), D('3')], '0.6666666666666666666666666666666667'],
      ['$abs', [D('-1.10')], '1.10'],
      ['$toDecimal', [2.5], '2.50000000000000'],
      ['$toDecimal', ['1.10'], '1.10'],
      ['$sum', [[D('1.10'), 'x', 2]], '3.10'],
      ['$avg', [[D('1.00'), D('2.00')]], '1.50'],
    ];
    for (const [name, operands, expected] of cases) {
      const result = apply(name, ...operands);
      expect(typeOf(result), name).toBe('Decimal128');
      expect(String(result), `${name} ${operands.map(String).join(' ')}`).toBe(expected);
    }
  });

  it('rounds and truncates decimals and integers as mongod does (its round_trunc.js cases)', () => {
    const cases: Array<[name: string, operands: unknown[], expected: string]> = [
      ['$trunc', [D('-1.6')], '-1'],
      ['$round', [D('-1.6')], '-2'],
      ['$trunc', [D('1.298'), 1], '1.2'],
      ['$round', [D('1.298'), 1], '1.3'],
      ['$trunc', [D('23.298'), -1], '2E+1'],
      ['$round', [D('1.298'), 0], '1'],
      [
        '$trunc',
        [D('1.298912343250054252245154325'), Long.fromNumber(20)],
        '1.29891234325005425224',
      ],
      [
        '$round',
        [D('1.298912343250054252245154325'), Long.fromNumber(20)],
        '1.29891234325005425225',
      ],
      ['$round', [D('1.298'), D('100')], '1.298000000000000000000000000000000'],
      ['$round', [D('2.5')], '2'],
      ['$round', [D('NaN'), 0], 'NaN'],
    ];
    for (const [name, operands, expected] of cases) {
      expect(String(apply(name, ...operands)), `${name} ${operands.map(String).join(' ')}`).toBe(
        expected,
      );
    }
    expect(apply('$round', new Int32(2147483647), -1)).toEqual(Long.fromNumber(2147483650));
    expect(apply('$round', Long.fromNumber(4))).toEqual(Long.fromNumber(4));
    expect(apply('$trunc', 1.5, 0)).toBeTypeOf('symbol');
  });

  it('types integer results as mongod does: int32, else int64, else double', () => {
    expect(apply('$add', new Int32(2_000_000_000), new Int32(2_000_000_000))).toEqual(
      Long.fromNumber(4_000_000_000),
    );
    expect(typeOf(apply('$add', 1, 2))).toBe('int');
    expect(typeOf(apply('$multiply', Long.fromString('9000000000000000000'), new Int32(2)))).toBe(
      'Double',
    );
    expect(typeOf(apply('$abs', new Int32(-2147483648)))).toBe('Long');
    expect(typeOf(apply('$divide', 4, 2))).toBe('Double');
    expect(typeOf(apply('$add', new Double(2), 3))).toBe('Double');
  });

  it('answers null for a null or missing operand, leaves dates to mingo, refuses strings', () => {
    expect(apply('$add', 1, null)).toBeNull();
    expect(apply('$multiply', undefined, 2)).toBeNull();
    expect(typeof apply('$add', new Date(0), 1)).toBe('symbol');
    expect(codeOf(() => apply('$subtract', 'a', 1))).toBe(16556);
    expect(codeOf(() => apply('$add', 1, true))).toBe(16554);
  });

  it('sums int32 and int64 values exactly, like BigInt', () => {
    const int64 = fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n });
    const value = fc.oneof(
      fc.integer().map((n) => new Int32(n)),
      int64.map((n) => Long.fromBigInt(n)),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 8 }), (values) => {
        const exact = values.reduce(
          (a, v) => a + (v instanceof Long ? v.toBigInt() : BigInt(v.value)),
          0n,
        );
        const sum = typedSum(values);
        const allInt32 = values.every((v) => v instanceof Int32);
        if (allInt32 && exact >= -(2n ** 31n) && exact < 2n ** 31n) {
          expect(sum).toBe(Number(exact));
        } else {
          expect(sum).toEqual(Long.fromBigInt(exact));
        }
        expect(numberKind(sum)).toBeDefined();
      }),
    );
  });

  it('sums decimal128 values exactly (no double rounding), at their smallest scale', () => {
    const decimalText = fc
      .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
      .map(([digits, scale]) =>
        new Decimal(digits.toString()).dividedBy(10 ** scale).toFixed(scale),
      );
    fc.assert(
      fc.property(fc.array(decimalText, { minLength: 1, maxLength: 12 }), (texts) => {
        const sum = typedSum(texts.map(D));
        const exact = texts.reduce((a, t) => a.plus(t), new Decimal(0));
        expect(new Decimal(String(sum)).equals(exact)).toBe(true);
        const scale = Math.max(...texts.map((t) => t.split('.')[1]?.length ?? 0));
        expect(String(sum).split('.')[1]?.length ?? 0).toBe(scale);
      }),
    );
  });

  it('reads a decimal128 into coefficient and exponent and writes it back bit for bit', () => {
    const decimal = fc
      .tuple(
        fc.bigInt({ min: -(10n ** 34n) + 1n, max: 10n ** 34n - 1n }),
        fc.integer({ min: -6176, max: 6111 }),
      )
      .filter(([coef]) => coef !== 0n);
    fc.assert(
      fc.property(decimal, ([coef, exp]) => {
        const written = fromParts(coef, exp);
        expect(written).toBeDefined();
        expect(decimalParts(written)).toEqual({ coef, exp });
        expect(String(written)).toBe(String(D(`${coef}E${exp}`)));
      }),
    );
    expect(fromParts(10n ** 34n, 0)).toBeUndefined();
    expect(decimalParts(D('NaN'))).toBeUndefined();
    expect(decimalParts(D('-0'))).toBeUndefined();
  });
});
