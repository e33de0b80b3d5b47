import { defineSpecSuite } from './runner/suite.ts';

defineSpecSuite('retryable-reads');
