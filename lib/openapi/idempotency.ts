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
