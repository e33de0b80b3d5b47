import type { ClientSession, MongoClient } from 'mongodb';

/** Runs `body` inside a transaction on a fresh session of `client`, ending the session after. */
export async function inTransaction(
  client: MongoClient,
  body: (session: ClientSession) => Promise<void>,
): Promise<void> {
  const session = client.startSession();
  try {
    session.startTransaction();
    await body(session);
  } finally {
    await session.endSession();
  }
}
