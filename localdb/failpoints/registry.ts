import type { Document } from 'bson';
import type { BeforeCommandHook } from '../commands/dispatch.ts';
import { CommandError } from '../errors.ts';
import {
  type FailCommandData,
  type PrimaryWriteData,
  parseFailCommandData,
  parsePrimaryWriteData,
} from './fail-command-data.ts';
import { failCommandHook } from './fail-command-hook.ts';
import { FailPoint, parseMode } from './mode.ts';
import { primaryWriteHook } from './primary-write-hook.ts';

/**
 * The fail points of one server (mongod has one instance of each: configuring one replaces it).
 * Only enabled with test commands, as `enableTestCommands` gates configureFailPoint on mongod.
 */
export class FailPointRegistry {
  readonly failCommand = new FailPoint<FailCommandData>();
  readonly onPrimaryTransactionalWrite = new FailPoint<PrimaryWriteData>();

  /** Applies a `configureFailPoint` command; returns the times the point was entered before. */
  configure(command: Document): number {
    const name = command.configureFailPoint;
    const mode = parseMode(command.mode);
    switch (name) {
      case 'failCommand':
        return this.failCommand.configure(mode, parseFailCommandData(command.data));
      case 'onPrimaryTransactionalWrite':
        return this.onPrimaryTransactionalWrite.configure(
          mode,
          parsePrimaryWriteData(command.data),
        );
      default:
        throw new CommandError('BadValue', `${String(name)} not found`);
    }
  }

  /** The hooks the dispatcher runs before every command. */
  hooks(): BeforeCommandHook[] {
    return [failCommandHook(this.failCommand), primaryWriteHook(this.onPrimaryTransactionalWrite)];
  }
}
