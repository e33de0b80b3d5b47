import { defineSpecSuite } from './runner/suite.ts';

// The format's own valid-pass self-tests: the runner checked against the files that define it.
defineSpecSuite('unified-test-format/valid-pass');
