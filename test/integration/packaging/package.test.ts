import { execFile } from 'node:child_process';
import { glob, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORS_EXPOSED_HEADERS } from '#lib/http/rest-api-events.ts';
import { testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { writeRestApiConfig } from '#test/support/rest-api-config.ts';
import { evaluate, type Template } from './cloudformation.ts';
import { type PackageResult, runPackage } from './run-package.ts';

// What serverless.yml declares, read independently of the packager: name → handler.
const declared = load(await readFile('serverless.yml', 'utf8')) as {
  functions: Record<string, { handler: string; events?: { httpApi?: { method?: string } }[] }>;
};
const functionNames = Object.keys(declared.functions).sort();
/** The routes serverless.yml declares with another method than GET: the write routes. */
const declaredWrites = Object.values(declared.functions).flatMap((fn) =>
  (fn.events ?? []).filter((e) => e.httpApi?.method && e.httpApi.method.toUpperCase() !== 'GET'),
);
const OPTIONAL_DRIVER_MODULES = [
  'kerberos',
  'snappy',
  '@mongodb-js/zstd',
  'mongodb-client-encryption',
  '@aws-sdk/credential-providers',
  'gcp-metadata',
  'socks',
];
const CUSTOM_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0b6c1a4e-1111-2222-3333-444455556666';

let byDefault: PackageResult;
let withParams: PackageResult;
let behindRestApi: PackageResult;
const scratch: string[] = [];

// One after the other: osls stages artifacts in the service's own .serverless/ folder (and clears
// it first) even with --package, so two packagers in one checkout trip over each other.
beforeAll(async () => {
  byDefault = await runPackage();
  scratch.push(byDefault.dir);
  withParams = await runPackage([
    '--stage',
    'prod',
    `--param=ssmKmsKey=${CUSTOM_KEY}`,
    '--param=mongodbUriParameter=/acme/prod/atlas-uri',
    '--param=authIssuer=https://issuer.example.com/pool',
    '--param=authAudience=acme-api',
    '--param=corsAllowedOrigins=https://app.example.com, http://localhost:5173',
    '--param=throttleRateLimit=200',
    '--param=throttleBurstLimit=100',
  ]);
  scratch.push(withParams.dir);
  const restConfig = await writeRestApiConfig(`rest-package-${process.pid}`);
  try {
    behindRestApi = await runPackage([
      '--config',
      restConfig,
      '--param=corsAllowedOrigins=https://app.example.com',
    ]);
    scratch.push(behindRestApi.dir);
  } finally {
    await rm(restConfig, { force: true });
  }
}, 360_000);

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

function lambdaFunctions(template: Template) {
  return Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
}

interface Statement {
  Action: string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The role's statements as CloudFormation would resolve them. */
function roleStatements(template: Template): Statement[] {
  const role = evaluate(template.Resources.IamRoleLambdaExecution?.Properties, template) as {
    Policies: { PolicyDocument: { Statement: Statement[] } }[];
  };
  return role.Policies.flatMap((p) => p.PolicyDocument.Statement);
}

/** Minus the framework's own CloudWatch Logs statements. */
function appStatements(template: Template): Statement[] {
  return roleStatements(template).filter((s) => !s.Action.every((a) => a.startsWith('logs:')));
}

describe('serverless package (no AWS credentials)', () => {
  it('declares exactly one function for every handler file under functions/', async () => {
    const files: string[] = [];
    for await (const file of glob('functions/**/*.ts')) files.push(file);
    const handlers = Object.values(declared.functions).map((fn) =>
      fn.handler.replace(/\.handler$/, '.ts'),
    );
    expect(files.length).toBeGreaterThan(0);
    expect([...handlers].sort()).toEqual([...files].sort());
  });

  it('writes one zip per declared function and nothing else', async () => {
    const zips = (await readdir(byDefault.dir)).filter((f) => f.endsWith('.zip')).sort();
    expect(zips).toEqual(functionNames.map((name) => `${name}.zip`));
    expect(lambdaFunctions(byDefault.template)).toHaveLength(functionNames.length);
  });

  it('deploys every function on nodejs24.x arm64 with a timeout under API Gateway’s 29 s', () => {
    for (const fn of lambdaFunctions(byDefault.template)) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Timeout).toBeLessThan(29);
      const env = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(env.MONGODB_URI_SSM_PARAMETER).toBe('/lambda-mongo-kit/dev/mongodb-uri');
      expect(env).not.toHaveProperty('MONGODB_URI');
      expect(env.MONGODB_DB).toBeTruthy();
    }
  });

  it('grants only ssm:GetParameter(s) on the one parameter and kms:Decrypt via SSM (AWS-managed key)', () => {
    const statements = appStatements(byDefault.template);
    // GetParameters is what @middy/ssm calls; without it the cold start gets AccessDenied.
    expect(statements.map((s) => [...s.Action].sort())).toEqual(
      expect.arrayContaining([['kms:Decrypt'], ['ssm:GetParameter', 'ssm:GetParameters']]),
    );
    expect(statements).toHaveLength(2);
    const ssm = statements.find((s) => s.Action.includes('ssm:GetParameter'));
    expect(ssm?.Resource).toBe(
      'arn:aws:ssm:eu-west-1:123456789012:parameter/lambda-mongo-kit/dev/mongodb-uri',
    );
    const kms = statements.find((s) => s.Action.includes('kms:Decrypt'));
    // IAM cannot name a key by alias: any key of the account, narrowed to the one with the alias.
    expect(kms?.Resource).toBe('arn:aws:kms:eu-west-1:123456789012:key/*');
    expect(kms?.Condition).toEqual({
      StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' },
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/aws/ssm' },
    });
  });

  it('narrows kms:Decrypt to the exact key and follows the parameter name given as params', () => {
    const statements = appStatements(withParams.template);
    const ssm = statements.find((s) => s.Action.includes('ssm:GetParameter'));
    expect(ssm?.Resource).toBe('arn:aws:ssm:eu-west-1:123456789012:parameter/acme/prod/atlas-uri');
    const kms = statements.find((s) => s.Action.includes('kms:Decrypt'));
    expect(kms?.Resource).toBe(CUSTOM_KEY);
    expect(kms?.Condition).toEqual({
      StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' },
    });
  });

  it('hands the stage’s token issuer and audience to every function', () => {
    for (const fn of lambdaFunctions(withParams.template)) {
      const env = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(env).toMatchObject({
        AUTH_ISSUER: 'https://issuer.example.com/pool',
        AUTH_AUDIENCE: 'acme-api',
        MONGODB_URI_SSM_PARAMETER: '/acme/prod/atlas-uri',
      });
    }
  });

  it('guards exactly the write routes with the JWT authorizer and the write scope', () => {
    const resources = withParams.template.Resources;
    const authorizers = Object.entries(resources).filter(
      ([, r]) => r.Type === 'AWS::ApiGatewayV2::Authorizer',
    );
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0] ?? [];
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    // As CloudFormation resolves it (serverless.yml wraps both values in Fn::Sub).
    expect(evaluate(authorizer?.Properties.JwtConfiguration, withParams.template)).toEqual({
      Issuer: 'https://issuer.example.com/pool',
      Audience: ['acme-api'],
    });
    const routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    expect(routes).toHaveLength(functionNames.length);
    const writes = routes.filter((r) => !String(r.Properties.RouteKey).startsWith('GET '));
    expect(declaredWrites.length).toBeGreaterThan(0);
    expect(writes).toHaveLength(declaredWrites.length);
    for (const route of routes) {
      const key = String(route.Properties.RouteKey);
      if (key.startsWith('GET ')) {
        expect(route.Properties.AuthorizationType, key).toBeUndefined();
        expect(route.Properties.AuthorizerId, key).toBeUndefined();
      } else {
        expect(route.Properties, key).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
          AuthorizationScopes: ['api/write'],
        });
      }
    }
  });

  it('configures CORS on the HTTP API: origins from the param, precondition headers, ETag readable', () => {
    const cors = (template: PackageResult['template']) =>
      Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api')?.Properties
        .CorsConfiguration as Record<string, unknown>;
    expect(cors(byDefault.template)).toMatchObject({ AllowOrigins: ['*'] });
    expect(cors(withParams.template)).toEqual({
      AllowOrigins: ['https://app.example.com', 'http://localhost:5173'],
      AllowHeaders: [
        'Authorization',
        'Content-Type',
        'Idempotency-Key',
        'If-Match',
        'If-None-Match',
      ],
      AllowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      // The same list the chain gives behind a REST API (rest-api-events.ts).
      ExposeHeaders: [...CORS_EXPOSED_HEADERS],
      MaxAge: 600,
    });
    // Bearer tokens, never cookies: a browser must not send credentials cross-origin.
    expect(cors(withParams.template)).not.toHaveProperty('AllowCredentials');
  });

  it('caps the requests API Gateway lets through (the ceiling on containers and connections)', () => {
    const stage = (template: PackageResult['template']) =>
      Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')
        ?.Properties as Record<string, unknown>;
    expect(stage(byDefault.template)).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 500 },
    });
    // From --param they arrive as strings, which CloudFormation reads as the numbers they hold.
    const given = stage(withParams.template).DefaultRouteSettings as Record<string, unknown>;
    expect([Number(given.ThrottlingRateLimit), Number(given.ThrottlingBurstLimit)]).toEqual([
      200, 100,
    ]);
  });

  it('has no bare "*" resource anywhere in the role', () => {
    for (const template of [byDefault.template, withParams.template]) {
      const resources = roleStatements(template).flatMap((s) => [s.Resource].flat());
      expect(resources.length).toBeGreaterThan(0);
      expect(resources).not.toContain('*');
    }
  });
});

