import { describe, expect, it } from 'vitest';
import { createInvocation, recordCommand, summarize } from '#lib/observability/index.ts';

const fresh = () =>
  createInvocation({
    requestId: 'r-1',
    route: 'GET /users/{id}',
    cold: true,
    startedAt: 1_000,
    slowOperationMs: 500,
  });

describe('invocation summary', () => {
  it('totals commands per name and overall, counting failures', () => {
    const invocation = fresh();
    recordCommand(invocation, 'find', 3, true);
    recordCommand(invocation, 'find', 4, true);
    recordCommand(invocation, 'insert', 10, false);
    invocation.connectionsOpened = 2;
    expect(summarize(invocation, 201, 1_012.3456)).toEqual({
      requestId: 'r-1',
      route: 'GET /users/{id}',
      cold: true,
      status: 201,
      durationMs: 12.35,
      db: {
        count: 3,
        durationMs: 17,
        failed: 1,
        connectionsOpened: 2,
        commands: {
          find: { count: 2, durationMs: 7, failed: 0 },
          insert: { count: 1, durationMs: 10, failed: 1 },
        },
      },
    });
  });

  it('reports an invocation without database work as zeros', () => {
    expect(summarize(fresh(), 400, 1_001).db).toEqual({
      count: 0,
      durationMs: 0,
      failed: 0,
      connectionsOpened: 0,
      commands: {},
    });
  });

  it('copies the totals, so later commands do not change a written summary', () => {
    const invocation = fresh();
    recordCommand(invocation, 'find', 1, true);
    const summary = summarize(invocation, 200, 1_001);
    recordCommand(invocation, 'find', 1, true);
    expect(summary.db.commands.find?.count).toBe(1);
  });
});
