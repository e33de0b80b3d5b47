import { httpHandler } from '#lib/http/index.ts';
import { booksPerYear, StatsRoutes } from '#lib/stats/index.ts';

/** GET /stats/books-per-year → 200 {items: [{year, count}]}. */
export const handler = httpHandler(StatsRoutes.booksPerYear, (input) => booksPerYear(input));
