import { evalExpr } from 'mingo/core';
import {
  $dateToParts as mingoDateToParts,
  $dateToString as mingoDateToString,
} from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { isPlainObject } from './paths.ts';

/**
 * Date expressions where mingo's week arithmetic differs from MongoDB's: `$week` and `%U` (weeks
 * start on Sunday, days before the first Sunday are week 0), `%w` (1 = Sunday … 7 = Saturday),
 * `$isoWeekYear` and `%G` (the year of the ISO week's Thursday), and `$dateToParts` (null for a
 * null date, fields in MongoDB's order).
 */
type Expression = (obj: AnyObject, expr: unknown, options: Options) => unknown;
type DateSpec = { date: unknown; timezone?: unknown };
type Parts = Record<string, number>;

const DAY_MS = 86_400_000;

function specOf(expr: unknown): DateSpec {
  return isPlainObject(expr) && 'date' in expr ? (expr as DateSpec) : { date: expr };
}

/** The date's wall-clock time in its timezone, as a UTC Date (null for a null date). */
function wallClock(obj: AnyObject, expr: unknown, options: Options): Date | null {
  const spec = specOf(expr);
  const date: unknown = evalExpr(obj, spec.date, options);
  if (date === null || date === undefined) return null;
  const parts = mingoDateToParts(
    obj,
    { date: { $literal: date }, timezone: spec.timezone, iso8601: false } as never,
    options,
  ) as Parts;
  return new Date(
    Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour,
      parts.minute,
      parts.second,
      parts.millisecond,
    ),
  );
}

const isoDayOfWeek = (wall: Date) => wall.getUTCDay() || 7;
const thursdayOf = (wall: Date) => new Date(wall.getTime() + (4 - isoDayOfWeek(wall)) * DAY_MS);
const isoWeekYearOf = (wall: Date) => thursdayOf(wall).getUTCFullYear();
function isoWeekOf(wall: Date): number {
  const thursday = thursdayOf(wall);
  return (
    Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / DAY_MS / 7) + 1
  );
}
function sundayWeekOf(wall: Date): number {
  const dayOfYear = Math.floor((wall.getTime() - Date.UTC(wall.getUTCFullYear(), 0, 1)) / DAY_MS);
  return Math.floor((dayOfYear + 7 - wall.getUTCDay()) / 7);
}

const fromWall =
  (compute: (wall: Date) => number): Expression =>
  (obj, expr, options) => {
    const wall = wallClock(obj, expr, options);
    return wall ? compute(wall) : null;
  };

export const $week = fromWall(sundayWeekOf);
export const $isoWeek = fromWall(isoWeekOf);
export const $isoWeekYear = fromWall(isoWeekYearOf);

export const $dateToParts: Expression = (obj, expr, options) => {
  const spec = isPlainObject(expr) ? expr : {};
  const wall = wallClock(obj, spec, options);
  if (!wall) return null;
  const time = {
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
  };
  if (evalExpr(obj, spec.iso8601, options) === true) {
    const week = { isoWeekYear: isoWeekYearOf(wall), isoWeek: isoWeekOf(wall) };
    return { ...week, isoDayOfWeek: isoDayOfWeek(wall), ...time };
  }
  const day = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1 };
  return { ...day, day: wall.getUTCDate(), ...time };
};

/**
 * Specifiers mingo formats differently, swapped for marks it leaves alone, then filled in (`%%`,
 * which mingo drops, becomes the `%` it stands for).
 */
const OWN_SPECIFIERS: Readonly<Record<string, (wall: Date) => string>> = Object.freeze({
  U: (wall: Date) => String(sundayWeekOf(wall)).padStart(2, '0'),
  w: (wall: Date) => String(wall.getUTCDay() + 1),
  G: (wall: Date) => String(isoWeekYearOf(wall)).padStart(4, '0'),
});

export const $dateToString: Expression = (obj, expr, options) => {
  if (!isPlainObject(expr)) return mingoDateToString(obj, expr as never, options);
  const format: unknown = evalExpr(obj, expr.format, options);
  if (typeof format !== 'string' || !/%[UwG%]/.test(format)) {
    return mingoDateToString(obj, expr as never, options);
  }
  const marked = format.replace(/%([UwG%])/g, (_, s: string) => `\uE000${s === '%' ? 'P' : s}`);
  const text = mingoDateToString(obj, { ...expr, format: { $literal: marked } } as never, options);
  if (typeof text !== 'string') return text;
  const wall = wallClock(obj, expr, options);
  return wall
    ? text.replace(/\uE000([UwGP])/g, (_, s: string) => OWN_SPECIFIERS[s]?.(wall) ?? '%')
    : text;
};
