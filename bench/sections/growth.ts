import { encodeCursor } from '#lib/model/pagination/cursor.ts';
import { Users } from '#lib/users/model.ts';
import type { BuiltBundle } from '../build/bundle.ts';
import { BENCH_CURSOR_SECRET, lambdaEnv, runJsonChild } from '../support/child.ts';
import { seedUsers } from '../support/database.ts';
import { round, summarize } from '../support/stats.ts';

export interface GrowthRow {
  readonly documents: number;
  readonly mode: string;
  readonly position: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const PER_PAGE = 100;

/**
 * GET /users at each collection size: page mode (skip + count) and keyset mode (range on
 * _id), on the first page and on the last one, so the cost curve of each mode shows.
 */
export async function measureGrowth(
  listBundle: BuiltBundle,
  uri: string,
  sizes: readonly number[],
  repeat: number,
): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  for (const size of sizes) {
    const dbName = `bench_growth_${size}`;
    const ids = await seedUsers(uri, dbName, size);
    const beforeLast = ids[size - PER_PAGE - 1];
    if (!beforeLast) throw new Error(`growth needs more than ${PER_PAGE} documents`);
    const deepCursor = encodeCursor(BENCH_CURSOR_SECRET, Users.keyset, {
      value: beforeLast,
      id: beforeLast,
      direction: 'next',
    });
    const requests = [
      { label: 'page|first', query: { page: '1', perPage: String(PER_PAGE) } },
      { label: 'page|last', query: { page: String(size / PER_PAGE), perPage: String(PER_PAGE) } },
      { label: 'keyset|first', query: { limit: String(PER_PAGE) } },
      { label: 'keyset|last', query: { cursor: deepCursor, limit: String(PER_PAGE) } },
    ];
    const latencies = await runJsonChild<Record<string, number[]>>(
      'bench/env/list-pages.ts',
      [listBundle.file, JSON.stringify({ requests, repeat })],
      lambdaEnv(uri, dbName),
    );
    for (const { label } of requests) {
      const [mode = '', position = ''] = label.split('|');
      const s = summarize(latencies[label] ?? []);
      rows.push({
        documents: size,
        mode,
        position,
        p50Ms: round(s.p50 / 1_000, 2),
        p99Ms: round(s.p99 / 1_000, 2),
      });
    }
  }
  return rows;
}
