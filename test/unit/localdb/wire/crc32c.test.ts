import { describe, expect, it } from 'vitest';
import { crc32c } from '#localdb/wire/crc32c.ts';

describe('crc32c', () => {
  it('matches the CRC-32C check value of "123456789"', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('matches RFC 3720 vectors (32 zero bytes, 32 0xFF bytes)', () => {
    expect(crc32c(Buffer.alloc(32, 0))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
  });

  it('is 0 for no bytes', () => {
    expect(crc32c(new Uint8Array())).toBe(0);
  });
});
