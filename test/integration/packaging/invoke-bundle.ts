// Runs one packaged bundle the way the Lambda runtime does: `node invoke-bundle.ts <file.mjs>
// <event.json> <result.json>` imports the ES module from an extracted zip (no node_modules
// anywhere near it), calls its `handler` with an API Gateway v2 event and writes the result as
// JSON to <result.json> (stdout belongs to the handler's own log lines, as in Lambda).
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile, resultFile] = process.argv.slice(2);
if (!bundle || !eventFile || !resultFile) {
  throw new Error('usage: invoke-bundle.ts <bundle.mjs> <event.json> <result.json>');
}
const started = Date.now();
const context = {
  functionName: 'packaged',
  awsRequestId: 'packaging-test',
  getRemainingTimeInMillis: () => 10_000 - (Date.now() - started),
  callbackWaitsForEmptyEventLoop: false,
};
const module = (await import(pathToFileURL(bundle).href)) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
};
const event: unknown = JSON.parse(await readFile(eventFile, 'utf8'));
await writeFile(resultFile, JSON.stringify(await module.handler(event, context)));
// The cached MongoClient keeps sockets open, as in a real container; end the process here.
process.exit(0);
