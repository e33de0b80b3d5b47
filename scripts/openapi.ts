// `npm run openapi [-- <file>]`: writes the OpenAPI 3.1 document of every route (default
// openapi.json). The same document is served by GET /openapi.json.
import { writeFile } from 'node:fs/promises';
import { apiDocument } from '#lib/openapi/index.ts';

const file = process.argv[2] ?? 'openapi.json';
await writeFile(file, `${JSON.stringify(apiDocument(), null, 2)}\n`);
console.log(`Wrote ${file}`);
