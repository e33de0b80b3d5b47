import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  fieldsQuery,
  hiddenOf,
  projectionOf,
  selectableFields,
  selectableSchema,
  withoutHidden,
} from '#lib/model/field-selection.ts';

const Part = z.strictObject({
  kind: z.string(),
  at: z.optional(z.strictObject({ page: z.int() })),
});
const note = {
  schema: z.strictObject({
    title: z.string(),
    body: z.optional(z.string()),
    parts: z._default(z.array(Part), () => []),
    owner: z.nullable(
      z.strictObject({
        name: z.string(),
        deep: z.strictObject({ a: z.strictObject({ b: z.int() }) }),
      }),
    ),
  }),
  timestamps: true,
  versioned: true,
};

describe('fieldsQuery', () => {
  const query = fieldsQuery(note);

  it('offers _id, the schema with its embedded paths, the timestamps and the version', () => {
    expect(selectableFields(note)).toEqual([
      '_id',
      'title',
      'body',
      'parts',
      'parts.kind',
      'parts.at',
      'parts.at.page',
      'owner',
      'owner.name',
      'owner.deep',
      'owner.deep.a',
      'createdAt',
      'updatedAt',
      'version',
    ]);
    expect(selectableFields({ ...note, timestamps: false, versioned: false })).not.toContain(
      'version',
    );
  });

  it('reads a comma-separated list, spaces around names dropped, each name once', () => {
    expect(z.parse(query, 'title')).toEqual(['title']);
    expect(z.parse(query, ' title , version,title')).toEqual(['title', 'version']);
    // A path inside another selected one goes: MongoDB refuses both (a path collision).
    expect(z.parse(query, 'parts.kind,owner.name,parts')).toEqual(['owner.name', 'parts']);
    expect(z.parse(query, undefined)).toBeUndefined();
  });

  it('names every unknown field and refuses empty names', () => {
    const messages = (text: string) =>
      z.safeParse(query, text).error?.issues.map((issue) => issue.message);
    expect(messages('title,password,body.x,owner.deep.a.b')).toEqual([
      'unknown field "password"',
      'unknown field "body.x"',
      'unknown field "owner.deep.a.b"',
    ]);
    expect(messages('')).toEqual(['must name fields separated by single commas']);
    expect(messages('title,')).toEqual(['must name fields separated by single commas']);
    expect(messages('x'.repeat(2000))).toHaveLength(1);
  });
});

describe('projectionOf, hiddenOf and withoutHidden', () => {
  it('projects the selection and the fields the caller reads for itself', () => {
    expect(projectionOf(['title'])).toEqual({ title: 1 });
    expect(projectionOf(['title', 'owner.name'], ['version'])).toEqual({
      title: 1,
      'owner.name': 1,
      version: 1,
    });
    // Read anyway: the selected field itself, or `_id`.
    expect(projectionOf(['version'], ['version', '_id'])).toEqual({ version: 1 });
    expect(hiddenOf(['title'], ['version', 'title', '_id'])).toEqual(['version']);
  });

  it('drops only the hidden fields from a document', () => {
    const _id = new ObjectId();
    const doc = { _id, title: 'T', version: 3 };
    expect(withoutHidden(doc, ['version'])).toEqual({ _id, title: 'T' });
    expect(withoutHidden(doc, [])).toBe(doc);
    expect(doc.version).toBe(3);
  });

  it('describes a selected answer as the whole document or any part keeping _id', () => {
    const part = { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } };
    const full = {
      type: 'object',
      required: ['_id', 'title', 'parts'],
      properties: { _id: { type: 'string' }, parts: { type: 'array', items: part } },
    };
    const sparse = {
      type: 'object',
      required: ['_id'],
      properties: {
        _id: { type: 'string' },
        parts: {
          type: 'array',
          items: { type: 'object', properties: { kind: { type: 'string' } } },
        },
      },
    };
    expect(selectableSchema(full)).toEqual({ anyOf: [full, sparse] });
  });
});
