import { defineSpecSuite } from './runner/suite.ts';

defineSpecSuite('transactions');
