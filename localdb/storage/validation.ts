import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { CommandError } from '../errors.ts';
import { checkFilterExpressions } from '../query/expression-check.ts';
import { validateSchema } from '../query/json-schema.ts';
import { withMingo } from '../query/mingo-errors.ts';
import { getPath, isPlainObject } from '../query/paths.ts';
import { queryOptions } from '../query/query-options.ts';
import { toView } from '../query/view.ts';
import type { Collection } from './collection.ts';
import type { StoredDoc } from './stored-doc.ts';

/** A compiled collection validator: `$jsonSchema` checked on the typed document, the rest by mingo. */
export class DocumentValidator {
  readonly #schema: Document | undefined;
  readonly #clauses: [string, unknown, Query][];

  constructor(validator: Document) {
    checkFilterExpressions(validator);
    const { $jsonSchema, ...rest } = validator;
    this.#schema = isPlainObject($jsonSchema) ? $jsonSchema : undefined;
    this.#clauses = Object.entries(rest).map(([k, v]) => [
      k,
      v,
      new Query(toView({ [k]: v }) as Document, queryOptions()),
    ]);
  }

  /** The DocumentValidationFailure (121) `doc` would cause, or undefined when it is valid. */
  check(doc: Document, view: () => Document): CommandError | undefined {
    const schemaFailures = this.#schema ? validateSchema(this.#schema, doc) : [];
    // An expression can still fail as it evaluates (a $divide by zero): the write fails with it.
    const failed = withMingo(() => this.#clauses.filter(([, , q]) => !q.test(view())));
    if (schemaFailures.length === 0 && failed.length === 0) return undefined;
    const clauses: Document[] = failed.map(([field, condition]) =>
      describeClause(field, condition, doc),
    );
    if (schemaFailures.length)
      clauses.unshift({ operatorName: '$jsonSchema', schemaRulesNotSatisfied: schemaFailures });
    const details =
      clauses.length === 1
        ? clauses[0]
        : {
            operatorName: '$and',
            clausesNotSatisfied: clauses.map((d, index) => ({ index, details: d })),
          };
    return new CommandError('DocumentValidationFailure', 'Document failed validation', {
      errInfo: { failingDocumentId: doc._id, details },
    });
  }

  /**
   * Checks a write to `collection` as its validationLevel and validationAction ask: not at all when
   * 'off', not under 'moderate' when the document replaced already failed; a failure throws only
   * under the 'error' action.
   */
  checkWrite(collection: Collection, stored: StoredDoc, previous: StoredDoc | undefined): void {
    const level = collection.options.validationLevel ?? 'strict';
    if (level === 'off') return;
    if (
      level === 'moderate' &&
      previous &&
      this.check(previous.doc, () => collection.viewOf(previous))
    )
      return;
    const error = this.check(stored.doc, () => collection.viewOf(stored));
    if (error && (collection.options.validationAction ?? 'error') === 'error') throw error;
  }
}

function describeClause(field: string, condition: unknown, doc: Document): Document {
  if (field.startsWith('$'))
    return {
      operatorName: field,
      specifiedAs: { [field]: condition },
      reason: 'expression did not match',
    };
  const op =
    isPlainObject(condition) && Object.keys(condition)[0]?.startsWith('$')
      ? Object.keys(condition)[0]
      : '$eq';
  const value = getPath(doc, field);
  return value === undefined
    ? { operatorName: op, specifiedAs: { [field]: condition }, reason: 'field was missing' }
    : {
        operatorName: op,
        specifiedAs: { [field]: condition },
        reason: 'comparison failed',
        consideredValue: value,
      };
}
