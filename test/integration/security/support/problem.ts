import { expect } from 'vitest';
import type { Answer } from '#test/integration/api/support/invoke.ts';
import { testMongoUri } from '#test/support/database.ts';

/** Words that only a leaked internal (driver message, stack, connection string) would contain. */
const LEAKS = [
  /mongodb(\+srv)?:\/\//i,
  /\bat .+:\d+:\d+/,
  /Mongo[A-Z]\w*Error/,
  /errmsg/i,
  /stack/i,
];

/** A problem+json answer with the RFC 9457 members and nothing internal in it. */
export function expectCleanProblem(answer: Answer, status?: number | readonly number[]): void {
  const statuses = status === undefined ? undefined : [status].flat();
  if (statuses) expect(statuses, JSON.stringify(answer.body)).toContain(answer.status);
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  expect(answer.headers['content-type']).toBe('application/problem+json');
  expect(answer.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: answer.status,
    detail: expect.any(String),
  });
  const text = answer.raw.body ?? '';
  for (const leak of LEAKS) expect(text).not.toMatch(leak);
  expect(text).not.toContain(testMongoUri());
}
