import type { Decimal } from 'decimal.js';
import { NumberKind, numberKind, toNumber } from '../bson-type.ts';
import { Decimal34, decimalOf, toDecimal128 } from './decimal.ts';
import {
  bigintOf,
  DEFER,
  INT64_MAX,
  INT64_MIN,
  integral,
  isNullish,
  type Result,
} from './numbers.ts';

const TEN = new Decimal34(10);

/**
 * `$round` (half to even) and `$trunc` of a decimal128 or an integer to `place` digits, as mongod
 * writes them: a decimal at exponent -place (1.298 to 1 place is 1.3, to -1 place 2E+1), an
 * integer keeping its type (an int32 that overflows becomes an int64). Doubles are mingo's.
 */
export function quantizer(mode: Decimal.Rounding) {
  return (operands: readonly unknown[]): Result => {
    if (operands.length < 1 || operands.length > 2) return DEFER;
    const [value, placeArg = 0] = operands;
    if (isNullish(value) || isNullish(placeArg)) return null;
    const kind = numberKind(value);
    const place = toNumber(placeArg);
    if (!Number.isInteger(place) || place < -20 || place > 100) return DEFER;
    if (kind === NumberKind.Decimal) {
      const x = decimalOf(value).value;
      if (!x.isFinite()) return value;
      const scale = TEN.pow(place);
      return toDecimal128(x.times(scale).toDecimalPlaces(0, mode).dividedBy(scale), -place);
    }
    if (kind !== NumberKind.Int && kind !== NumberKind.Long) return DEFER;
    if (place >= 0) return value;
    const unit = 10n ** BigInt(-place);
    const exact = bigintOf(value);
    const quotient = BigInt(
      new Decimal34(exact.toString())
        .dividedBy(unit.toString())
        .toDecimalPlaces(0, mode)
        .toFixed(0),
    );
    const result = quotient * unit;
    return result < INT64_MIN || result > INT64_MAX ? DEFER : integral(result, kind);
  };
}
