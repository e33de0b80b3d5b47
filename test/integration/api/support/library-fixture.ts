import type { Db } from 'mongodb';
import { beforeEach, expect, vi } from 'vitest';
import { setupDatabase } from '#lib/setup/index.ts';
import { useOwnDatabase } from './api-on-own-database.ts';
import { type Library, loadLibrary } from './library.ts';

export interface LibraryFixture {
  readonly api: Library;
  readonly db: Db;
  /** Creates an author through the API and returns its id. */
  author(name: string, extra?: object): Promise<string>;
  /** Seeds books through POST /books/bulk (no transaction) and returns their ids. */
  books(authorId: string, years: number[]): Promise<string[]>;
  /** The same with every field given (`title`, `year`, tags, …), all of one author. */
  booksWith(authorId: string, books: readonly object[]): Promise<string[]>;
}

/** Path and path parameters of a route template with `{id}`. */
export const byId = (path: string, id: string) => ({
  path: path.replace('{id}', id),
  pathParameters: { id },
});

/**
 * Registers the hooks of a library test file: a migrated database of its own, cold-started
 * handlers (with `env` added to their environment), quiet logs, and (when `clean`) empty
 * authors/books before each test.
 */
export function useLibrary(
  prefix: string,
  clean = true,
  env: Readonly<Record<string, string>> = {},
): LibraryFixture {
  const own = useOwnDatabase(prefix, setupDatabase, (base) => loadLibrary({ ...base, ...env }));
  beforeEach(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    if (clean) {
      await Promise.all(['authors', 'books'].map((c) => fixture.db.collection(c).deleteMany({})));
    }
    return () => vi.restoreAllMocks();
  });
  const fixture: LibraryFixture = {
    get api() {
      return own.api;
    },
    get db() {
      return own.db;
    },
    async author(name, extra = {}) {
      const answer = await fixture.api.call('createAuthor', {
        path: '/authors',
        body: { name, ...extra },
      });
      expect(answer.status).toBe(201);
      return answer.body._id;
    },
    books(authorId, years) {
      return fixture.booksWith(
        authorId,
        years.map((year, i) => ({ title: `Book ${year}-${i}`, year })),
      );
    },
    async booksWith(authorId, books) {
      const answer = await fixture.api.call('createBooks', {
        path: '/books/bulk',
        body: { books: books.map((book) => ({ ...book, authorId })) },
      });
      expect(answer.body.failed).toBe(0);
      return answer.body.items.map((i: { _id: string }) => i._id);
    },
  };
  return fixture;
}
