import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { checkJsonSchema } from '../../query/json-schema-keywords.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { isPlainObject } from '../../query/paths.ts';
import { DocumentValidator } from '../../storage/validation.ts';

const LEVELS = ['off', 'strict', 'moderate'];
const ACTIONS = ['error', 'warn', 'errorAndLog'];

/** Checks validator, validationLevel and validationAction as create and collMod receive them. */
export function checkValidationOptions(options: Document): void {
  if (options.validator !== undefined) {
    if (!isPlainObject(options.validator))
      throw new CommandError(
        'TypeMismatch',
        "BSON field 'validator' is the wrong type, expected type 'object'",
      );
    if (options.validator.$jsonSchema !== undefined) checkJsonSchema(options.validator.$jsonSchema);
    withMingo(() => new DocumentValidator(options.validator));
  }
  if (options.validationLevel !== undefined && !LEVELS.includes(String(options.validationLevel))) {
    throw new CommandError(
      'BadValue',
      `Enumeration value '${String(options.validationLevel)}' for field 'validationLevel' is not a valid value.`,
    );
  }
  if (
    options.validationAction !== undefined &&
    !ACTIONS.includes(String(options.validationAction))
  ) {
    throw new CommandError(
      'BadValue',
      `Enumeration value '${String(options.validationAction)}' for field 'validationAction' is not a valid value.`,
    );
  }
}

/** The command's own option fields (everything but the command name and generic fields). */
export function optionFields(
  command: Document,
  name: string,
  allowed: readonly string[],
): Document {
  const out: Document = {};
  for (const field of allowed) if (command[field] !== undefined) out[field] = command[field];
  void name;
  return out;
}
