import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from '../../../workers/export/png';
import { bitwiseCrc32, decodePng, pixelAt } from './pngDecoder';

function gradientImage(width: number, height: number) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([(x * 255) / (width - 1), (y * 255) / (height - 1), (x * y) % 256, x === y ? 128 : 255], 4 * (y * width + x));
  }
  return { width, height, data };
}

describe('encodePng', () => {
  it('computes the CRC-32 check value of "123456789"', () => {
    const bytes = new TextEncoder().encode('123456789');
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(bitwiseCrc32(bytes)).toBe(0xcbf43926);
  });

  it('writes the signature, IHDR, IDAT and IEND with valid CRCs', () => {
    const png = decodePng(encodePng(gradientImage(17, 9)));
    expect(png.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.width, png.height, png.bitDepth, png.colorType]).toEqual([17, 9, 8, 6]);
  });

  it('decodes back to the same RGBA bytes', () => {
    const image = gradientImage(31, 12);
    const png = decodePng(encodePng(image));
    expect(png.pixels).toEqual(image.data);
    expect(pixelAt(png, 3, 3)).toEqual([Math.floor((3 * 255) / 30), Math.floor((3 * 255) / 11), 9, 128]);
  });

  it('rejects data whose length does not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(15) })).toThrow('PNG data has 15 bytes, expected 2×2×4');
  });
});
