import * as z from 'zod/mini';
import { model } from '#lib/model/index.ts';

/** An author (Flask-MongoAlchemy's `Author` of seed 002) with a counter of their books. */
/** Field rules, also used on their own by the PATCH body (lib/authors/api.ts). */
export const authorName = z
  .string()
  .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100));
export const authorBio = z.string().check(z.trim(), z.maxLength(2000));
export const authorBorn = z.int().check(z.minimum(-3000), z.maximum(2100));

export const AuthorSchema = z.strictObject({
  name: authorName,
  bio: z.optional(authorBio),
  born: z.optional(authorBorn),
  /** Kept by the book routes, in the same transaction as the book write. */
  bookCount: z._default(z.int().check(z.minimum(0)), 0),
});

export const Authors = model({
  name: 'author',
  collection: 'authors',
  schema: AuthorSchema,
  timestamps: true,
  versioned: true,
  // Keyset pages go by name; the compound index serves the (name, _id) order and its tie-break.
  keyset: { field: 'name', direction: 1 },
  // `?sort=-bookCount`: the most prolific first.
  sortable: ['name', 'bookCount'],
  indexes: [{ key: { name: 1, _id: 1 } }, { key: { bookCount: 1, _id: 1 } }],
  // Names in alphabetical order, whatever their case: "de Camp" between "Clarke" and "Delany",
  // not after "Zelazny" (binary order); the indexes are built with it (lib/model/collation.ts).
  collation: { locale: 'en', strength: 2 },
  // The book routes keep it: a PUT keeps the stored count, and responses mark it readOnly.
  readOnly: ['bookCount'],
});

export type Author = z.output<typeof AuthorSchema>;
