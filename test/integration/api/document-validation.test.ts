import { describe, expect, it, vi } from 'vitest';
import { useApiOnOwnDatabase } from './support/api-on-own-database.ts';
import { invoke } from './support/invoke.ts';

// A server-side rule stricter than the API's (names up to 10 characters).
const own = useApiOnOwnDatabase('api_validator', (db) =>
  db.createCollection('users', {
    validator: {
      $jsonSchema: {
        bsonType: 'object',
        properties: { name: { bsonType: 'string', maxLength: 10 } },
      },
    },
  }),
);

describe('a server-side validator', () => {
  it('maps DocumentValidationFailure (121) to 422 without the server details', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const ok = await invoke(own.api.users.create, {
      method: 'POST',
      path: '/users',
      body: { name: 'Short' },
    });
    expect(ok.status).toBe(201);
    const answer = await invoke(own.api.users.create, {
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
      requestId: expect.any(String),
    });
    vi.restoreAllMocks();
  });
});
