import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/** A Sunday in spring, and a Friday that falls in the last ISO week of the year before. */
const SUNDAY = new Date('2026-03-29T00:30:00Z');
const NEW_YEAR = new Date('2027-01-01T12:00:00Z');

describe('week arithmetic in date expressions (date-operators.ts)', () => {
  const own = useTestDb('date_operators', (db) =>
    db.collection('days').insertMany([
      { _id: 1, d: SUNDAY },
      { _id: 2, d: NEW_YEAR },
      { _id: 3, d: null },
    ] as never[]),
  );
  const computed = async (fields: Record<string, unknown>) =>
    own.db
      .collection('days')
      .aggregate([{ $sort: { _id: 1 } }, { $project: { _id: 0, ...fields } }])
      .toArray();

  it('$week counts Sunday-started weeks, $isoWeek and $isoWeekYear follow ISO 8601', async () => {
    expect(
      await computed({
        week: { $week: '$d' },
        isoWeek: { $isoWeek: '$d' },
        isoYear: { $isoWeekYear: '$d' },
      }),
    ).toEqual([
      { week: 13, isoWeek: 13, isoYear: 2026 },
      { week: 0, isoWeek: 53, isoYear: 2026 },
      { week: null, isoWeek: null, isoYear: null },
    ]);
  });

  it('$dateToString formats %U, %w and %G as MongoDB does', async () => {
    const [sunday, newYear] = await computed({
      s: { $dateToString: { date: '$d', format: '%U|%w|%G|%V|%u|%%U' } },
    });
    expect(sunday?.s).toBe('13|1|2026|13|7|%U');
    expect(newYear?.s).toBe('00|6|2026|53|5|%U');
  });

  it('$dateToParts answers its fields in MongoDB’s order, and null for a null date', async () => {
    const [sunday, , none] = await computed({
      parts: { $dateToParts: { date: '$d', timezone: '+02:00' } },
      iso: { $dateToParts: { date: '$d', iso8601: true } },
    });
    expect(Object.entries(sunday?.parts ?? {})).toEqual([
      ['year', 2026],
      ['month', 3],
      ['day', 29],
      ['hour', 2],
      ['minute', 30],
      ['second', 0],
      ['millisecond', 0],
    ]);
    expect(Object.keys(sunday?.iso ?? {})).toEqual([
      'isoWeekYear',
      'isoWeek',
      'isoDayOfWeek',
      'hour',
      'minute',
      'second',
      'millisecond',
    ]);
    expect(none).toEqual({ parts: null, iso: null });
  });
});
