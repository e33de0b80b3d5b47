import { AuthorRoutes } from '#lib/authors/api.ts';
import { BookRoutes } from '#lib/books/api.ts';
import { HealthRoutes } from '#lib/health/api.ts';
import type { RouteSpec } from '#lib/http/handler.ts';
import { OpenApiRoutes } from '#lib/openapi/route.ts';
import { StatsRoutes } from '#lib/stats/index.ts';
import { UserRoutes } from '#lib/users/api.ts';

/** Every route of the API, for the OpenAPI document. */
export const ROUTES: readonly RouteSpec<unknown, unknown, unknown>[] = Object.freeze(
  [UserRoutes, AuthorRoutes, BookRoutes, StatsRoutes, HealthRoutes, OpenApiRoutes].flatMap(
    (group) => Object.values(group) as RouteSpec<unknown, unknown, unknown>[],
  ),
);
