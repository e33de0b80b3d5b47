import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  fieldsQuery,
  pickFields,
  projectionOf,
  selectableFields,
  selectableSchema,
} from '#lib/model/field-selection.ts';

const note = {
  schema: z.strictObject({ title: z.string(), body: z.optional(z.string()) }),
  timestamps: true,
  versioned: true,
};

describe('fieldsQuery', () => {
  const query = fieldsQuery(note);

  it('offers _id, the schema, the timestamps and the version', () => {
    expect(selectableFields(note)).toEqual([
      '_id',
      'title',
      'body',
      'createdAt',
      'updatedAt',
      'version',
    ]);
    expect(selectableFields({ ...note, timestamps: false, versioned: false })).toEqual([
      '_id',
      'title',
      'body',
    ]);
  });

  it('reads a comma-separated list, spaces around names dropped, each name once', () => {
    expect(z.parse(query, 'title')).toEqual(['title']);
    expect(z.parse(query, ' title , version,title')).toEqual(['title', 'version']);
    expect(z.parse(query, undefined)).toBeUndefined();
  });

  it('names every unknown field and refuses empty names', () => {
    const messages = (text: string) =>
      z.safeParse(query, text).error?.issues.map((issue) => issue.message);
    expect(messages('title,password,body.x')).toEqual([
      'unknown field "password"',
      'unknown field "body.x"',
    ]);
    expect(messages('')).toEqual(['must name fields separated by single commas']);
    expect(messages('title,')).toEqual(['must name fields separated by single commas']);
    expect(messages('x'.repeat(2000))).toHaveLength(1);
  });
});

describe('projectionOf and pickFields', () => {
  it('projects the selection and what the caller reads for itself, without path collisions', () => {
    expect(projectionOf(['title'])).toEqual({ title: 1 });
    expect(projectionOf(['title'], ['version'])).toEqual({ title: 1, version: 1 });
    // `author.name` comes with `author`: naming both would be a path collision on the server.
    expect(projectionOf(['author'], ['author.name', 'year'])).toEqual({ author: 1, year: 1 });
  });

  it('keeps _id and the selected fields the document holds', () => {
    const _id = new ObjectId();
    const doc = { _id, title: 'T', version: 3, year: 1 };
    expect(pickFields(doc, ['title', 'body'])).toEqual({ _id, title: 'T' });
    expect(pickFields(doc, ['_id'])).toEqual({ _id });
  });

  it('describes a selected answer as the whole document or any part keeping _id', () => {
    const full = { type: 'object', required: ['_id', 'title'], properties: {} };
    expect(selectableSchema(full)).toEqual({ anyOf: [full, { ...full, required: ['_id'] }] });
  });
});
