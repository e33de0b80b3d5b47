export {
  AuthorBookBody,
  BookRoutes,
  BULK_MAX,
  BulkBooksBody,
  CreateBookBody,
  ListBooksQuery,
  UpdateBookBody,
} from './api.ts';
export { bulkCreateBooks } from './bulk.ts';
export { type Book, BookSchema, Books, GENRES } from './model.ts';
export {
  addBookToAuthor,
  createBook,
  deleteBook,
  getBook,
  listAuthorBooks,
  listBooks,
  updateBook,
} from './routes.ts';
