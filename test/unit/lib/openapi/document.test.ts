import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '#lib/catalog/routes.ts';
import { apiDocument, openApiDocument } from '#lib/openapi/index.ts';

const doc = apiDocument();
type Operation = {
  operationId: string;
  parameters: {
    name: string;
    in: string;
    description?: string;
    required: boolean;
    schema: Record<string, unknown>;
  }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<
    string,
    {
      $ref?: string;
      headers?: Record<string, unknown>;
      content?: Record<string, { schema: Record<string, unknown> }>;
    }
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
      expect.objectContaining({ name: 'fields', in: 'query', required: false }),
      expect.objectContaining({ name: 'If-None-Match', in: 'header', required: false }),
    ]);
    expect(get.parameters[1]).toMatchObject({
      style: 'form',
      explode: false,
      schema: { type: 'array', minItems: 1, items: { type: 'string' } },
    });
    expect((get.parameters[1]?.schema.items as { enum?: string[] } | undefined)?.enum).toEqual(
      expect.arrayContaining(['_id', 'title', 'author.name', 'editions.year', 'version']),
    );
    const list = op('/authors', 'get');
    expect(list.parameters.map((p) => p.name)).toEqual([
      'page',
      'perPage',
      'cursor',
      'limit',
      'withTotal',
      'born[gte]',
      'born[lte]',
      'bookCount[gte]',
      'withBookCount',
      'sort',
      'fields',
      'If-None-Match',
    ]);
    expect(list.parameters.find((p) => p.name === 'sort')?.schema).toEqual({
      type: 'string',
      enum: ['name', '-name', 'bookCount', '-bookCount'],
    });
    // Every query parameter says what it does (zod's describe, lifted out of its schema).
    for (const path of ['/authors', '/books', '/users']) {
      const undescribed = op(path, 'get').parameters.filter((p) => !p.description);
      expect([path, undescribed.map((p) => p.name)]).toEqual([path, []]);
    }
    expect(list.parameters.find((p) => p.name === 'sort')?.description).toBe(
      'Order: a field, or -field for descending (default name)',
    );
    const body = op('/books', 'post').requestBody?.content['application/json']?.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(body.properties.authorId).toEqual({ type: 'string', pattern: '^[0-9a-fA-F]{24}$' });
    // Defaults make fields optional in requests…
    expect([...body.required].sort()).toEqual(['authorId', 'title', 'year']);
    const book = op('/books', 'post').responses['201']?.content?.['application/json']?.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    // …but always present in responses, with timestamps as date-time strings…
    expect(book.required).toEqual(expect.arrayContaining(['_id', 'genre', 'tags', 'createdAt']));
    expect(book.properties.createdAt).toEqual({ type: 'string', format: 'date-time' });
    // …except those a GET's `?fields=` leaves out: the whole book, or any part keeping `_id`.
    const got = op('/books/{id}', 'get').responses['200']?.content?.['application/json']
      ?.schema as { anyOf: [unknown, typeof book] };
    expect(got.anyOf[0]).toEqual(book);
    expect(got.anyOf[1].required).toEqual(['_id']);
    expect(got.anyOf[1].properties.author).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
    });
  });

  it('documents the problem answers each route can give', () => {
    const statuses = (path: string, method: string) => Object.keys(op(path, method).responses);
    expect(statuses('/books', 'post')).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
      '429',
      '500',
      '503',
    ]);
    expect(statuses('/authors/{id}', 'delete')).toEqual([
      '204',
      '400',
      '401',
      '403',
      '404',
      '409',
      '412',
      '429',
      '500',
      '503',
    ]);
    // Every route, even one without the database, can meet API Gateway's request ceiling.
    expect(statuses('/openapi.json', 'get')).toEqual(['200', '304', '400', '429', '500']);
    expect(op('/openapi.json', 'get').responses['429']).toEqual({
      $ref: '#/components/responses/Throttled',
    });
    expect(op('/books', 'post').responses['422']).toEqual({
      $ref: '#/components/responses/Problem',
    });
  });

  it('documents conditional requests: ETag on answers, If-None-Match → 304, If-Match → 412', () => {
    const get = op('/users/{id}', 'get');
    expect(Object.keys(get.responses)).toContain('304');
    expect(get.responses['200']?.headers).toHaveProperty('ETag');
    expect(get.responses['304']?.headers).toHaveProperty('ETag');
    for (const method of ['patch', 'delete']) {
      const write = op('/books/{id}', method);
      expect(write.parameters.map((p) => p.name)).toEqual(['id', 'If-Match', 'If-None-Match']);
      expect(write.responses['412']).toEqual({ $ref: '#/components/responses/Problem' });
    }
    expect(op('/books/{id}', 'patch').responses['200']?.headers).toHaveProperty('ETag');
    // PUT may create: If-Match (or *) to only replace, If-None-Match: * to only create.
    const put = op('/users/{id}', 'put');
    expect(put.parameters.map((p) => p.name)).toEqual(['id', 'If-Match', 'If-None-Match']);
    expect(Object.keys(put.responses)).toEqual(
      expect.arrayContaining(['200', '201', '412', '422']),
    );
    expect(put.responses['201']?.headers).toHaveProperty('Location');
    expect(put.responses['201']?.headers).toHaveProperty('ETag');
    expect(put.requestBody).toBeDefined();
    // A PATCH body is a JSON merge patch: offered under that media type too, same schema.
    const patch = op('/books/{id}', 'patch').requestBody?.content;
    expect(Object.keys(patch ?? {})).toEqual(['application/json', 'application/merge-patch+json']);
    expect(patch?.['application/merge-patch+json']).toEqual(patch?.['application/json']);
    expect(Object.keys(put.requestBody?.content ?? {})).toEqual(['application/json']);
    expect(op('/authors', 'post').responses['201']?.headers).toHaveProperty('ETag');
    expect(op('/books/bulk', 'post').responses['200']?.headers).toHaveProperty(
      'Idempotent-Replayed',
    );
    expect(op('/authors', 'post').parameters.map((p) => p.name)).toContain('Idempotency-Key');
    expect(op('/authors/{id}', 'patch').parameters.map((p) => p.name)).not.toContain(
      'Idempotency-Key',
    );
    // Lists (and every other GET without a version) are tagged by content: a weak ETag, 304.
    const list = op('/books', 'get');
    expect(list.responses['200']?.headers).toHaveProperty('ETag');
    expect(list.responses['200']?.headers).toHaveProperty('Link');
    expect(list.responses['304']?.headers).toHaveProperty('ETag');
    expect(list.parameters.map((p) => p.name)).toContain('If-None-Match');
    expect(op('/stats/books-per-year', 'get').responses['304']).toBeDefined();
  });

  it('declares the bearer JWT scheme and the write scope on exactly the non-GET routes', () => {
    expect(
      (doc.components as { securitySchemes: Record<string, unknown> }).securitySchemes,
    ).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    });
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, Operation>>,
    ).flatMap(([path, item]) => Object.entries(item).map(([method, o]) => ({ path, method, o })));
    const writes = operations.filter((x) => x.method !== 'get');
    const specWrites = ROUTES.filter((spec) => spec.doc && spec.doc.method !== 'GET');
    expect(specWrites.length).toBeGreaterThan(0);
    expect(writes).toHaveLength(specWrites.length);
    for (const { path, method, o } of operations) {
      const security = (o as Operation & { security: unknown }).security;
      if (method === 'get') {
        expect(security, path).toEqual([]);
        expect(o.responses, path).not.toHaveProperty('401');
      } else {
        expect(security, `${method} ${path}`).toEqual([{ bearerAuth: ['api/write'] }]);
        expect(o.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
        expect(o.responses['403']).toEqual({ $ref: '#/components/responses/Forbidden' });
      }
    }
  });

  it('asks a token of reads under AUTH_READS=token, but never of /health and /openapi.json', () => {
    const guarded = openApiDocument(
      ROUTES,
      { title: 't', version: '1' },
      {
        reads: 'token',
        writeScope: 'books:write',
      },
    ) as { paths: Record<string, Record<string, Operation & { security: unknown }>> };
    const at = (path: string, method: string) => guarded.paths[path]?.[method];
    expect(at('/books', 'get')?.security).toEqual([{ bearerAuth: [] }]);
    expect(at('/books', 'get')?.responses).toHaveProperty('401');
    expect(at('/books', 'post')?.security).toEqual([{ bearerAuth: ['books:write'] }]);
    for (const path of ['/health', '/openapi.json']) {
      expect(at(path, 'get')?.security, path).toEqual([]);
      expect(at(path, 'get')?.responses, path).not.toHaveProperty('401');
    }
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
