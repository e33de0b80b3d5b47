export { codeName } from './code-names.ts';
export { ConnectionClosedByFailPoint, InjectedError } from './injected-error.ts';
export { FailPoint, type FailPointMode, parseMode } from './mode.ts';
export { FailPointRegistry } from './registry.ts';
