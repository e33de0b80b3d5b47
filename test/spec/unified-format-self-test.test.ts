import { defineSpecSuite } from './runner/suite.ts';

// The format's own valid-pass self-tests that exercise what the CRUD/transactions folders rely on.
defineSpecSuite('unified-test-format/valid-pass', {
  only: [
    'expectedError-errorResponse.json',
    'expectedError-isClientError.json',
    'expectedEventsForClient-ignoreExtraEvents.json',
    'ignoreResultAndError.json',
    'operation-empty_array.json',
    'operator-lte.json',
    'operator-matchAsDocument.json',
    'operator-matchAsRoot.json',
    'operator-type-number_alias.json',
    'poc-command-monitoring.json',
    'poc-crud.json',
    'poc-sessions.json',
    'poc-transactions.json',
    'poc-transactions-convenient-api.json',
    'poc-retryable-writes.json',
    'entity-find-cursor.json',
  ],
});
