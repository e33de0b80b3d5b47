export { AuthorRoutes, CreateAuthorBody, ListAuthorsQuery, UpdateAuthorBody } from './api.ts';
export { type Author, AuthorSchema, Authors } from './model.ts';
export {
  createAuthor,
  deleteAuthor,
  getAuthor,
  listAuthors,
  replaceAuthor,
  updateAuthor,
} from './routes.ts';
