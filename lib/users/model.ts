import * as z from 'zod/mini';
import { model } from '#lib/model/index.ts';

/** Field rules (MongoKit's max_length validators of seed 003, plus a real email check). */
export const userName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(50, 'must be at most 50 characters'),
  );
// Lower-cased so the unique index treats Ann@x.io and ann@x.io as the same address.
export const userEmail = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.maxLength(120, 'must be at most 120 characters'),
    z.email('must be an e-mail address'),
  );

/** A user as stored (without _id and timestamps). Strict: unknown keys and `$`-operators fail. */
export const UserSchema = z.strictObject({ name: userName, email: z.optional(userEmail) });

export const Users = model({
  name: 'user',
  collection: 'users',
  schema: UserSchema,
  timestamps: true,
  versioned: true,
  // `?sort=name` / `-name`; without it, insertion (`_id`) order.
  sortable: ['name'],
  // Unique only where an email is present, so users without one do not collide.
  indexes: [
    { key: { name: 1, _id: 1 } },
    {
      key: { email: 1 },
      name: 'email_unique',
      unique: true,
      partialFilterExpression: { email: { $type: 'string' } },
    },
  ],
});

export type User = z.output<typeof UserSchema>;
