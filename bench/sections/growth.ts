import { Authors } from '#lib/authors/model.ts';
import { encodeCursor } from '#lib/model/pagination/cursor.ts';
import { Users } from '#lib/users/model.ts';
import type { BuiltBundle } from '../build/bundle.ts';
import { BENCH_CURSOR_SECRET, lambdaEnv, runJsonChild } from '../support/child.ts';
import { seedUsers } from '../support/database.ts';
import { seedLibrary } from '../support/library-seed.ts';
import { round, summarize } from '../support/stats.ts';

export interface GrowthRow {
  readonly route: string;
  readonly documents: number;
  readonly mode: string;
  readonly position: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

interface ListRequest {
  readonly label: string;
  readonly query: Record<string, string>;
}

const USERS_PER_PAGE = 100;
/** A page of authors joined to their books: 20 authors, ~200 books. */
const AUTHORS_PER_PAGE = 20;

/** Times `requests` of one list route in an environment of its own; one row per request. */
async function timedRows(
  bundle: BuiltBundle,
  env: NodeJS.ProcessEnv,
  route: { readonly key: string; readonly path: string; readonly documents: number },
  requests: readonly ListRequest[],
  repeat: number,
): Promise<GrowthRow[]> {
  const latencies = await runJsonChild<Record<string, number[]>>(
    'bench/env/list-pages.ts',
    [bundle.file, JSON.stringify({ route: route.key, path: route.path, requests, repeat })],
    env,
  );
  return requests.map(({ label }) => {
    const [mode = '', position = ''] = label.split('|');
    const s = summarize(latencies[label] ?? []);
    return {
      route: route.key,
      documents: route.documents,
      mode,
      position,
      p50Ms: round(s.p50 / 1_000, 2),
      p99Ms: round(s.p99 / 1_000, 2),
    };
  });
}

/**
 * GET /users at each collection size: page mode (skip + count) and keyset mode (range on
 * _id), on the first page and on the last one, so the cost curve of each mode shows.
 */
async function usersRows(bundle: BuiltBundle, uri: string, size: number, repeat: number) {
  const dbName = `bench_growth_${size}`;
  const ids = await seedUsers(uri, dbName, size);
  const beforeLast = ids[size - USERS_PER_PAGE - 1];
  if (!beforeLast) throw new Error(`growth needs more than ${USERS_PER_PAGE} documents`);
  const deepCursor = encodeCursor(BENCH_CURSOR_SECRET, Users.keyset, {
    value: beforeLast,
    id: beforeLast,
    direction: 'next',
  });
  const perPage = String(USERS_PER_PAGE);
  const requests: ListRequest[] = [
    { label: 'page|first', query: { page: '1', perPage } },
    { label: 'page|last', query: { page: String(size / USERS_PER_PAGE), perPage } },
    { label: 'keyset|first', query: { limit: perPage } },
    { label: 'keyset|last', query: { cursor: deepCursor, limit: perPage } },
  ];
  const route = { key: 'GET /users', path: '/users', documents: size };
  return timedRows(bundle, lambdaEnv(uri, dbName), route, requests, repeat);
}

/**
 * GET /authors?withBookCount=true over `size` books (one author per 10): each page of authors
 * joined to the books collection with `$lookup` (lib/authors/book-count.ts), first and last page.
 */
async function joinRows(bundle: BuiltBundle, uri: string, size: number, repeat: number) {
  const dbName = `bench_growth_library_${size}`;
  const authors = await seedLibrary(uri, dbName, size);
  const beforeLast = authors[authors.length - AUTHORS_PER_PAGE - 1];
  if (!beforeLast) throw new Error(`growth needs more than ${AUTHORS_PER_PAGE} authors`);
  const deepCursor = encodeCursor(BENCH_CURSOR_SECRET, Authors.keyset, {
    value: beforeLast.name,
    id: beforeLast.id,
    direction: 'next',
  });
  const joined = { limit: String(AUTHORS_PER_PAGE), withBookCount: 'true' };
  const requests: ListRequest[] = [
    { label: 'keyset + $lookup|first', query: joined },
    { label: 'keyset + $lookup|last', query: { ...joined, cursor: deepCursor } },
  ];
  const route = { key: 'GET /authors', path: '/authors', documents: size };
  return timedRows(bundle, lambdaEnv(uri, dbName), route, requests, repeat);
}

/** Both list routes at every size: users by page and keyset, authors joined to their books. */
export async function measureGrowth(
  bundles: { readonly users: BuiltBundle; readonly authors: BuiltBundle },
  uri: string,
  sizes: readonly number[],
  repeat: number,
): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  for (const size of sizes) rows.push(...(await usersRows(bundles.users, uri, size, repeat)));
  for (const size of sizes) rows.push(...(await joinRows(bundles.authors, uri, size, repeat)));
  return rows;
}
