export { describeError, type LogFields, type LogLevel, logger } from './logger.ts';
export { redact } from './redact.ts';
