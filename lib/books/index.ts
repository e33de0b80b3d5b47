export {
  BookRoutes,
  CreateBookBody,
  ListBooksQuery,
  UpdateBookBody,
} from './api.ts';
export { AuthorBookBody, AuthorBooksQuery } from './author-books-api.ts';
export { bulkCreateBooks } from './bulk.ts';
export { BULK_MAX, BulkBooksBody } from './bulk-api.ts';
export { type Book, BookSchema, Books, GENRES } from './model.ts';
export {
  addBookToAuthor,
  createBook,
  deleteBook,
  getBook,
  listAuthorBooks,
  listBooks,
  replaceBook,
  updateBook,
} from './routes.ts';
