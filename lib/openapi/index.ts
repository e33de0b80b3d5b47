export { apiDocument } from './api-document.ts';
export { IdParams, LINK_HEADER, LOCATION_HEADER } from './common.ts';
export { openApiDocument } from './document.ts';
export { errorStatuses, FIELD_ERRORS_SCHEMA, PROBLEM_SCHEMA } from './problem.ts';
export { OpenApiRoutes } from './route.ts';
export {
  BEARER,
  operationSecurity,
  SECURITY_SCHEMES,
  type SecurityOptions,
} from './security.ts';
