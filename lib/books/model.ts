import type { ObjectId } from 'mongodb';
import * as z from 'zod';
import { model, objectId, type PaginateRequest } from '#lib/model/index.ts';

export const GENRES = Object.freeze([
  'fiction',
  'non-fiction',
  'poetry',
  'drama',
  'reference',
] as const);

/** The embedded author (`DocumentField(Author)` of seed 002): a copy of the name for listings. */
const EmbeddedAuthor = z.strictObject({ name: z.string().min(1).max(100) });

/** An edition of a book: an array of embedded documents. */
const Edition = z.strictObject({
  year: z.int().min(1400).max(2100),
  publisher: z.string().trim().min(1).max(100),
});

export const BookSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(200),
  year: z.int().min(1400).max(2100),
  /** Reference to the author by ObjectId (hex string at the API edge). */
  authorId: objectId(),
  author: EmbeddedAuthor,
  genre: z.enum(GENRES).default('fiction'),
  isbn: z
    .string()
    .regex(/^(?:97[89])?\d{9}[\dX]$/, 'must be an ISBN-10 or ISBN-13 without dashes')
    .optional(),
  tags: z
    .array(z.string().trim().min(1).max(30))
    .max(20)
    .default(() => []),
  editions: z
    .array(Edition)
    .max(50)
    .default(() => []),
  rating: z.number().min(0).max(5).optional(),
});

export const Books = model({
  name: 'book',
  collection: 'books',
  schema: BookSchema,
  timestamps: true,
  keyset: { field: 'year', direction: 1 },
  indexes: [
    { key: { year: 1, _id: 1 } },
    { key: { authorId: 1, year: 1 } },
    // Unique where present: books without an ISBN do not collide.
    { key: { isbn: 1 }, name: 'isbn_unique', unique: true, sparse: true },
    // Only rated books are ranked; a partial index keeps unrated ones out of it.
    { key: { rating: -1 }, name: 'rated', partialFilterExpression: { rating: { $exists: true } } },
  ],
}).withQueries({
  /** `Book.query.by_author(id)`: a page of one author's books in year order. */
  byAuthor: (books, authorId: ObjectId, request: PaginateRequest) =>
    books.paginate({ authorId }, request),
  publishedIn: (books, year: number) => books.find({ year }, { sort: { title: 1 } }),
});

export type Book = z.output<typeof BookSchema>;
