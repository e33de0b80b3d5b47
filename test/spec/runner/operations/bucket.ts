import type { GridFSBucket } from 'mongodb';
import type { OperationHandler } from './context.ts';

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** GridFS bucket operations; downloads return the file's bytes (matched with $$matchesHexBytes). */
export const bucketOperations: Readonly<Record<string, OperationHandler<GridFSBucket>>> =
  Object.freeze({
    download: (bucket, { id }) => readAll(bucket.openDownloadStream(id)),
    downloadByName: (bucket, { filename, ...options }) =>
      readAll(bucket.openDownloadStreamByName(filename, options)),
    delete: async (bucket, { id }) => {
      await bucket.delete(id);
    },
    upload: async (bucket, { filename, source, ...options }) => {
      const stream = bucket.openUploadStream(filename, options);
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(Buffer.from(String(source?.$$hexBytes ?? ''), 'hex'), () => resolve());
      });
      return stream.id;
    },
  });
