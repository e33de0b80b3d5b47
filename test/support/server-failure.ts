import type { MongoServerError } from 'mongodb';
import { expect } from 'vitest';

/** The server error `p` rejects with; the test fails if `p` resolves. */
export const failure = (p: Promise<unknown>): Promise<MongoServerError> =>
  p.then(
    () => expect.unreachable('should fail'),
    (e: MongoServerError) => e,
  );
