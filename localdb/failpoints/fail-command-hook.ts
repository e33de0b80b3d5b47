import { setTimeout as delay } from 'node:timers/promises';
import type { Document } from 'bson';
import type { BeforeCommandHook, ReplyAmender } from '../commands/dispatch.ts';
import type { CommandContext } from '../commands/types.ts';
import { codeName } from './code-names.ts';
import { canonicalCommandName, clientAppName, commandNamespace } from './command-target.ts';
import type { FailCommandData } from './fail-command-data.ts';
import { ConnectionClosedByFailPoint, InjectedError } from './injected-error.ts';
import type { FailPoint } from './mode.ts';

/** Never failed, whatever failCommands lists: the command that switches fail points off. */
const EXEMPT: ReadonlySet<string> = new Set(['configureFailPoint']);

function matches(
  data: FailCommandData,
  name: string,
  command: Document,
  context: CommandContext,
): boolean {
  if (!data.failCommands.has(canonicalCommandName(name))) return false;
  if (data.appName !== undefined && clientAppName(context) !== data.appName) return false;
  if (data.namespace !== undefined) {
    return commandNamespace(name, command, context.db) === data.namespace;
  }
  return true;
}

/** The reply of a command that ran, with the configured writeConcernError and label override. */
function amendReply(data: FailCommandData): ReplyAmender | undefined {
  const { writeConcernError, errorLabels } = data;
  if (!writeConcernError && !errorLabels) return undefined;
  return (reply) => {
    const amended = { ...reply };
    if (writeConcernError && amended.ok === 1) {
      const code = Number(writeConcernError.code);
      amended.writeConcernError = {
        ...(Number.isFinite(code) ? { code, codeName: codeName(code) } : {}),
        ...writeConcernError,
      };
    }
    // As mongod's errorLabelsOverride: the labels replace the server's own, on errors only.
    if (errorLabels && (amended.ok !== 1 || amended.writeConcernError)) {
      amended.errorLabels = [...errorLabels];
    }
    return amended;
  };
}

/**
 * The failCommand fail point, run before each command: it blocks (blockConnection), then drops the
 * connection (closeConnection) or fails with errorCode, else lets the command run and amends its reply.
 */
export function failCommandHook(point: FailPoint<FailCommandData>): BeforeCommandHook {
  return async (name, command, context) => {
    if (EXEMPT.has(name) || !point.isOn) return undefined;
    const data = point.fire((candidate) => matches(candidate, name, command, context));
    if (!data) return undefined;
    if (data.blockConnection && data.blockTimeMS > 0) {
      await delay(data.blockTimeMS, undefined, { signal: context.signal });
    }
    if (data.closeConnection) {
      context.closeConnection?.();
      throw new ConnectionClosedByFailPoint('failCommand');
    }
    if (data.errorCode !== undefined) {
      const extra: Document = {
        ...(data.errorExtraInfo ?? {}),
        ...(data.errorLabels ? { errorLabels: [...data.errorLabels] } : {}),
      };
      throw new InjectedError(data.errorCode, "Failing command via 'failCommand' failpoint", extra);
    }
    return amendReply(data);
  };
}
