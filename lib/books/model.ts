import type { ObjectId } from 'mongodb';
import * as z from 'zod/mini';
import { decimal, model, objectId, type PaginateRequest } from '#lib/model/index.ts';

export const GENRES = Object.freeze([
  'fiction',
  'non-fiction',
  'poetry',
  'drama',
  'reference',
] as const);

/** The embedded author (`DocumentField(Author)` of seed 002): a copy of the name for listings. */
const EmbeddedAuthor = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
});

const year = () => z.int().check(z.minimum(1400), z.maximum(2100));

/** An edition of a book: an array of embedded documents. */
export const Edition = z.strictObject({
  year: year(),
  publisher: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
});

/** Field rules, also used on their own by the PATCH body (lib/books/api.ts). */
export const bookTitle = z
  .string()
  .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200));
export const bookYear = year();
export const bookGenre = z.enum(GENRES);
export const bookIsbn = z
  .string()
  .check(z.regex(/^(?:97[89])?\d{9}[\dX]$/, 'must be an ISBN-10 or ISBN-13 without dashes'));
export const bookTag = z.string().check(z.trim(), z.minLength(1), z.maxLength(30));
export const bookTags = z.array(bookTag).check(z.maxLength(20));
export const bookRating = z.number().check(z.minimum(0), z.maximum(5));
/** A price: a decimal128 in the database, a string such as "19.99" in JSON (DecimalField). */
export const bookPrice = decimal({ min: 0, scale: 2 });

export const BookSchema = z.strictObject({
  title: bookTitle,
  year: bookYear,
  /** Reference to the author by ObjectId (hex string at the API edge). */
  authorId: objectId(),
  author: EmbeddedAuthor,
  genre: z._default(bookGenre, 'fiction'),
  isbn: z.optional(bookIsbn),
  tags: z._default(bookTags, () => []),
  editions: z._default(z.array(Edition).check(z.maxLength(50)), () => []),
  rating: z.optional(bookRating),
  price: z.optional(bookPrice),
});

export const Books = model({
  name: 'book',
  collection: 'books',
  schema: BookSchema,
  timestamps: true,
  versioned: true,
  keyset: { field: 'year', direction: 1 },
  // `?sort=title`, `?sort=-createdAt`, …: each order has its (field, _id) index.
  sortable: ['year', 'title', 'createdAt'],
  indexes: [
    { key: { year: 1, _id: 1 } },
    { key: { title: 1, _id: 1 } },
    { key: { createdAt: 1, _id: 1 } },
    { key: { authorId: 1, year: 1 } },
    // Unique where present: books without an ISBN do not collide.
    { key: { isbn: 1 }, name: 'isbn_unique', unique: true, sparse: true },
    // `?q=`: one text index per collection; a word in the title weighs three in the tags.
    { key: { title: 'text', tags: 'text' }, name: 'books_text', weights: { title: 3 } },
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
