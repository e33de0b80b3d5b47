import { afterAll, describe, expect, it, vi } from 'vitest';
import { connectedMongoClient, getMongoClient, resetMongoClient } from '#lib/mongo/client-cache.ts';
import { testMongoUri } from '#test/support/database.ts';

/** The shared server under another URI string: the cache keys clients by the URI text. */
const withAppName = (uri: string, name: string) =>
  `${uri}${uri.includes('?') ? '&' : '?'}appName=${name}`;

afterAll(() => resetMongoClient());

describe('connectedMongoClient (the warm path of the database middleware)', () => {
  it('is the client getMongoClient resolves to, only once it is connected', async () => {
    const uri = withAppName(testMongoUri(), 'cache-warm');
    expect(connectedMongoClient(uri)).toBeUndefined();
    const ready = getMongoClient(uri, {});
    expect(connectedMongoClient(uri)).toBeUndefined(); // connecting
    const client = await ready;
    expect(connectedMongoClient(uri)).toBe(client);
    expect(connectedMongoClient(uri, 'reporting')).toBeUndefined(); // a slot that never used it
  });

  it('forgets a slot URI that changed, and a client whose connect failed', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const first = withAppName(testMongoUri(), 'cache-first');
    const second = withAppName(testMongoUri(), 'cache-second');
    await getMongoClient(first, {}, 'rotating');
    expect(connectedMongoClient(first, 'rotating')).toBeDefined();
    const client = await getMongoClient(second, {}, 'rotating'); // rotated secret
    expect(connectedMongoClient(first, 'rotating')).toBeUndefined();
    expect(connectedMongoClient(second, 'rotating')).toBe(client);

    const closed = 'mongodb://127.0.0.1:1/?directConnection=true&serverSelectionTimeoutMS=200';
    await expect(getMongoClient(closed, {}, 'down')).rejects.toThrow();
    expect(connectedMongoClient(closed, 'down')).toBeUndefined();
    vi.restoreAllMocks();
  });
});
