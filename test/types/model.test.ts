import type { ObjectId, WithId } from 'mongodb';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { type Author, Authors } from '#lib/authors/model.ts';
import { type Book, Books } from '#lib/books/model.ts';
import type { RouteResponse } from '#lib/http/index.ts';
import {
  type BoundModel,
  type Changes,
  documentGet,
  type FieldSelection,
  type fieldsQuery,
  type IdLike,
  type InsertManyReport,
  type ModelContext,
  type Pagination,
  type RequestContext,
  type StoredDoc,
} from '#lib/model/index.ts';
import type { User } from '#lib/users/model.ts';

// Type-level tests: `tsc --noEmit` checks them; at run time they only bind models (no I/O).
// Never connected: operations are only type-checked (in functions that are never called).
const ctx = { db: {}, budget: { ms: 1, deadline: 0 } } as unknown as ModelContext;
type BookDoc = StoredDoc<typeof Books.schema, true, true>;

describe('inferred document types', () => {
  it('come from the zod schema: ObjectId/Date fields hold BSON values, defaults are required', () => {
    expectTypeOf<Book['authorId']>().toEqualTypeOf<ObjectId>();
    expectTypeOf<Book['year']>().toEqualTypeOf<number>();
    expectTypeOf<Book['genre']>().toEqualTypeOf<
      'fiction' | 'non-fiction' | 'poetry' | 'drama' | 'reference'
    >();
    expectTypeOf<Book['tags']>().toEqualTypeOf<string[]>();
    expectTypeOf<Book['editions']>().toEqualTypeOf<{ year: number; publisher: string }[]>();
    expectTypeOf<Book['isbn']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Author['bookCount']>().toEqualTypeOf<number>();
    expectTypeOf<User>().toEqualTypeOf<{ name: string; email?: string | undefined }>();
  });

  it('inputs accept the JSON forms and leave defaulted fields optional', () => {
    type BookInput = z.input<typeof Books.schema>;
    expectTypeOf<BookInput['authorId']>().toEqualTypeOf<ObjectId | string>();
    expectTypeOf<BookInput['genre']>().toEqualTypeOf<
      'fiction' | 'non-fiction' | 'poetry' | 'drama' | 'reference' | undefined
    >();
  });

  it('stored documents add timestamps when the model has them', () => {
    expectTypeOf<BookDoc['createdAt']>().toEqualTypeOf<Date>();
    expectTypeOf<BookDoc['updatedAt']>().toEqualTypeOf<Date>();
  });

  it('stored documents of a versioned model carry their version', () => {
    expectTypeOf<BookDoc['version']>().toEqualTypeOf<number>();
    expectTypeOf<StoredDoc<typeof Books.schema, true>>().not.toHaveProperty('version');
  });
});

describe('query results use the driver generics', () => {
  const books = Books.bind(ctx);
  it('reads', () => {
    expectTypeOf(books.get).returns.toEqualTypeOf<Promise<WithId<BookDoc> | null>>();
    expectTypeOf(books.getOr404).returns.toEqualTypeOf<Promise<WithId<BookDoc>>>();
    expectTypeOf(books.find).returns.toEqualTypeOf<Promise<WithId<BookDoc>[]>>();
    expectTypeOf(books.firstOr404).returns.toEqualTypeOf<Promise<WithId<BookDoc>>>();
    expectTypeOf(books.count).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(books.exists).returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(books.paginate).returns.toEqualTypeOf<Promise<Pagination<BookDoc>>>();
    expectTypeOf(books.aggregate<{ year: number }>).returns.toEqualTypeOf<
      Promise<{ year: number }[]>
    >();
    expectTypeOf(books.insertMany).returns.toEqualTypeOf<Promise<InsertManyReport>>();
  });

  it('?fields=: a selection is a list of names; a projected read keeps the type, as the driver does', () => {
    expectTypeOf<z.output<ReturnType<typeof fieldsQuery>>>().toEqualTypeOf<
      FieldSelection | undefined
    >();
    expectTypeOf(books.getOr404).parameters.toEqualTypeOf<[id: IdLike, fields?: FieldSelection]>();
    expectTypeOf(documentGet(Books)).toEqualTypeOf<
      (ctx: RequestContext, id: ObjectId, fields?: FieldSelection) => Promise<RouteResponse>
    >();
    const typeOnly = () => {
      // @ts-expect-error documentGet takes a model (something to bind), not a bound one
      void documentGet(books);
    };
    expectTypeOf(typeOnly).toBeFunction();
  });

  it('filters are Filter<T>: unknown fields and wrong value types do not compile', () => {
    const typeOnly = () => {
      // @ts-expect-error year is a number
      void books.find({ year: 'nineteen' });
      void books.find({ year: { $gte: 1900 }, 'author.name': 'x' });
    };
    expectTypeOf(typeOnly).toBeFunction();
  });

  it('writes: insert takes the input type, changes only allow $inc on numbers and $push on arrays', () => {
    expectTypeOf(books.insert).parameter(0).toEqualTypeOf<z.input<typeof Books.schema>>();
    expectTypeOf(books.insert).returns.toEqualTypeOf<Promise<WithId<BookDoc>>>();
    type C = Changes<typeof Books.schema>;
    expectTypeOf<NonNullable<C['inc']>>().toEqualTypeOf<
      Partial<Record<'year' | 'rating', number>>
    >();
    expectTypeOf<keyof NonNullable<C['push']>>().toEqualTypeOf<'tags' | 'editions'>();
    expectTypeOf<NonNullable<C['unset']>[number]>().toEqualTypeOf<'isbn' | 'rating' | 'price'>();
    const typeOnly = () => {
      // @ts-expect-error title is not a number field
      void books.update('x', { inc: { title: 1 } });
      // @ts-expect-error the version is the model's, not a field a change may touch
      void books.update('x', { inc: { version: 1 } });
      void books.updateOr404('x', { set: { year: 1999 } }, { ifVersion: [3] });
      // @ts-expect-error versions are numbers
      void books.deleteOr404('x', { ifVersion: ['3'] });
    };
    expectTypeOf(typeOnly).toBeFunction();
  });

  it('named queries keep their signatures', () => {
    expectTypeOf(books.query.publishedIn).parameters.toEqualTypeOf<[year: number]>();
    expectTypeOf(books.query.publishedIn).returns.toEqualTypeOf<Promise<WithId<BookDoc>[]>>();
    expectTypeOf(Authors.bind(ctx)).toExtend<
      BoundModel<StoredDoc<typeof Authors.schema, true, true>, typeof Authors.schema>
    >();
  });
});
