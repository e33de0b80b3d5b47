import type { GridFSBucket } from 'mongodb';
import type { OperationHandler } from './context.ts';

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** GridFS bucket reads; results are the file's bytes (matched with $$matchesHexBytes). */
export const bucketOperations: Readonly<Record<string, OperationHandler<GridFSBucket>>> =
  Object.freeze({
    download: (bucket, { id }) => readAll(bucket.openDownloadStream(id)),
    downloadByName: (bucket, { filename, ...options }) =>
      readAll(bucket.openDownloadStreamByName(filename, options)),
  });
