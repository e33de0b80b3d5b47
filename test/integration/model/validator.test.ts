import { MongoServerError, ObjectId } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { Authors } from '#lib/authors/model.ts';
import { Books } from '#lib/books/model.ts';
import { mapMongoError } from '#lib/http/mongo-error-mapping.ts';
import { setupDatabase } from '#lib/setup/index.ts';
import { Users } from '#lib/users/model.ts';
import { useModelFixture } from './support.ts';

const f = useModelFixture('model_validator');
beforeAll(async () => {
  await setupDatabase(f.db);
});

const now = new Date();
const validBook = () => ({
  title: 'Dune',
  year: 1965,
  authorId: new ObjectId(),
  author: { name: 'Frank Herbert' },
  genre: 'fiction',
  tags: ['sf'],
  editions: [{ year: 1965, publisher: 'Chilton' }],
  createdAt: now,
  updatedAt: now,
  version: 1,
});

async function serverRefusal(collection: string, doc: object): Promise<MongoServerError> {
  const error = await f.db
    .collection(collection)
    .insertOne(doc)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof MongoServerError))
    throw new Error(`expected a refusal of ${JSON.stringify(doc)}`);
  return error;
}

describe('the $jsonSchema validator pushed by the migration', () => {
  it('is the one generated from the model, with level and action', async () => {
    const [info] = await f.db.listCollections({ name: 'books' }).toArray();
    const options = (info as { options: Record<string, unknown> }).options;
    expect(options.validator).toEqual(Books.validator());
    expect(options).toMatchObject({ validationLevel: 'strict', validationAction: 'error' });
  });

  it('uses the bsonType dialect: objectId, date, int, enum, lengths, pattern, embedded arrays, no extra keys', () => {
    const schema = Books.validator().$jsonSchema;
    expect(schema).toMatchObject({
      bsonType: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['_id', 'title', 'year', 'authorId', 'author', 'createdAt']),
      properties: {
        _id: { bsonType: 'objectId' },
        authorId: { bsonType: 'objectId' },
        createdAt: { bsonType: 'date' },
        title: { bsonType: 'string', minLength: 1, maxLength: 200 },
        year: { bsonType: 'int', minimum: 1400, maximum: 2100 },
        genre: {
          bsonType: 'string',
          enum: ['fiction', 'non-fiction', 'poetry', 'drama', 'reference'],
        },
        isbn: { bsonType: 'string', pattern: '^(?:97[89])?\\d{9}[\\dX]$' },
        rating: { bsonType: 'number', minimum: 0, maximum: 5 },
        price: { bsonType: 'decimal', minimum: 0 },
        editions: {
          bsonType: 'array',
          items: {
            bsonType: 'object',
            additionalProperties: false,
            required: ['year', 'publisher'],
          },
        },
      },
    });
    expect(JSON.stringify(schema)).not.toMatch(/"(type|format|default|const|\$schema)"/);
    expect(Users.validator().$jsonSchema.properties.email).toMatchObject({
      bsonType: 'string',
      maxLength: 120,
      pattern: expect.any(String),
    });
  });

  it('accepts a valid document written straight through the driver', async () => {
    await expect(f.db.collection('books').insertOne(validBook())).resolves.toBeTruthy();
  });

  it.each([
    ['a string where an ObjectId belongs', { authorId: new ObjectId().toHexString() }],
    ['an ISO string where a Date belongs', { createdAt: now.toISOString() }],
    ['a year out of range', { year: 99 }],
    ['a fractional year', { year: 1965.5 }],
    ['an unknown genre', { genre: 'cookbook' }],
    ['an empty title', { title: '' }],
    ['an ISBN with dashes', { isbn: '0-441-17271-7' }],
    ['an unknown field', { hacked: true }],
    ['an invalid embedded edition', { editions: [{ year: 1965 }] }],
    ['an embedded author with extra keys', { author: { name: 'F', born: 1920 } }],
    ['a version below 1', { version: 0 }],
    ['a string version', { version: '1' }],
  ])(
    'refuses %s with DocumentValidationFailure (121), which the API answers as 422',
    async (_, change) => {
      const error = await serverRefusal('books', { ...validBook(), ...change });
      expect(error.code).toBe(121);
      expect(mapMongoError(error)?.statusCode).toBe(422);
    },
  );

  it('refuses a document missing a required field or its timestamps', async () => {
    const { title: _t, ...untitled } = validBook();
    expect((await serverRefusal('books', untitled)).code).toBe(121);
    const { createdAt: _c, ...unstamped } = validBook();
    expect((await serverRefusal('books', unstamped)).code).toBe(121);
    const { version: _v, ...unversioned } = validBook();
    expect((await serverRefusal('books', unversioned)).code).toBe(121);
  });

  it('refuses an update through the driver that breaks the schema', async () => {
    const { insertedId } = await f.db
      .collection('authors')
      .insertOne({ name: 'A', bookCount: 0, createdAt: now, updatedAt: now, version: 1 });
    const error = await f.db
      .collection('authors')
      .updateOne({ _id: insertedId }, { $inc: { bookCount: -1 } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as MongoServerError).code).toBe(121);
    expect(Authors.validator().$jsonSchema.properties.bookCount).toEqual({
      // Beyond int32 the JS driver stores integers as doubles; zod checks integrality app-side.
      bsonType: ['int', 'long', 'double'],
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
    });
  });
});
