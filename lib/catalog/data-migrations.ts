import { recountAuthorBooks } from '#lib/authors/migrations/2026-11-21-recount-books.ts';

/**
 * The API's data migrations, in the order every database applies them (ascending ids):
 * `npm run migrate` runs the ones a database has not recorded, after its validators and indexes.
 */
export const DATA_MIGRATIONS = Object.freeze([recountAuthorBooks]);
