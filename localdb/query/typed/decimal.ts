import { Decimal128 } from 'bson';
import { Decimal } from 'decimal.js';
import { bsonTag, NumberKind, numberKind } from '../bson-type.ts';

/** Exact enough for any two decimal128 operands: results are rounded to 34 digits afterwards. */
export const Decimal34 = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });
const Ten = new Decimal34(10);

/** A number as mongod turns it into a decimal128: a double with 15 significant digits. */
export function decimalText(value: unknown): string {
  const tag = bsonTag(value);
  if (tag === 'Decimal128' || tag === 'Long') return String(value);
  const n = Number(value);
  return numberKind(value) === NumberKind.Double ? n.toPrecision(15) : String(n);
}

/** The exponent a decimal is written with: 1.20 → -2, 12E+3 → 3, integers 0. */
export function quantumOf(text: string): number {
  const parts = /^[-+]?\d*(?:\.(\d*))?(?:e([-+]?\d+))?$/i.exec(text);
  return parts ? Number(parts[2] ?? 0) - (parts[1]?.length ?? 0) : 0;
}

/** A numeric value as an exact decimal and the exponent it is written with. */
export function decimalOf(value: unknown): { value: Decimal; quantum: number } {
  const text = decimalText(value);
  return { value: new Decimal34(text), quantum: quantumOf(text) };
}

/**
 * A decimal result written at IEEE 754's preferred exponent `quantum` (so 1.10 + 0.10 is 1.20 and
 * 19.99 × 3 is 59.97, as on mongod); where 34 digits cannot hold it there, at the smallest larger
 * exponent that can, rounded half to even.
 */
export function toDecimal128(result: Decimal, quantum: number): Decimal128 {
  if (!result.isFinite()) return Decimal128.fromString(result.toString());
  let exponent = quantum;
  const digits = (e: number) => result.times(Ten.pow(-e)).abs().toFixed(0).length;
  exponent += Math.max(0, digits(exponent) - 34);
  let coefficient = result.times(Ten.pow(-exponent)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  if (coefficient.abs().toFixed(0).length > 34) {
    exponent += 1;
    coefficient = result.times(Ten.pow(-exponent)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  }
  const text = coefficient.toFixed(0);
  return Decimal128.fromString(exponent === 0 ? text : `${text}E${exponent}`);
}

/**
 * A decimal quotient as decimal128 division writes it: at the preferred exponent when exact there
 * (3.30 / 2 = 1.65), else with all 34 digits (1 / 3 = 0.3333…).
 */
export function toDecimalQuotient(result: Decimal, quantum: number): Decimal128 {
  if (!result.isFinite() || result.isZero()) return toDecimal128(result, quantum);
  if (result.times(Ten.pow(-quantum)).isInteger()) return toDecimal128(result, quantum);
  const leading = Math.floor(Math.log10(result.abs().toNumber()));
  return toDecimal128(result, Math.min(quantum, leading - 33));
}
