// Throughput (b): the deployed bundle's handler (argv[2]) behind a minimal node:http → API
// Gateway v2 adapter: one event per request, one Lambda context, the result written back with
// its Content-Length, as API Gateway sends it (not chunked: writeHead alone would chunk it).
// Serves GET /users/{id} only. Prints "listening <port>" on stderr and runs until SIGTERM.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, lambdaContext } from '../support/api-event.ts';

type Handler = (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

const bundle = process.argv[2] ?? '';
const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };

const server = createServer((req, res) => {
  const [path = '/'] = (req.url ?? '/').split('?', 1);
  const match = /^\/users\/([^/]+)$/.exec(path);
  if (req.method !== 'GET' || !match?.[1]) {
    res.writeHead(404).end();
    return;
  }
  const event = apiEvent('GET /users/{id}', path, { pathParameters: { id: match[1] } });
  handler(event, lambdaContext()).then(
    (result) => {
      const body = result.body ?? '';
      res.writeHead(result.statusCode ?? 200, {
        ...(result.headers as Record<string, string>),
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    },
    () => {
      res.writeHead(502).end();
    },
  );
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.error(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
