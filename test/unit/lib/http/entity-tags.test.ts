import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEntityTag, parseEntityTags } from '#lib/http/entity-tags.ts';
import { ApiError } from '#lib/http/errors.ts';

const parse = (header: string | undefined) => parseEntityTags(header, 'If-Match');

describe('parseEntityTags (RFC 9110 If-Match / If-None-Match)', () => {
  it.each([
    ['"3"', [{ weak: false, opaque: '3' }]],
    ['W/"3"', [{ weak: true, opaque: '3' }]],
    [
      ' "1" ,W/"2",, "" ',
      [
        { weak: false, opaque: '1' },
        { weak: true, opaque: '2' },
        { weak: false, opaque: '' },
      ],
    ],
    // A comma is an etagc: the list is scanned, not split on commas.
    [
      '"a,b", "c"',
      [
        { weak: false, opaque: 'a,b' },
        { weak: false, opaque: 'c' },
      ],
    ],
    ['*', '*'],
    [' * ', '*'],
  ])('%s', (header, expected) => {
    expect(parse(header)).toEqual(expected);
  });

  it('absent is undefined', () => {
    expect(parse(undefined)).toBeUndefined();
  });

  it.each(['3', '"3" "4"', '"3"x', 'w/"3"', '"a"b"', '', ',', '*, "3"', '"tab\there"'])(
    'refuses %j with a 400 naming the header',
    (header) => {
      expect(() => parse(header)).toThrow(
        expect.objectContaining({
          statusCode: 400,
          type: 'invalid-precondition',
          errors: [{ pointer: '/headers/if-match', detail: 'is not an entity tag list' }],
        }),
      );
      expect(() => parse(header)).toThrow(ApiError);
    },
  );

  it('reads back any list of tags it could have been sent', () => {
    const etagc = fc.constantFrom(..."!#$%&'()*+,-./0123456789:;<=>?@AZaz[]^_`{|}~");
    const tag = fc.record({ weak: fc.boolean(), opaque: fc.string({ unit: etagc }) });
    const space = fc.constantFrom('', ' ', '\t', '  ');
    fc.assert(
      fc.property(fc.array(fc.tuple(tag, space, space), { minLength: 1, maxLength: 6 }), (list) => {
        const header = list
          .map(
            ([t, before, after]) =>
              `${before}${t.weak ? 'W/' : ''}${formatEntityTag(t.opaque)}${after}`,
          )
          .join(',');
        expect(parse(header)).toEqual(list.map(([t]) => t));
      }),
      { numRuns: 500 },
    );
  });
});
