import { CommandError } from '#localdb/errors.ts';

/**
 * The code of the CommandError `fn` throws, undefined when it returns, or the thrown value itself
 * when it is something else (so an assertion on the code fails showing it).
 */
export function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error instanceof CommandError ? error.code : error;
  }
  return undefined;
}
