import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode } from '../../../workers/export/base64';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('base64', () => {
  it('encodes the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      expect(base64Encode(bytes(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base64Decode(encoded))).toBe(plain);
    }
  });

  it('round-trips every byte value across its internal chunk boundary', () => {
    const data = Uint8Array.from({ length: 3 * 4096 + 7 }, (_, k) => (k * 37) % 256);
    expect(base64Decode(base64Encode(data))).toEqual(data);
    expect(base64Encode(data)).toBe(Buffer.from(data).toString('base64'));
  });
});
