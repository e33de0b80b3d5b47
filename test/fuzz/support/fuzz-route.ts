import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Answer } from '#test/integration/api/support/invoke.ts';
import type { Library, RouteName } from '#test/integration/api/support/library.ts';
import { type BodyKind, type FuzzIds, type FuzzInput, requestArbitrary } from './arbitraries.ts';

/** Runs per route: 1,000 in `npm test`; `npm run fuzz` raises it (FUZZ_RUNS) and may fix FUZZ_SEED. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
export const FUZZ_SEED =
  process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

export interface FuzzRoute {
  readonly name: RouteName;
  readonly path: string;
  readonly idOf?: keyof FuzzIds;
  readonly body?: BodyKind;
  /** The seeded document can never succeed here (e.g. deleting an author who has books). */
  readonly neverSucceeds?: boolean;
}

/**
 * What every answer must be, whatever the request: no 5xx, errors as clean problem+json, and no
 * body that passed the route's validation refused by the database's.
 */
function checkAnswer(answer: Answer, input: FuzzInput): void {
  const where = JSON.stringify({ status: answer.status, body: answer.raw.body, input }).slice(
    0,
    2_000,
  );
  expect(answer.status, where).toBeLessThan(500);
  if (answer.status < 400) return;
  expect(answer.headers['content-type'], where).toBe('application/problem+json');
  expect(answer.body.status, where).toBe(answer.status);
  expect(answer.raw.body, where).not.toMatch(/mongodb(\+srv)?:\/\/|Mongo\w*Error|\bat \S+:\d+:\d+/);
  // The request schema and the collection's $jsonSchema come from one model: what the first
  // accepts, the second must store (this caught a decimal128 written as a double).
  expect(answer.body.type, where).not.toBe('/problems/document-validation-failed');
}

/**
 * fast-check over one route through its real chain (in-process, real database): random ids,
 * queries, headers and bodies. A failure's message carries fast-check's seed and path; rerun
 * with FUZZ_SEED=<seed> to replay it.
 */
export async function fuzzRoute(
  api: Library,
  ids: FuzzIds,
  route: FuzzRoute,
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(requestArbitrary(ids, route.body, route.idOf), async (input) => {
      const id = route.idOf ? input.id : undefined;
      const path =
        id === undefined ? route.path : route.path.replace('{id}', encodeURIComponent(id));
      const search = new URLSearchParams(input.query).toString();
      const answer = await api.raw(route.name, {
        path: search ? `${path}?${search}` : path,
        ...(id !== undefined ? { pathParameters: { id } } : {}),
        headers: { ...input.headers },
        ...(input.body !== undefined ? { body: input.body } : {}),
        isBase64Encoded: input.isBase64Encoded,
      });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      checkAnswer(answer, input);
    }),
    { numRuns: FUZZ_RUNS, ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}) },
  );
  // `npm run fuzz` collects each route's status histogram here and prints the table.
  const reportDir = process.env.FUZZ_REPORT_DIR;
  if (reportDir) {
    writeFileSync(
      join(reportDir, `${route.name}.json`),
      JSON.stringify(Object.fromEntries(statuses)),
    );
  }
  return statuses;
}

/** Runs that got a 2xx: the fuzz must reach the success path too, not only bounce off checks. */
export const successes = (statuses: Map<number, number>) =>
  [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
export const total = (statuses: Map<number, number>) =>
  [...statuses.values()].reduce((n, c) => n + c, 0);
