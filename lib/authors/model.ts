import * as z from 'zod';
import { model } from '#lib/model/index.ts';

/** An author (Flask-MongoAlchemy's `Author` of seed 002) with a counter of their books. */
export const AuthorSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  bio: z.string().trim().max(2000).optional(),
  born: z.int().min(-3000).max(2100).optional(),
  /** Kept by the book routes, in the same transaction as the book write. */
  bookCount: z.int().min(0).default(0),
});

export const Authors = model({
  name: 'author',
  collection: 'authors',
  schema: AuthorSchema,
  timestamps: true,
  // Keyset pages go by name; the compound index serves the (name, _id) order and its tie-break.
  keyset: { field: 'name', direction: 1 },
  indexes: [{ key: { name: 1, _id: 1 } }],
});

export type Author = z.output<typeof AuthorSchema>;
