import { expect, vi } from 'vitest';
import type { ApiHandler, RouteDoc } from '#lib/http/index.ts';
import { type EventInput, httpEvent } from './events.ts';
import { type Answer, invoke } from './invoke.ts';
import { openApiConformance } from './openapi.ts';

export const ROUTES = {
  createAuthor: ['#functions/authors/create.ts', 'AuthorRoutes', 'create'],
  listAuthors: ['#functions/authors/list.ts', 'AuthorRoutes', 'list'],
  getAuthor: ['#functions/authors/get.ts', 'AuthorRoutes', 'get'],
  updateAuthor: ['#functions/authors/update.ts', 'AuthorRoutes', 'update'],
  replaceAuthor: ['#functions/authors/replace.ts', 'AuthorRoutes', 'replace'],
  deleteAuthor: ['#functions/authors/delete.ts', 'AuthorRoutes', 'delete'],
  listAuthorBooks: ['#functions/authors/books-list.ts', 'BookRoutes', 'ofAuthor'],
  createAuthorBook: ['#functions/authors/books-create.ts', 'BookRoutes', 'addToAuthor'],
  createBook: ['#functions/books/create.ts', 'BookRoutes', 'create'],
  createBooks: ['#functions/books/bulk.ts', 'BookRoutes', 'bulk'],
  listBooks: ['#functions/books/list.ts', 'BookRoutes', 'list'],
  getBook: ['#functions/books/get.ts', 'BookRoutes', 'get'],
  updateBook: ['#functions/books/update.ts', 'BookRoutes', 'update'],
  replaceBook: ['#functions/books/replace.ts', 'BookRoutes', 'replace'],
  deleteBook: ['#functions/books/delete.ts', 'BookRoutes', 'delete'],
  booksPerYear: ['#functions/stats/books-per-year.ts', 'StatsRoutes', 'booksPerYear'],
  openapi: ['#functions/openapi/document.ts', 'OpenApiRoutes', 'document'],
  createUser: ['#functions/users/create.ts', 'UserRoutes', 'create'],
  listUsers: ['#functions/users/list.ts', 'UserRoutes', 'list'],
  getUser: ['#functions/users/get.ts', 'UserRoutes', 'get'],
  updateUser: ['#functions/users/update.ts', 'UserRoutes', 'update'],
  replaceUser: ['#functions/users/replace.ts', 'UserRoutes', 'replace'],
  deleteUser: ['#functions/users/delete.ts', 'UserRoutes', 'delete'],
} as const;
export type RouteName = keyof typeof ROUTES;

export interface Library {
  /** Invokes a route through its real chain and asserts the answer conforms to the OpenAPI document. */
  call(route: RouteName, input: EventInput): Promise<Answer>;
  /** Invokes a route without the OpenAPI check (answers the document does not list, e.g. 401). */
  raw(route: RouteName, input: EventInput): Promise<Answer>;
  /** The route's handler and doc, to build events by hand (e.g. raw API Gateway events). */
  route(route: RouteName): { readonly handler: ApiHandler; readonly doc: RouteDoc };
  readonly mongo: typeof import('#lib/mongo/index.ts');
  readonly document: Record<string, unknown>;
}

/** Cold-starts every library handler with the given environment (fresh module registry). */
export async function loadLibrary(env: Record<string, string | undefined>): Promise<Library> {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.resetModules();
  const specs = {
    AuthorRoutes: (await import('#lib/authors/index.ts')).AuthorRoutes,
    BookRoutes: (await import('#lib/books/index.ts')).BookRoutes,
    StatsRoutes: (await import('#lib/stats/index.ts')).StatsRoutes,
    OpenApiRoutes: (await import('#lib/openapi/index.ts')).OpenApiRoutes,
    UserRoutes: (await import('#lib/users/index.ts')).UserRoutes,
  } as Record<string, Record<string, { doc: RouteDoc }>>;
  const handlers = new Map<RouteName, { handler: ApiHandler; doc: RouteDoc }>();
  for (const [name, [module, group, key]] of Object.entries(ROUTES)) {
    const { handler } = (await import(/* @vite-ignore */ module)) as { handler: ApiHandler };
    const doc = specs[group]?.[key]?.doc;
    if (!doc) throw new Error(`no doc for ${name}`);
    handlers.set(name as RouteName, { handler, doc });
  }
  const { apiDocument } = await import('#lib/openapi/index.ts');
  const document = apiDocument();
  const conforms = openApiConformance(document);
  return {
    mongo: await import('#lib/mongo/index.ts'),
    document,
    route(route) {
      const entry = handlers.get(route);
      if (!entry) throw new Error(route);
      return entry;
    },
    raw(route, input) {
      const entry = handlers.get(route);
      if (!entry) throw new Error(route);
      return invoke(entry.handler, httpEvent({ method: entry.doc.method, ...input }));
    },
    async call(route, input) {
      const entry = handlers.get(route);
      if (!entry) throw new Error(route);
      const answer = await invoke(entry.handler, httpEvent({ method: entry.doc.method, ...input }));
      expect(
        conforms(entry.doc, answer),
        `${route} ${answer.status} ${JSON.stringify(answer.body)}`,
      ).toBeNull();
      return answer;
    },
  };
}
