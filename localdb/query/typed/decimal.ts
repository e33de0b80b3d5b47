import type { Long } from 'bson';
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

/**
 * A number as an exact coefficient and exponent (value = coef × 10^exp): decimal128 read from
 * its bits, integers as they are, doubles at mongod's 15 digits. Sums and products of these are
 * exact in BigInt, which is what decimal128 arithmetic needs while results fit 34 digits, and
 * far cheaper than decimal.js; undefined for NaN, infinities and -0 (left to decimal.js).
 */
export interface DecimalParts {
  readonly coef: bigint;
  readonly exp: number;
}

const BIAS = 6176;
const MAX_COEF = 10n ** 34n;
const DECIMAL_PARTS = /^(-?)(\d*)(?:\.(\d*))?(?:e([-+]?\d+))?$/i;

export function decimalParts(value: unknown): DecimalParts | undefined {
  const tag = bsonTag(value);
  if (tag === 'Decimal128') {
    const bytes = (value as Decimal128).bytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
    const low = view.getBigUint64(0, true);
    const high = view.getBigUint64(8, true);
    if (((high >> 61n) & 3n) === 3n) return undefined;
    const coef = ((high & 0x1ffffffffffffn) << 64n) | low;
    const negative = high >> 63n === 1n;
    if (negative && coef === 0n) return undefined;
    return { coef: negative ? -coef : coef, exp: Number((high >> 49n) & 0x3fffn) - BIAS };
  }
  if (tag === 'Long') return { coef: (value as Long).toBigInt(), exp: 0 };
  const kind = numberKind(value);
  if (kind === undefined || !Number.isFinite(Number(value)) || Object.is(Number(value), -0))
    return undefined;
  if (kind === NumberKind.Int) return { coef: BigInt(Number(value)), exp: 0 };
  const parts = DECIMAL_PARTS.exec(decimalText(value));
  if (!parts) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = parts;
  const coef = BigInt(`${whole}${fraction}` || '0');
  return { coef: sign ? -coef : coef, exp: Number(exponent) - fraction.length };
}

/** The decimal128 holding coef × 10^exp exactly, or undefined when it needs rounding. */
export function fromParts(coef: bigint, exp: number): Decimal128 | undefined {
  const magnitude = coef < 0n ? -coef : coef;
  if (magnitude >= MAX_COEF || exp < -BIAS || exp > 6111) return undefined;
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, magnitude & 0xffffffffffffffffn, true);
  const sign = coef < 0n ? 1n << 63n : 0n;
  view.setBigUint64(8, sign | (BigInt(exp + BIAS) << 49n) | (magnitude >> 64n), true);
  return new Decimal128(bytes);
}

const POWERS: bigint[] = [1n];

/** 10^n as a BigInt, cached. */
export function pow10(n: number): bigint {
  while (POWERS.length <= n) POWERS.push((POWERS.at(-1) as bigint) * 10n);
  return POWERS[n] as bigint;
}
