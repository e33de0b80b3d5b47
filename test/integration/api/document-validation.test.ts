import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { type LoadedApi, loadApi } from './support/handlers.ts';
import { invoke } from './support/invoke.ts';

const DB = uniqueDbName('api_validator');
let api: LoadedApi;
let client: MongoClient;

beforeAll(async () => {
  client = await connectTestClient();
  // A server-side rule stricter than the API's (names up to 10 characters).
  await client.db(DB).createCollection('users', {
    validator: {
      $jsonSchema: {
        bsonType: 'object',
        properties: { name: { bsonType: 'string', maxLength: 10 } },
      },
    },
  });
  api = await loadApi({
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: DB,
    MONGODB_URI_SSM_PARAMETER: undefined,
  });
});
afterAll(async () => {
  await api?.mongo.resetMongoClient();
  await client.db(DB).dropDatabase();
  await client.close();
});

describe('a server-side validator', () => {
  it('maps DocumentValidationFailure (121) to 422 without the server details', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const ok = await invoke(api.users.create, {
      method: 'POST',
      path: '/users',
      body: { name: 'Short' },
    });
    expect(ok.status).toBe(201);
    const answer = await invoke(api.users.create, {
      method: 'POST',
      path: '/users',
      body: { name: 'A much longer name' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      type: '/problems/document-validation-failed',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'The document failed the collection validation rules',
      instance: '/users',
    });
    vi.restoreAllMocks();
  });
});
