import { Double, Int32, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { codeName } from '#localdb/failpoints/code-names.ts';
import {
  parseFailCommandData,
  parsePrimaryWriteData,
} from '#localdb/failpoints/fail-command-data.ts';

describe('parseFailCommandData', () => {
  it('reads every field, numbers in any BSON numeric type', () => {
    const data = parseFailCommandData({
      failCommands: ['insert', 'find'],
      closeConnection: false,
      errorCode: new Int32(91),
      errorLabels: ['RetryableWriteError'],
      writeConcernError: { code: 64, errmsg: 'timeout' },
      blockConnection: true,
      blockTimeMS: Long.fromNumber(250),
      appName: 'app',
      namespace: 'db.coll',
    });
    expect(data).toEqual({
      failCommands: new Set(['insert', 'find']),
      closeConnection: false,
      errorCode: 91,
      errorLabels: ['RetryableWriteError'],
      writeConcernError: { code: 64, errmsg: 'timeout' },
      blockConnection: true,
      blockTimeMS: 250,
      appName: 'app',
      namespace: 'db.coll',
    });
  });

  it('defaults to matching nothing and doing nothing', () => {
    expect(parseFailCommandData(undefined)).toEqual({
      failCommands: new Set(),
      closeConnection: false,
      blockConnection: false,
      blockTimeMS: 0,
    });
  });

  it.each([
    ['data that is not an object', 5],
    ['failCommands that is a string', { failCommands: 'insert' }],
    ['failCommands with a number', { failCommands: ['insert', 1] }],
    ['errorCode that is a string', { errorCode: '91' }],
    ['closeConnection that is a number', { closeConnection: 1 }],
    ['writeConcernError that is an array', { writeConcernError: [] }],
    ['appName that is a number', { appName: new Double(1) }],
  ])('refuses %s with BadValue', (_what, data) => {
    expect(() => parseFailCommandData(data)).toThrow(expect.objectContaining({ code: 2 }));
  });
});

describe('parsePrimaryWriteData', () => {
  it('closes the connection unless told not to', () => {
    expect(parsePrimaryWriteData(undefined)).toEqual({ closeConnection: true });
    expect(
      parsePrimaryWriteData({ closeConnection: false, failBeforeCommitExceptionCode: 1 }),
    ).toEqual({ closeConnection: false, failBeforeCommitExceptionCode: 1 });
  });
});

describe('codeName', () => {
  it("names injected codes, localdb's own codes, and others Location<code>", () => {
    expect(codeName(91)).toBe('ShutdownInProgress');
    expect(codeName(10107)).toBe('NotWritablePrimary');
    expect(codeName(11000)).toBe('DuplicateKey');
    expect(codeName(123456)).toBe('Location123456');
  });
});
