import { evalExpr } from 'mingo/core';
import {
  $dateAdd as mingoDateAdd,
  $dateSubtract as mingoDateSubtract,
  $dateToParts as mingoDateToParts,
} from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { isPlainObject } from './paths.ts';

/**
 * `$dateAdd` and `$dateSubtract` in calendar units as mongod computes them: a month, quarter or
 * year that lands past the end of a month lands on its last day (Jan 31 + 1 month = Feb 28;
 * mingo rolled over to Mar 3), and with a `timezone` days and longer units are added to the
 * wall-clock time there (a day across a DST change is 23 or 25 hours; mingo ignored the zone).
 * Shorter units are exact durations, as mingo computes them.
 */
type Expression = (obj: AnyObject, expr: unknown, options: Options) => unknown;

const MONTHS: Readonly<Record<string, number>> = { month: 1, quarter: 3, year: 12 };
const DAYS: Readonly<Record<string, number>> = { day: 1, week: 7 };

/** The wall-clock time of `date` in `timezone` as a UTC Date (the date itself without a zone). */
function wallClockOf(date: Date, timezone: unknown, obj: AnyObject, options: Options): Date {
  if (timezone === undefined || timezone === null) return date;
  const p = mingoDateToParts(
    obj,
    { date: { $literal: date }, timezone: { $literal: timezone } } as never,
    options,
  ) as Record<string, number>;
  return new Date(
    Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second, p.millisecond),
  );
}

function addMonthsClamped(wall: Date, months: number): Date {
  const target = wall.getUTCMonth() + months;
  const year = wall.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const moved = new Date(wall);
  moved.setUTCFullYear(year, month, Math.min(wall.getUTCDate(), lastDay));
  return moved;
}

const calendarArithmetic =
  (sign: 1 | -1, mingo: Expression): Expression =>
  (obj, expr, options) => {
    if (!isPlainObject(expr)) return mingo(obj, expr, options);
    const start: unknown = evalExpr(obj, expr.startDate, options);
    const unit: unknown = evalExpr(obj, expr.unit, options);
    const amount: unknown = evalExpr(obj, expr.amount, options);
    const timezone: unknown = evalExpr(obj, expr.timezone, options);
    const months = typeof unit === 'string' ? MONTHS[unit] : undefined;
    const days = typeof unit === 'string' && timezone != null ? DAYS[unit] : undefined;
    if (!(start instanceof Date) || !Number.isInteger(amount) || (!months && !days))
      return mingo(obj, expr, options);
    const n = sign * (amount as number);
    const wall = wallClockOf(start, timezone, obj, options);
    const moved = months
      ? addMonthsClamped(wall, n * months)
      : new Date(wall.getTime() + n * (days as number) * 86_400_000);
    // Back from wall-clock time to an instant, with the zone's offset at the new time.
    const offset = (at: Date) => wallClockOf(at, timezone, obj, options).getTime() - at.getTime();
    const guess = new Date(moved.getTime() - offset(start));
    return new Date(moved.getTime() - offset(guess));
  };

export const $dateAdd = calendarArithmetic(1, mingoDateAdd as Expression);
export const $dateSubtract = calendarArithmetic(-1, mingoDateSubtract as Expression);
