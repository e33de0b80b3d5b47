import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';

export interface ContainerAnswer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: decoded JSON whose shape each test asserts
  readonly body: any;
  /** Time inside the container, from receiving the invocation to its answer. */
  readonly ms: number;
}

/** Drives support/container.ts: invoke over IPC, freeze and thaw with SIGSTOP/SIGCONT. */
export class Container {
  private readonly child: ChildProcess;
  private next = 0;
  private readonly pending = new Map<number, (answer: ContainerAnswer) => void>();

  private constructor(child: ChildProcess) {
    this.child = child;
    child.on('message', (message: { id?: number } & ContainerAnswer) => {
      if (message.id === undefined) return;
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
  }

  static async start(env: Record<string, string | undefined>): Promise<Container> {
    const child = fork(new URL('./container.ts', import.meta.url), {
      env: { ...process.env, ...env },
      // The handlers' logs (every 503 is logged) stay out of the test output.
      stdio: process.env.FAULTS_DEBUG
        ? ['ignore', 'inherit', 'inherit', 'ipc']
        : ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const [first] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(() => {
        throw new Error('the container process exited before it was ready');
      }),
    ])) as [{ ready?: boolean }];
    if (!first.ready) throw new Error('unexpected first message from the container');
    return new Container(child);
  }

  invoke(route: 'list' | 'create' | 'health', name?: string): Promise<ContainerAnswer> {
    this.next += 1;
    const id = this.next;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ id, route, name });
    });
  }

  freeze(): void {
    this.child.kill('SIGSTOP');
  }

  thaw(): void {
    this.child.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGCONT');
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}
