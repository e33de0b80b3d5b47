import type { ObjectId } from 'mongodb';
import type { RouteResponse } from '#lib/http/response.ts';
import { putOptionsOf, type RequestContext } from './conditional-requests.ts';
import type { PutOptions } from './replace.ts';
import { putResponse } from './route-responses.ts';
import { withTransaction } from './transaction.ts';
import type { ModelContext } from './types.ts';

/**
 * A PUT whose replacement commits together with what follows from it (a count moved, a name
 * copied into other documents): the request's preconditions read once, `write` run in one
 * transaction with them, and the answer 200 or 201 with Location as `putResponse` gives it.
 */
export async function transactionalPut<T extends { _id: ObjectId }>(
  ctx: RequestContext,
  collectionPath: string,
  write: (tx: ModelContext, options: PutOptions) => Promise<{ doc: T; created: boolean }>,
): Promise<RouteResponse> {
  const options = putOptionsOf(ctx.event);
  return putResponse(collectionPath, await withTransaction(ctx, (tx) => write(tx, options)));
}
