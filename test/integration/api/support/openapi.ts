import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { RouteDoc } from '#lib/http/index.ts';
import type { JsonSchema } from '#lib/model/index.ts';
import type { Answer } from './invoke.ts';

const pointerEscape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks answers against the OpenAPI document: the status must be documented for the route
 * and the body must match the documented schema of its content type (ajv, JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1). Returns the ajv errors, or null when the answer conforms.
 */
export function openApiConformance(document: JsonSchema) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: 'openapi.json' });
  const components = document.components as { responses: Record<string, JsonSchema> };
  return (doc: RouteDoc, answer: Answer): unknown[] | null => {
    const operation = `#/paths/${pointerEscape(doc.path)}/${doc.method.toLowerCase()}`;
    const paths = document.paths as Record<
      string,
      Record<string, { responses: Record<string, JsonSchema> }>
    >;
    const response = paths[doc.path]?.[doc.method.toLowerCase()]?.responses[String(answer.status)];
    if (!response)
      return [`status ${answer.status} is not documented for ${doc.method} ${doc.path}`];
    const isRef = typeof response.$ref === 'string';
    const resolved = isRef
      ? components.responses[String(response.$ref).split('/').at(-1) ?? '']
      : response;
    // The entity tag is answered exactly where the document promises it.
    const documentsTag = 'ETag' in ((resolved?.headers ?? {}) as object);
    if (documentsTag !== 'etag' in answer.headers)
      return [
        documentsTag ? 'ETag documented but not answered' : 'ETag answered but not documented',
      ];
    const content = resolved?.content as Record<string, unknown> | undefined;
    if (!content) return answer.body === undefined ? null : ['a body where none is documented'];
    const type = (answer.headers['content-type'] ?? '').split(';')[0] ?? '';
    if (!(type in content)) return [`content type ${type} is not documented`];
    const pointer = isRef
      ? `#/components/responses/${String(response.$ref).split('/').at(-1)}/content/${pointerEscape(type)}/schema`
      : `${operation}/responses/${answer.status}/content/${pointerEscape(type)}/schema`;
    const validate = ajv.compile({ $ref: `openapi.json${pointer}` });
    return validate(answer.body) ? null : (validate.errors ?? []);
  };
}
