export { booksPerYear, StatsRoutes, type YearCount } from './books-per-year.ts';
