import type { Db } from 'mongodb';
import { json, type RouteResponse } from '#lib/http/response.ts';
import { type TimeBudget, withDeadline } from '#lib/mongo/deadline.ts';

/** Pings the database within the budget; an unreachable database surfaces as a 503 problem. */
export async function checkHealth(db: Db, budget: TimeBudget): Promise<RouteResponse> {
  await withDeadline(budget, () => db.command({ ping: 1 }));
  return json(200, { status: 'ok' }, { 'Cache-Control': 'no-store' });
}
