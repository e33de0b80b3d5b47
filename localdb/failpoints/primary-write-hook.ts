import type { BeforeCommandHook } from '../commands/dispatch.ts';
import { coordinatorOf, isRetryOfAppliedWrite, RETRYABLE_WRITES } from '../transactions/index.ts';
import { clientAppName } from './command-target.ts';
import type { PrimaryWriteData } from './fail-command-data.ts';
import { InjectedError } from './injected-error.ts';
import type { FailPoint } from './mode.ts';

/**
 * onPrimaryTransactionalWrite: on a retryable write, either fail it before anything is written
 * (failBeforeCommitExceptionCode) or let it apply and then drop the connection, so the driver's retry
 * must not apply it twice. mongod fires it per statement written; here once per command that writes.
 */
export function primaryWriteHook(point: FailPoint<PrimaryWriteData>): BeforeCommandHook {
  return (name, _command, context) => {
    if (!point.isOn || !RETRYABLE_WRITES.has(name)) return undefined;
    if (context.txnNumber === undefined || context.autocommit !== undefined) return undefined;
    // A retry of statements already applied only replays their outcomes: nothing is written, so
    // (as in mongod, which fires per statement written) the point neither fires nor counts.
    const coordinator = coordinatorOf(context.engine);
    if (isRetryOfAppliedWrite(coordinator, context.sessionId, context.txnNumber)) return undefined;
    const data = point.fire(
      (candidate) =>
        candidate.appName === undefined || candidate.appName === clientAppName(context),
    );
    if (!data) return undefined;
    const code = data.failBeforeCommitExceptionCode;
    if (code !== undefined) {
      if (data.closeConnection) context.closeConnection?.();
      throw new InjectedError(code, "Failing write via 'onPrimaryTransactionalWrite' failpoint");
    }
    if (!data.closeConnection) return undefined;
    return (reply) => {
      context.closeConnection?.();
      return reply;
    };
  };
}
