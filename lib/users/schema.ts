import * as z from 'zod';
import { objectIdString } from '#lib/mongo/object-id.ts';

/** Field rules (MongoKit's max_length validators of seed 003, plus a real email check). */
const name = z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters');
// Lower-cased so the unique index treats Ann@x.io and ann@x.io as the same address.
const email = z
  .string()
  .trim()
  .max(120, 'must be at most 120 characters')
  .pipe(z.email())
  .transform((e) => e.toLowerCase());

/** A user as stored (without _id). Strict: unknown keys, including `$`-operators, are rejected. */
export const UserSchema = z.strictObject({ name, email: email.optional() });
export type User = z.infer<typeof UserSchema>;

export const CreateUserBody = UserSchema;

/** PATCH body: a validated `$set` of known fields; `email: null` removes the address. */
export const UpdateUserBody = z
  .strictObject({ name: name.optional(), email: email.nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateUser = z.infer<typeof UpdateUserBody>;

export const UserIdParams = z.object({ id: objectIdString });

export const PAGE_SIZE = Object.freeze({ default: 10, max: 100 });

/** `?page=&perPage=`: perPage is clamped to 1..100 rather than rejected. */
export const ListUsersQuery = z.object({
  page: z.coerce.number().int('must be an integer').min(1, 'must be at least 1').default(1),
  perPage: z.coerce
    .number()
    .int('must be an integer')
    .default(PAGE_SIZE.default)
    .transform((n) => Math.min(PAGE_SIZE.max, Math.max(1, n))),
});
export type ListUsers = z.infer<typeof ListUsersQuery>;
