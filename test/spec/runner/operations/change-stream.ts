import type { ChangeStream, ChangeStreamOptions, Document } from 'mongodb';

interface Watchable {
  watch(pipeline?: Document[], options?: ChangeStreamOptions): ChangeStream;
}

/**
 * The format's createChangeStream: `watch()`, then the stream's aggregate sent right away (the
 * driver sends it lazily, on the first read). `cursor.cursorInit()` is internal to the driver but
 * kept public for exactly this operation of unified test runners (abstract_cursor.js).
 */
export async function createChangeStream(target: Watchable, args: Document): Promise<ChangeStream> {
  const { pipeline = [], ...options } = args;
  const stream = target.watch(pipeline as Document[], options);
  const { cursor } = stream as unknown as { cursor: { cursorInit(): Promise<void> } };
  await cursor.cursorInit();
  return stream;
}