describe('serverless package behind a REST API (README, "Behind a REST API instead")', () => {
  it('gives every route a method on a REST API with binary media types, each proxying to its own function', () => {
    const resources = Object.values(behindRestApi.template.Resources);
    const [api, ...others] = resources.filter((r) => r.Type === 'AWS::ApiGateway::RestApi');
    expect(others).toHaveLength(0);
    expect(api?.Properties.BinaryMediaTypes).toEqual(['*/*']);
    expect(resources.filter((r) => r.Type.startsWith('AWS::ApiGatewayV2::'))).toHaveLength(0);
    const methods = resources.filter(
      (r) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod !== 'OPTIONS',
    );
    expect(methods).toHaveLength(functionNames.length);
    for (const method of methods) {
      expect(method.Properties.AuthorizationType).toBe('NONE');
      expect(method.Properties.Integration).toMatchObject({
        Type: 'AWS_PROXY',
        IntegrationHttpMethod: 'POST',
      });
    }
    expect(lambdaFunctions(behindRestApi.template)).toHaveLength(functionNames.length);
  });

  it('answers the CORS preflight of every path for the param origins; the functions get the same origins', () => {
    const resources = Object.values(behindRestApi.template.Resources);
    const paths = new Set(
      resources
        .filter(
          (r) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod !== 'OPTIONS',
        )
        .map((r) => JSON.stringify(r.Properties.ResourceId)),
    );
    const preflights = resources.filter(
      (r) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod === 'OPTIONS',
    );
    expect(new Set(preflights.map((r) => JSON.stringify(r.Properties.ResourceId)))).toEqual(paths);
    for (const preflight of preflights) {
      const integration = preflight.Properties.Integration as {
        Type: string;
        IntegrationResponses: { ResponseParameters: Record<string, string> }[];
      };
      expect(integration.Type).toBe('MOCK');
      expect(integration.IntegrationResponses[0]?.ResponseParameters).toMatchObject({
        'method.response.header.Access-Control-Allow-Origin': "'https://app.example.com'",
        'method.response.header.Access-Control-Allow-Headers':
          "'Authorization,Content-Type,Idempotency-Key,If-Match,If-None-Match'",
      });
    }
    for (const fn of lambdaFunctions(behindRestApi.template)) {
      expect(fn.Properties.Environment).toMatchObject({
        Variables: { CORS_ALLOWED_ORIGINS: 'https://app.example.com' },
      });
    }
  });
});

