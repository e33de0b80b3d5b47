import { MongoClient, ObjectId } from 'mongodb';

/**
 * The baseline every function is compared with: what a user would write by hand with the bare
 * driver. A client cached in module scope, one findOne, JSON.stringify of the document.
 * Same pool options as the library's defaults, so connection figures compare like for like.
 */
const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
const client = new MongoClient(uri, {
  maxPoolSize: Number(process.env.MONGODB_MAX_POOL_SIZE ?? 3),
  minPoolSize: 0,
  maxIdleTimeMS: 60_000,
  serverSelectionTimeoutMS: 3_000,
});
const users = client.db(process.env.MONGODB_DB ?? 'bench').collection('users');

interface Event {
  readonly pathParameters?: Record<string, string | undefined>;
}

export async function handler(event: Event) {
  const id = event.pathParameters?.id ?? '';
  if (!ObjectId.isValid(id)) return { statusCode: 400 };
  const user = await users.findOne({ _id: new ObjectId(id) });
  if (!user) return { statusCode: 404 };
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  };
}
