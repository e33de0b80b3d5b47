// Growth: one environment importing a list route's bundle (argv[2]) and timing its requests.
// argv[3]: JSON { route, path, requests: [{ label, query }], repeat }, route as API Gateway's
// routeKey ('GET /users'). Prints { label: latencies in µs }.
import { pathToFileURL } from 'node:url';
import { apiEvent, lambdaContext } from '../support/api-event.ts';
import { reportResult } from '../support/result.ts';

interface Plan {
  readonly route: string;
  readonly path: string;
  readonly requests: readonly { readonly label: string; readonly query: Record<string, string> }[];
  readonly repeat: number;
}
type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode?: number; body?: string }>;

const { handler } = (await import(pathToFileURL(process.argv[2] ?? '').href)) as {
  handler: Handler;
};
const plan = JSON.parse(process.argv[3] ?? '{}') as Plan;
const latencies: Record<string, number[]> = {};

async function once(query: Record<string, string>): Promise<number> {
  const start = process.hrtime.bigint();
  const result = await handler(apiEvent(plan.route, plan.path, { query }), lambdaContext());
  const us = Number(process.hrtime.bigint() - start) / 1_000;
  if (result.statusCode !== 200)
    throw new Error(`${JSON.stringify(query)} → ${result.statusCode}: ${result.body}`);
  return us;
}

for (const request of plan.requests) await once(request.query); // connect and warm each path
for (let i = 0; i < plan.repeat; i += 1) {
  for (const request of plan.requests) {
    const us = await once(request.query);
    const samples = latencies[request.label] ?? [];
    samples.push(us);
    latencies[request.label] = samples;
  }
}
reportResult(latencies);
process.exit(0);
