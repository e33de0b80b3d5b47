// Throughput reference (a): GET /users/:id served by Fastify with the bare driver, one pool
// like the handler's. Prints "listening <port>" on stderr and runs until SIGTERM.
// FASTIFY_LOGGER=true turns on Fastify's own production logging (pino, one line as each request
// arrives and one as it completes), as most deployed Fastify services run.
import Fastify from 'fastify';
import { MongoClient, ObjectId } from 'mongodb';

const client = new MongoClient(process.env.MONGODB_URI ?? '', {
  maxPoolSize: Number(process.env.MONGODB_MAX_POOL_SIZE ?? 3),
});
const users = client.db(process.env.MONGODB_DB ?? 'bench').collection('users');
const app = Fastify({ logger: process.env.FASTIFY_LOGGER === 'true' });

app.get<{ Params: { id: string } }>('/users/:id', async (request, reply) => {
  const { id } = request.params;
  if (!ObjectId.isValid(id)) return reply.code(400).send({ title: 'Bad id' });
  const user = await users.findOne({ _id: new ObjectId(id) });
  if (!user) return reply.code(404).send({ title: 'Not found' });
  return reply.type('application/json').send(JSON.stringify(user));
});

await client.connect();
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.error(`listening ${typeof address === 'object' && address ? address.port : ''}`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => client.close())
    .then(() => process.exit(0));
});
