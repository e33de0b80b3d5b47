import { type Collection, type Document, ObjectId } from 'mongodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Answer, invoke } from '#test/integration/api/support/invoke.ts';
import { failPoint } from './support/fault-api.ts';
import { useFaultApi } from './support/fault-fixture.ts';

// Writes through the real handlers while localdb drops the API's connection: once is absorbed by
// the driver's retryable write (same lsid + txnNumber), twice is a 503 and nothing is written.
const faults = useFaultApi();
let users: Collection<Document>;

beforeAll(() => {
  users = faults.observer.db(faults.api.dbName).collection('users');
});
beforeEach(async () => {
  await failPoint(faults.observer, 'failCommand', 'off');
  await failPoint(faults.observer, 'onPrimaryTransactionalWrite', 'off');
  await users.deleteMany({});
});

const create = (name: string) =>
  invoke(faults.api.users.create, { method: 'POST', path: '/users', body: { name } });
const idRoute = (id: string) => ({ path: `/users/${id}`, pathParameters: { id } });
const update = (id: string, name: string) =>
  invoke(faults.api.users.update, { method: 'PATCH', ...idRoute(id), body: { name } });
const replace = (id: string, name: string) =>
  invoke(faults.api.users.replace, { method: 'PUT', ...idRoute(id), body: { name } });
const remove = (id: string) =>
  invoke(faults.api.users.delete, { method: 'DELETE', ...idRoute(id) });

async function seeded(name: string): Promise<string> {
  const answer = await create(name);
  expect(answer.status).toBe(201);
  return answer.body._id as string;
}

/** localdb closes the API's connection on the next `times` runs of `command`. */
const dropConnections = (command: string, times: number) =>
  failPoint(
    faults.observer,
    'failCommand',
    { times },
    { failCommands: [command], closeConnection: true },
  );

function expect503(answer: Answer): void {
  expect(answer.status).toBe(503);
  expect(answer.headers['content-type']).toBe('application/problem+json');
  expect(answer.headers['retry-after']).toBe('5');
  expect(answer.body).toMatchObject({ type: '/problems/database-unavailable', status: 503 });
}

describe('one dropped connection during a write (failCommand closeConnection, times 1)', () => {
  it('insert: 201 and exactly one document', async () => {
    await dropConnections('insert', 1);
    const answer = await create('once');
    expect(answer.status).toBe(201);
    expect(await users.countDocuments({ name: 'once' })).toBe(1);
    expect(await users.countDocuments({})).toBe(1);
  });

  it('update (findAndModify): 200 with the new value, no document added', async () => {
    const id = await seeded('before');
    await dropConnections('findAndModify', 1);
    const answer = await update(id, 'after');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ _id: id, name: 'after' });
    expect(await users.find({}).project({ _id: 0, name: 1 }).toArray()).toEqual([
      { name: 'after' },
    ]);
  });

  it('delete: 204 (a second, unrecognised delete would answer 404) and the document is gone', async () => {
    const id = await seeded('doomed');
    await seeded('kept');
    await dropConnections('delete', 1);
    expect((await remove(id)).status).toBe(204);
    expect(await users.find({}).project({ _id: 0, name: 1 }).toArray()).toEqual([{ name: 'kept' }]);
  });

  it('insert applied, then the connection dropped before the reply: the retry is answered from the applied write', async () => {
    await failPoint(faults.observer, 'onPrimaryTransactionalWrite', { times: 1 });
    const answer = await create('applied-then-dropped');
    expect(answer.status).toBe(201);
    expect(await users.countDocuments({ name: 'applied-then-dropped' })).toBe(1);
    expect((await users.findOne({ name: 'applied-then-dropped' }))?._id.toHexString()).toBe(
      answer.body._id,
    );
  });

  it('PUT creating at a new id, dropped once: 201 and exactly one document at version 1', async () => {
    const id = new ObjectId().toHexString();
    await dropConnections('findAndModify', 1);
    const answer = await replace(id, 'put-once');
    expect(answer.status).toBe(201);
    expect(await users.find({}).project({ name: 1, version: 1 }).toArray()).toEqual([
      { _id: new ObjectId(id), name: 'put-once', version: 1 },
    ]);
  });

  it('PUT replace applied, then dropped: 200 from the applied write, the version moved on once', async () => {
    const id = await seeded('v1');
    await failPoint(faults.observer, 'onPrimaryTransactionalWrite', { times: 1 });
    const answer = await replace(id, 'v2');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'v2', version: 2 });
    expect(await users.findOne({}, { projection: { _id: 0, name: 1, version: 1 } })).toEqual({
      name: 'v2',
      version: 2,
    });
  });

  it('delete applied, then dropped: 204, not the 404 a re-executed delete would give', async () => {
    const id = await seeded('applied-delete');
    await failPoint(faults.observer, 'onPrimaryTransactionalWrite', { times: 1 });
    expect((await remove(id)).status).toBe(204);
    expect(await users.countDocuments({})).toBe(0);
  });
});

describe('two dropped connections in a row (times 2)', () => {
  it('insert: 503 problem+json with Retry-After, nothing written', async () => {
    await dropConnections('insert', 2);
    expect503(await create('never'));
    expect(await users.countDocuments({})).toBe(0);
    // The fail point is used up: the same container serves the next write.
    expect((await create('next')).status).toBe(201);
    expect(await users.countDocuments({})).toBe(1);
  });

  it('update: 503 and the document unchanged', async () => {
    const id = await seeded('unchanged');
    await dropConnections('findAndModify', 2);
    expect503(await update(id, 'changed'));
    expect(await users.find({}).project({ _id: 0, name: 1 }).toArray()).toEqual([
      { name: 'unchanged' },
    ]);
  });

  it('PUT: 503 and the document unchanged', async () => {
    const id = await seeded('kept-as-is');
    await dropConnections('findAndModify', 2);
    expect503(await replace(id, 'replaced'));
    expect(await users.findOne({}, { projection: { _id: 0, name: 1, version: 1 } })).toEqual({
      name: 'kept-as-is',
      version: 1,
    });
  });

  it('delete: 503 and the document still there', async () => {
    const id = await seeded('survivor');
    await dropConnections('delete', 2);
    expect503(await remove(id));
    expect(await users.countDocuments({ name: 'survivor' })).toBe(1);
  });
});

describe('a retryable server error twice (primary stepping down or shutting down)', () => {
  it.each([
    ['insert', 91, 'ShutdownInProgress'],
    ['insert', 10107, 'NotWritablePrimary'],
    ['insert', 189, 'PrimarySteppedDown'],
    ['find', 11600, 'InterruptedAtShutdown'],
    ['find', 13436, 'NotPrimaryOrSecondary'],
  ] as [string, number, string][])(
    '%s failing with %i (%s) twice: 503 with Retry-After, nothing written',
    async (command, code) => {
      await failPoint(
        faults.observer,
        'failCommand',
        { times: 2 },
        { failCommands: [command], errorCode: code },
      );
      const answer =
        command === 'insert'
          ? await create('stepped-down')
          : await invoke(faults.api.users.list, { path: '/users' });
      expect503(answer);
      expect(await users.countDocuments({})).toBe(0);
    },
  );
});
