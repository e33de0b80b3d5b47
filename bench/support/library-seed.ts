import { MongoClient, ObjectId } from 'mongodb';
import { Authors } from '#lib/authors/model.ts';
import { Books } from '#lib/books/model.ts';
import { applyMigration, planMigration } from '#lib/migrate/index.ts';

/** Books per author in the seeded library. */
export const BOOKS_PER_AUTHOR = 10;

export interface SeededAuthor {
  readonly id: ObjectId;
  readonly name: string;
}

/** A book as the API stores it, written straight to the collection (seeds, migration tests). */
export function storedBook(title: string, year: number, author: SeededAuthor, at: Date) {
  return {
    title,
    year,
    authorId: author.id,
    author: { name: author.name },
    genre: 'fiction',
    tags: [],
    editions: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * `books` books by `books / 10` authors, with the collections, validators and indexes pushed
 * by the project's migration step as a deployment would (books' `{ authorId: 1, year: 1 }`
 * among them); returns the authors in their keyset order (name, then `_id`).
 */
export async function seedLibrary(
  uri: string,
  dbName: string,
  books: number,
): Promise<SeededAuthor[]> {
  const client = new MongoClient(uri);
  try {
    const db = client.db(dbName);
    await db.dropDatabase();
    await applyMigration(db, await planMigration(db, [Authors, Books]));
    const now = new Date('2026-01-01T00:00:00Z');
    const count = Math.max(1, Math.floor(books / BOOKS_PER_AUTHOR));
    const authors = Array.from({ length: count }, (_, i) => ({
      id: new ObjectId(),
      name: `Author ${String(i).padStart(6, '0')}`,
    }));
    await db.collection('authors').insertMany(
      authors.map((a) => ({
        _id: a.id,
        name: a.name,
        bookCount: BOOKS_PER_AUTHOR,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })),
    );
    for (let start = 0; start < books; start += 5_000) {
      const batch = Array.from({ length: Math.min(5_000, books - start) }, (_, j) => {
        const i = start + j;
        const author = authors[i % count] as SeededAuthor;
        return storedBook(`Book ${i}`, 1900 + (i % 120), author, now);
      });
      await db.collection('books').insertMany(batch);
    }
    return authors;
  } finally {
    await client.close();
  }
}
