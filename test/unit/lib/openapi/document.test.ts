import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '#lib/catalog/routes.ts';
import { apiDocument } from '#lib/openapi/index.ts';

const doc = apiDocument();
type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<
    string,
    { $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }
  >;
};
const op = (path: string, method: string) =>
  (doc.paths as Record<string, Record<string, Operation>>)[path]?.[method] as Operation;

describe('the OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema (offline validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does find errors: a broken copy fails.
    const broken = { ...doc, paths: { '/x': { get: { responses: { 200: {} } } } } };
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
  });

  it('has one operation per route spec, with unique operationIds', () => {
    const ids = Object.values(doc.paths as Record<string, Record<string, Operation>>).flatMap(
      (item) => Object.values(item).map((o) => o.operationId),
    );
    expect(ids.length).toBe(ROUTES.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('takes parameters and bodies from the zod request schemas (JSON forms of ObjectId and Date)', () => {
    const get = op('/books/{id}', 'get');
    expect(get.parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: '^[0-9a-fA-F]{24}$' },
      },
    ]);
    const list = op('/authors', 'get');
    expect(list.parameters.map((p) => p.name)).toEqual([
      'page',
      'perPage',
      'cursor',
      'limit',
      'withTotal',
      'withBookCount',
    ]);
    const body = op('/books', 'post').requestBody?.content['application/json']?.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(body.properties.authorId).toEqual({ type: 'string', pattern: '^[0-9a-fA-F]{24}$' });
    // Defaults make fields optional in requests…
    expect([...body.required].sort()).toEqual(['authorId', 'title', 'year']);
    const book = op('/books/{id}', 'get').responses['200']?.content?.['application/json']
      ?.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    // …but always present in responses, with timestamps as date-time strings.
    expect(book.required).toEqual(expect.arrayContaining(['_id', 'genre', 'tags', 'createdAt']));
    expect(book.properties.createdAt).toEqual({ type: 'string', format: 'date-time' });
  });

  it('documents the problem answers each route can give', () => {
    const statuses = (path: string, method: string) => Object.keys(op(path, method).responses);
    expect(statuses('/books', 'post')).toEqual([
      '201',
      '400',
      '409',
      '413',
      '415',
      '422',
      '500',
      '503',
    ]);
    expect(statuses('/authors/{id}', 'delete')).toEqual(['204', '400', '404', '409', '500', '503']);
    expect(statuses('/openapi.json', 'get')).toEqual(['200', '500']);
    expect(op('/books', 'post').responses['422']).toEqual({
      $ref: '#/components/responses/Problem',
    });
  });

  it('is written to a file by npm run openapi (scripts/openapi.ts)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await promisify(execFile)(process.execPath, ['scripts/openapi.ts', file]);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(doc);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
