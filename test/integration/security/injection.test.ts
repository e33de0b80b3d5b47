import { describe, expect, it } from 'vitest';
import type { Answer } from '#test/integration/api/support/invoke.ts';
import { inspectCommand } from './support/commands.ts';
import { HOSTILE_IDS, HOSTILE_KEYS, HOSTILE_QUERIES, OPERATOR_VALUES } from './support/hostile.ts';
import { expectCleanProblem } from './support/problem.ts';
import { BODY_ROUTES, ID_ROUTES, ROUTE_CASES, type RouteCase } from './support/routes.ts';
import { useSecureApi } from './support/secure-api.ts';

// Operator injection through body, query and path on every route. After each test (see
// useSecureApi) the handlers' own client must have sent no client-supplied `$` key in a filter,
// pipeline, update or document, and Object.prototype must be untouched.
const api = useSecureApi('sec_inject');

const pathOf = (route: RouteCase, id?: string) =>
  id === undefined ? route.path : route.path.replace('{id}', encodeURIComponent(id));
const call = (route: RouteCase, input: { body?: unknown; query?: string; id?: string }) => {
  const id = route.id ? (input.id ?? api.ids[route.id]) : undefined;
  const query = input.query ? `?${input.query}` : '';
  return api.api.call(route.name, {
    path: `${pathOf(route, id)}${query}`,
    ...(id !== undefined ? { pathParameters: { id } } : {}),
    ...(input.body !== undefined ? { body: input.body as object } : {}),
  });
};
/** Bulk answers 200 with a status per item; a refused batch stores nothing. */
const refused = (route: RouteCase, answer: Answer) => {
  if (route.name === 'createBooks' && answer.status === 200) {
    expect(answer.body.inserted, JSON.stringify(answer.body)).toBe(0);
  } else expectCleanProblem(answer, [400, 422]);
};

describe('the command log watches the handlers’ client', () => {
  it('sees their commands and flags a client operator', async () => {
    const answer = await api.api.call('createUser', { path: '/users', body: { name: 'Watched' } });
    expect(answer.status).toBe(201);
    expect(api.commands.names()).toContain('insert');
    expect(inspectCommand('find', { filter: { name: { $ne: '' } } })).toHaveLength(1);
    expect(inspectCommand('insert', { documents: [{ a: { $where: '1' } }] })).toHaveLength(1);
    expect(inspectCommand('update', { updates: [{ q: {}, u: { $set: { 'a.$x': 1 } } }] })).toEqual(
      [],
    );
    // A replacement pipeline: a `$` string inside `$literal` is data, a `$` key there is not.
    const replace = (value: unknown) => ({
      query: { _id: 1 },
      update: [{ $replaceWith: { _id: '$_id', a: { $literal: value } } }],
    });
    expect(inspectCommand('findAndModify', replace('$where'))).toEqual([]);
    expect(inspectCommand('findAndModify', replace({ b: { $where: '1' } }))).toHaveLength(1);
    // `$nin` only as the versions a PUT refuses; a client's `$nin` anywhere else is flagged.
    const versions = (query: object) => inspectCommand('findAndModify', { query, update: [] });
    expect(versions({ _id: 1, version: { $nin: [2, null] } })).toEqual([]);
    expect(versions({ name: { $nin: [] } })).toHaveLength(1);
    expect(versions({ version: { $nin: [{ $ne: 1 }] } }).length).toBeGreaterThan(0);
  });
});

describe.each(BODY_ROUTES)('body of $name', (route) => {
  const base = () => route.body?.(api.ids) ?? {};

  it('refuses an operator object in place of every field value, pointing at the field', async () => {
    const cases: { body: object; pointer: string }[] = [];
    const bulkItem = (base().books as object[] | undefined)?.[0];
    const fields = bulkItem ?? base();
    for (const field of Object.keys(fields)) {
      for (const value of OPERATOR_VALUES) {
        const changed = { ...fields, [field]: value };
        cases.push(
          bulkItem
            ? { body: { books: [changed] }, pointer: `/body/books/0/${field}` }
            : { body: changed, pointer: `/body/${field}` },
        );
      }
    }
    for (const { body, pointer } of cases) {
      const answer = await call(route, { body });
      refused(route, answer);
      const errors: { pointer: string }[] =
        answer.status === 200 ? answer.body.items[0].errors : answer.body.errors;
      const where = `${pointer} ${JSON.stringify(answer.body)}`;
      expect(
        errors.some((e) => e.pointer.startsWith(pointer)),
        where,
      ).toBe(true);
    }
  });

  it('refuses operator, dotted and prototype keys, at the top and nested', async () => {
    for (const key of HOSTILE_KEYS) {
      const extra = JSON.parse(`{${JSON.stringify(key)}:{"polluted":"yes"}}`);
      const top = { ...base(), ...extra };
      refused(route, await call(route, { body: top }));
      if (route.name === 'createBooks') {
        const item = { ...(base().books as object[])[0], ...extra };
        refused(route, await call(route, { body: { books: [item] } }));
      }
      if (route.name.includes('Book') && route.name !== 'createBooks') {
        const nested = { ...base(), editions: [{ year: 2000, publisher: 'P', ...extra }] };
        refused(route, await call(route, { body: nested }));
      }
    }
  });
});

describe.each(ROUTE_CASES)('query of $name', (route) => {
  it('ignores or refuses operator and prototype query parameters', async () => {
    for (const query of HOSTILE_QUERIES) {
      const answer = await call(route, {
        query,
        ...(route.body ? { body: route.body(api.ids) } : {}),
      });
      if (answer.status >= 400) expectCleanProblem(answer, [400, 404, 409, 422]);
      else expect(answer.status, query).toBeLessThan(300);
    }
  });
});

describe.each(ID_ROUTES)('path of $name', (route) => {
  it('answers 400 for any id that is not an ObjectId', async () => {
    for (const id of HOSTILE_IDS) {
      const answer = await call(route, {
        id,
        ...(route.body ? { body: route.body(api.ids) } : {}),
      });
      expectCleanProblem(answer, 400);
      expect(answer.body.type).toBe('/problems/invalid-path-parameter');
      expect(answer.body.errors[0].pointer).toBe('/params/id');
    }
    expect(api.commands.names().filter((n) => n !== 'endSessions')).toEqual([]);
  });
});
