import { Timestamp } from 'bson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeResumeToken, encodeResumeToken } from '#localdb/changes/resume-token.ts';
import { CommandError } from '#localdb/errors.ts';

describe('change stream resume tokens', () => {
  it('decode to the point they were made from', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffff_ffff }),
        fc.nat({ max: 0xffff_ffff }),
        fc.nat({ max: 0xffff_ffff }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.boolean(),
        (t, i, epoch, seq, invalidate) => {
          const point = { clusterTime: new Timestamp({ t, i }), epoch, seq, invalidate };
          const decoded = decodeResumeToken(encodeResumeToken(point), 'resumeAfter');
          expect({ ...decoded, clusterTime: decoded.clusterTime.toString() }).toEqual({
            ...point,
            clusterTime: point.clusterTime.toString(),
          });
        },
      ),
    );
  });

  it('refuses what this server did not issue', () => {
    for (const token of [null, {}, { _data: 1 }, { _data: '82' }, { _data: 'zz' }, 'token']) {
      expect(() => decodeResumeToken(token, 'startAfter')).toThrow(CommandError);
    }
  });
});
