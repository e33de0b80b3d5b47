export { bsonJsonSchema } from './bson-schema.ts';
export type { Changes } from './changes.ts';
export {
  conditionalGet,
  documentGet,
  entityTagOf,
  notModified,
  putOptionsOf,
  type RequestContext,
  taggedJson,
  writeConditionsOf,
} from './conditional-requests.ts';
export { type BoundModel, type Model, model } from './define.ts';
export {
  type FieldSelection,
  fieldsOnlyQuery,
  fieldsQuery,
  selectableFields,
  selectableSchema,
} from './field-selection.ts';
export { bsonKindOf, type DecimalOptions, date, decimal, email, objectId } from './fields.ts';
export {
  type Comparison,
  type FilterSpec,
  filterOf,
  filterParam,
  filterParams,
  filterQuery,
} from './filters.ts';
export type { InsertManyReport, ItemResult } from './insert-many.ts';
export { apiJsonSchema, type JsonSchema } from './json-schema.ts';
export { type ListOptions, modelList, type RouteOrder } from './list.ts';
export {
  keptParams,
  ListQuery,
  type ListQueryInput,
  ListQueryShape,
  listQuery,
  PAGE_LIMITS,
  paginateRequest,
  paginationBody,
  paginationLinks,
  paginationSchema,
  sortQuery,
} from './pagination/http.ts';
export {
  type KeysetRequest,
  type PageRequest,
  type PaginateRequest,
  type Pagination,
  RELEVANCE,
  type Relevance,
} from './pagination/types.ts';
export { type PatchChanges, patchChanges } from './patch-changes.ts';
export { type FindOptions, type IdLike, notFound } from './reads.ts';
export type { PutOptions } from './replace.ts';
export { createdResponse, pageResponse, putResponse } from './route-responses.ts';
export type { SortOrders } from './sort-orders.ts';
export { withTransaction } from './transaction.ts';
export type {
  KeysetSort,
  ModelContext,
  ModelOptions,
  StoredDoc,
  Timestamps,
  ValidationOptions,
} from './types.ts';
export { parseOr422 } from './validate.ts';
export { VERSION_FIELD, type WriteOptions } from './versioning.ts';
