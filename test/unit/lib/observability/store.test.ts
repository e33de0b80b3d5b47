import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  beginInvocation,
  createInvocation,
  currentInvocation,
  endInvocation,
  type Invocation,
} from '#lib/observability/index.ts';

const make = (requestId: string) =>
  createInvocation({ requestId, route: 'r', cold: false, startedAt: 0, slowOperationMs: 0 });

const begun: Invocation[] = [];
afterEach(() => {
  for (const invocation of begun.splice(0)) endInvocation(invocation);
});

/** Starts an invocation the way the middleware does: synchronously, inside an async call. */
async function inInvocation(requestId: string, work: () => Promise<void>): Promise<Invocation> {
  const invocation = make(requestId);
  begun.push(invocation);
  beginInvocation(invocation);
  await work();
  return invocation;
}

/** What currentInvocation() says from a timer scheduled now, before any invocation begins (an
 * async context no invocation touched), once it fires. */
function probeFromForeignContext(): { readonly seen: Promise<Invocation | undefined> } {
  return {
    seen: new Promise((resolve) => {
      setTimeout(() => resolve(currentInvocation()), 20);
    }),
  };
}

describe('currentInvocation', () => {
  it('is none outside any invocation', () => {
    expect(currentInvocation()).toBeUndefined();
  });

  it('falls back to the only invocation in flight (an event from a foreign async context)', async () => {
    const foreign = probeFromForeignContext();
    let seen: Invocation | undefined;
    const invocation = await inInvocation('only', async () => {
      seen = await foreign.seen;
    });
    expect(seen).toBe(invocation);
  });

  it('tells concurrent invocations apart by async context', async () => {
    const seen: Record<string, string | undefined> = {};
    const probe = (name: string) => async () => {
      await sleep(5);
      seen[name] = currentInvocation()?.requestId;
      await sleep(5);
      seen[`${name}-later`] = currentInvocation()?.requestId;
    };
    await Promise.all([inInvocation('a', probe('a')), inInvocation('b', probe('b'))]);
    expect(seen).toEqual({ a: 'a', 'a-later': 'a', b: 'b', 'b-later': 'b' });
  });

  it('finds an invocation that began alone without binding its async context', async () => {
    const foreign = probeFromForeignContext();
    let seen: Invocation | undefined;
    let bound: Invocation | undefined;
    const alone = await inInvocation('alone', async () => {
      // A second invocation, begun from another context while the first is in flight (as a
      // server's next request is), is bound to its own context.
      bound = await Promise.resolve().then(() =>
        inInvocation('bound', async () => {
          seen = await foreign.seen;
          expect(currentInvocation()?.requestId).toBe('bound');
        }),
      );
      expect(currentInvocation()?.requestId).toBe('alone');
    });
    expect(bound?.requestId).toBe('bound');
    // Two in flight, an event from a context neither touched: the unbound one's.
    expect(seen).toBe(alone);
  });

  it('bills nobody for work of an answered bound invocation, even while another is in flight', async () => {
    let fire: (() => void) | undefined;
    let seen: Invocation | undefined | 'unset' = 'unset';
    // `holder` is in flight throughout, so `first` and `second` are bound to their contexts.
    await inInvocation('holder', async () => {
      const first = await inInvocation('first', async () => {
        // A reaction registered in the first invocation's context, run later (a late reply).
        const armed = new Promise<void>((resolve) => {
          fire = resolve;
        });
        void armed.then(() => {
          seen = currentInvocation();
        });
      });
      endInvocation(first);
      await inInvocation('second', async () => {
        fire?.();
        await sleep(1);
        expect(currentInvocation()?.requestId).toBe('second');
      });
    });
    expect(seen).toBeUndefined();
  });

  it('forgets an ended invocation, even in its own async context', async () => {
    let after: Invocation | undefined;
    await inInvocation('ended', async () => {
      const own = currentInvocation();
      if (own) endInvocation(own);
      after = currentInvocation();
    });
    expect(after).toBeUndefined();
  });
});
