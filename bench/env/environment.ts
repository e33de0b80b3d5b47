// One simulated Lambda execution environment: a fresh process that imports one bundle and
// invokes its handler in-process with API Gateway v2 events. argv[2]: the plan as JSON.
// Prints one JSON line: init time and RSS, warm latencies, sockets opened, peak under load.
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { apiEvent, lambdaContext } from '../support/api-event.ts';
import { reportResult } from '../support/result.ts';
import { countSockets } from './socket-counter.ts';

export interface EnvironmentPlan {
  readonly bundle: string;
  readonly userId: string;
  /** Sequential warm invocations before timing starts. */
  readonly warmup: number;
  /** Sequential invocations timed one by one (µs). */
  readonly measured: number;
  readonly concurrency: number;
  readonly concurrentRounds: number;
  /** Total invocations at the end (memory figure); 0 skips the memory phase. */
  readonly totalInvocations: number;
  /** Invocations at a second RSS reading, to tell a heap settling from a leak (0: none). */
  readonly steadyInvocations: number;
}

export interface EnvironmentResult {
  readonly initMs: number;
  readonly rssInitMb: number;
  readonly rssAfterFirstMb: number;
  readonly rssEndMb: number;
  /** RSS at `steadyInvocations` (NaN when not asked). */
  readonly rssSteadyMb: number;
  /** V8 heap in use after a full GC (with --expose-gc), at init and at the end: the leak check. */
  readonly heapAfterGcInitMb: number;
  readonly heapAfterGcEndMb: number;
  readonly invocations: number;
  /** Invocations at the second RSS reading (the heap after GC at the end is taken there too). */
  readonly steadyInvocations: number;
  readonly socketsAfterFirst: number;
  /** Sockets opened during the sequential warm invocations (goal 0). */
  readonly socketsDuringWarm: number;
  readonly warmInvocations: number;
  readonly peakOpenUnderConcurrency: number;
  readonly latenciesUs: number[];
}

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number }>;

const plan = JSON.parse(process.argv[2] ?? '{}') as EnvironmentPlan;
const sockets = countSockets();
const toMb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const mb = () => toMb(process.memoryUsage.rss());
const gc = (globalThis as { gc?: () => void }).gc;
const heapAfterGc = () => {
  if (!gc) return Number.NaN;
  gc();
  return toMb(process.memoryUsage().heapUsed);
};

const t0 = performance.now();
const { handler } = (await import(pathToFileURL(plan.bundle).href)) as { handler: Handler };
const initMs = performance.now() - t0;
const rssInitMb = mb();
const heapAfterGcInitMb = heapAfterGc();
const event = () =>
  apiEvent('GET /users/{id}', `/users/${plan.userId}`, { pathParameters: { id: plan.userId } });

let invocations = 0;
async function invoke(): Promise<void> {
  const result = await handler(event(), lambdaContext());
  invocations += 1;
  if (result.statusCode !== 200) throw new Error(`handler answered ${result.statusCode}`);
}

await invoke();
// Lambda would take the next request later; let the driver's monitors settle as they would.
await sleep(500);
const socketsAfterFirst = sockets.created;
const rssAfterFirstMb = mb();

for (let i = 0; i < plan.warmup; i += 1) await invoke();
const latenciesUs: number[] = [];
for (let i = 0; i < plan.measured; i += 1) {
  const start = process.hrtime.bigint();
  await invoke();
  latenciesUs.push(Number(process.hrtime.bigint() - start) / 1_000);
}
const socketsDuringWarm = sockets.created - socketsAfterFirst;
const warmInvocations = plan.warmup + plan.measured;

sockets.takePeak();
let peakOpenUnderConcurrency = 0;
for (let round = 0; round < plan.concurrentRounds; round += 1) {
  await Promise.all(Array.from({ length: plan.concurrency }, () => invoke()));
  peakOpenUnderConcurrency = Math.max(peakOpenUnderConcurrency, sockets.takePeak());
}

while (invocations < plan.totalInvocations) await invoke();
const rssEndMb = mb();
const invocationsAtEnd = invocations;
while (invocations < plan.steadyInvocations) await invoke();
const rssSteadyMb = plan.steadyInvocations > 0 ? mb() : Number.NaN;

const result: EnvironmentResult = {
  initMs,
  rssInitMb,
  rssAfterFirstMb,
  rssEndMb,
  rssSteadyMb,
  heapAfterGcInitMb,
  heapAfterGcEndMb: heapAfterGc(),
  invocations: invocationsAtEnd,
  steadyInvocations: invocations,
  socketsAfterFirst,
  socketsDuringWarm,
  warmInvocations,
  peakOpenUnderConcurrency,
  latenciesUs,
};
reportResult(result);
process.exit(0);
