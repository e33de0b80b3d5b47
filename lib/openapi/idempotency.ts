import type { RouteDoc } from '#lib/http/route-doc.ts';

type Responses = RouteDoc['responses'];

/** A replayed answer says so: the `Idempotent-Replayed` header on an idempotent route's 2xx. */
export function idempotencyResponses(
  spec: { readonly idempotent?: boolean },
  responses: Responses,
): Responses {
  if (!spec.idempotent) return responses;
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => [
      status,
      Number(status) < 300
        ? {
            ...response,
            headers: {
              ...response.headers,
              'Idempotent-Replayed':
                '"true" when this is the stored answer to an earlier request with the same Idempotency-Key',
            },
          }
        : response,
    ]),
  );
}

/** The `Idempotency-Key` header parameter of a route whose spec is `idempotent`. */
export function idempotencyParameters(spec: { readonly idempotent?: boolean }) {
  if (!spec.idempotent) return [];
  return [
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique string (a UUID) per intended write: a retry with the same key and request gets the first answer again (Idempotent-Replayed: true) instead of a second write, for 24 hours; the same key with another request is a 422, while the first still runs a 409',
      schema: { type: 'string', minLength: 1, maxLength: 257 },
    },
  ];
}
