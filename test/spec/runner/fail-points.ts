import { type Document, type MongoClient, MongoServerError } from 'mongodb';
import { FAIL_POINT_SKIP_REASON, SkipTest } from './skip.ts';

const COMMAND_NOT_FOUND = 59;

/**
 * failCommand is server-wide: unscoped, it would also fail commands of other test files running in
 * parallel on the same server. Scoping it to the appName of the client that sets it (the client
 * the test then fails) keeps it to this test; a test that names an appName keeps its own.
 */
function scopedToClient(client: MongoClient, command: Document): Document {
  const appName = client.options.appName;
  if (
    command.configureFailPoint !== 'failCommand' ||
    !command.data ||
    command.data.appName ||
    !appName
  ) {
    return command;
  }
  return { ...command, data: { ...command.data, appName } };
}

/** Fail points set during one test, so they can be switched off (on the same client) afterwards. */
export class FailPoints {
  readonly #active: { client: MongoClient; name: string }[] = [];

  async enable(client: MongoClient, command: Document): Promise<void> {
    try {
      await client.db('admin').command(scopedToClient(client, command));
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
