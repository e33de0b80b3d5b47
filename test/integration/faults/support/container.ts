// A Lambda container in a process of its own, so a test can freeze it for real (SIGSTOP/SIGCONT)
// the way Lambda pauses an idle execution environment. It cold-starts the users and health
// handlers from its environment, then invokes them on IPC messages and answers with the status.
import type { ApiHandler } from '#lib/http/index.ts';
import { invoke } from '#test/integration/api/support/invoke.ts';

interface Invocation {
  readonly id: number;
  readonly route: 'list' | 'create' | 'health';
  readonly name?: string;
}

const [list, create, health] = await Promise.all([
  import('#functions/users/list.ts'),
  import('#functions/users/create.ts'),
  import('#functions/health/check.ts'),
]);
const handlers: Record<Invocation['route'], ApiHandler> = {
  list: list.handler,
  create: create.handler,
  health: health.handler,
};

process.on('message', (message: Invocation) => {
  const started = performance.now();
  const input =
    message.route === 'create'
      ? { method: 'POST', path: '/users', body: { name: message.name ?? 'thawed' } }
      : { path: message.route === 'list' ? '/users' : '/health' };
  invoke(handlers[message.route], input)
    .then((answer) => ({ status: answer.status, body: answer.body }))
    .catch((error: unknown) => ({ status: -1, body: String(error) }))
    .then((result) =>
      process.send?.({ id: message.id, ms: Math.round(performance.now() - started), ...result }),
    );
});
process.send?.({ ready: true });
