import { CommandError } from '../errors.ts';

/** Turns an error thrown by mingo (bad operator, bad expression...) into a MongoDB command error. */
export function fromMingo(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const stage = /unregistered pipeline operator (\$\w+)/.exec(message);
  if (stage) {
    return new CommandError(
      'Location40324',
      `Unrecognized pipeline stage name: '${stage[1]}'`,
      {},
      { cause: error },
    );
  }
  // mingo looks an unknown expression operator up as an accumulator last, and names it so.
  const expression = /accumulator '(\$\w+)' is not registered/.exec(message);
  if (expression) {
    return new CommandError(
      'InvalidPipelineOperator',
      `Unrecognized expression '${expression[1]}'`,
      {},
      { cause: error },
    );
  }
  const operator = /unknown (?:query )?operator[: ]+'?(\$\w+)/i.exec(message);
  if (operator)
    return new CommandError('BadValue', `unknown operator: ${operator[1]}`, {}, { cause: error });
  return new CommandError('BadValue', message, {}, { cause: error });
}

/** Runs a mingo computation, answering its failures with MongoDB error codes. */
export function withMingo<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw fromMingo(error);
  }
}
