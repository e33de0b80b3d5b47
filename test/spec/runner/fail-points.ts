import { type Document, type MongoClient, MongoServerError } from 'mongodb';
import { FAIL_POINT_SKIP_REASON, SkipTest } from './skip.ts';

const COMMAND_NOT_FOUND = 59;

/** Fail points set during one test, so they can be switched off (on the same client) afterwards. */
export class FailPoints {
  readonly #active: { client: MongoClient; name: string }[] = [];

  async enable(client: MongoClient, command: Document): Promise<void> {
    try {
      await client.db('admin').command(command);
    } catch (error) {
      if (error instanceof MongoServerError && error.code === COMMAND_NOT_FOUND)
        throw new SkipTest(FAIL_POINT_SKIP_REASON);
      throw new Error(`configureFailPoint ${command.configureFailPoint} failed`, { cause: error });
    }
    this.#active.push({ client, name: String(command.configureFailPoint) });
  }

  /** Switches every recorded fail point off; returns the errors instead of throwing. */
  async disableAll(): Promise<unknown[]> {
    const errors: unknown[] = [];
    for (const { client, name } of this.#active.splice(0)) {
      try {
        await client.db('admin').command({ configureFailPoint: name, mode: 'off' });
      } catch (error) {
        errors.push(error);
      }
    }
    return errors;
  }
}