describe('each artifact', () => {
  const bundles = new Map<string, string>();

  beforeAll(async () => {
    for (const name of functionNames) {
      const zip = await JSZip.loadAsync(await readFile(join(byDefault.dir, `${name}.zip`)));
      const files = Object.keys(zip.files).filter((f) => !zip.files[f]?.dir);
      const handlerFile = `${declared.functions[name]?.handler.replace(/\.handler$/, '')}.mjs`;
      expect(files, name).toEqual([handlerFile]);
      bundles.set(name, (await zip.file(handlerFile)?.async('string')) ?? '');
    }
  });

  it('is a single ESM bundle that opens with the createRequire banner', () => {
    for (const [name, code] of bundles) {
      expect(code.startsWith("import { createRequire } from 'module';"), name).toBe(true);
      expect(/export\s*\{[^}]*\bas handler\b[^}]*\}/.test(code), name).toBe(true);
    }
  });

  it('leaves the driver’s optional modules out, as runtime requires it tolerates failing', () => {
    for (const [name, code] of bundles) {
      // Booleans, not toContain: a failure must not print a 2 MB bundle.
      for (const module of OPTIONAL_DRIVER_MODULES) {
        expect(code.includes(`("${module}")`), `${name} requires ${module} at run time`).toBe(true);
      }
      // Export names of @aws-sdk/credential-providers (installed here): present only if bundled.
      expect(code.includes('fromCognitoIdentityPool'), name).toBe(false);
    }
  });

  it('runs from an extracted zip with no node_modules: GET /health and GET /users answer', async () => {
    const root = await mkdtemp(join(tmpdir(), 'lmk-unzipped-'));
    scratch.push(root);
    // Like the nodejs24.x runtime, which provides the AWS SDK v3 (left out of the bundles) and
    // nothing else.
    await mkdir(join(root, 'node_modules'));
    await symlink(
      join(process.cwd(), 'node_modules/@aws-sdk'),
      join(root, 'node_modules/@aws-sdk'),
    );
    const invoke = async (name: string, method: string, path: string) => {
      const handler = declared.functions[name]?.handler.replace(/\.handler$/, '') ?? '';
      const bundle = join(root, `${handler}.mjs`);
      await mkdir(dirname(bundle), { recursive: true });
      await writeFile(bundle, bundles.get(name) ?? '');
      const eventFile = join(root, `${name}-event.json`);
      await writeFile(eventFile, JSON.stringify(apiEvent(method, path)));
      const resultFile = join(root, `${name}-result.json`);
      await promisify(execFile)(
        process.execPath,
        [join(import.meta.dirname, 'invoke-bundle.ts'), bundle, eventFile, resultFile],
        {
          cwd: root,
          timeout: 30_000,
          env: {
            PATH: process.env.PATH ?? '',
            MONGODB_URI: testMongoUri(),
            MONGODB_DB: uniqueDbName('packaging'),
            AWS_LAMBDA_FUNCTION_NAME: name,
          },
        },
      );
      return JSON.parse(await readFile(resultFile, 'utf8')) as {
        statusCode: number;
        body: string;
        headers: Record<string, string>;
      };
    };
    const health = await invoke('healthCheck', 'GET', '/health');
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    const list = await invoke('usersList', 'GET', '/users');
    expect(list.statusCode).toBe(200);
    expect(JSON.parse(list.body)).toMatchObject({ items: [], total: 0 });
  });
});

function apiEvent(method: string, path: string) {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'example.execute-api.eu-west-1.amazonaws.com' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'example',
      domainName: 'example.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'example',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'packaging-test',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}
