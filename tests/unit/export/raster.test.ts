import { describe, expect, it } from 'vitest';
import { CELL_HEIGHT, CELL_WIDTH, glyphRows } from '../../../workers/export/bitmapFont';
import { RasterImage } from '../../../workers/export/raster';
import { decodePng, pixelAt } from './pngDecoder';

const BLACK = [0, 0, 0, 255] as const;
const isInk = (image: RasterImage, x: number, y: number) => image.pixel(x, y)[0] < 128;

describe('RasterImage', () => {
  it('starts filled with its background', () => {
    expect(new RasterImage(3, 2, [10, 20, 30, 255]).pixel(2, 1)).toEqual([10, 20, 30, 255]);
  });

  it('fills rectangles, blending fractional edges and translucent colours', () => {
    const image = new RasterImage(10, 10);
    image.fillRect(2, 2, 3, 3, [255, 0, 0, 255]);
    expect(image.pixel(3, 3)).toEqual([255, 0, 0, 255]);
    expect(image.pixel(5, 3)).toEqual([255, 255, 255, 255]);
    image.fillRect(6.5, 0, 1, 1, BLACK);
    expect(image.pixel(6, 0)).toEqual([128, 128, 128, 255]);
    image.fillRect(8, 8, 1, 1, [0, 0, 255, 128]);
    expect(image.pixel(8, 8)).toEqual([127, 127, 255, 255]);
  });

  it('draws a 2-px line solid along its centre and anti-aliased at its edge', () => {
    const image = new RasterImage(40, 20);
    image.strokePolyline([[5, 10], [35, 10]], BLACK, 2);
    expect(image.pixel(20, 9)).toEqual([0, 0, 0, 255]);
    expect(image.pixel(20, 10)).toEqual([0, 0, 0, 255]);
    expect(image.pixel(20, 13)).toEqual([255, 255, 255, 255]);
    const diagonal = new RasterImage(40, 40);
    diagonal.strokePolyline([[5, 5], [35, 30]], BLACK, 1.5);
    const grey = diagonal.data.filter((v, k) => k % 4 === 0 && v > 0 && v < 255).length;
    expect(grey).toBeGreaterThan(10);
  });

  it('leaves gaps in dashed lines', () => {
    const image = new RasterImage(60, 10);
    image.strokePolyline([[0, 5], [60, 5]], BLACK, 2, [10, 10]);
    expect(isInk(image, 5, 5)).toBe(true);
    expect(isInk(image, 15, 5)).toBe(false);
    expect(isInk(image, 25, 5)).toBe(true);
  });

  it('draws text from the bitmap font at integer scales', () => {
    const image = new RasterImage(40, 30);
    image.drawText('H', 2, 2, BLACK, { scale: 2 });
    // 'H' has ink in its first column on rows 1–7 and nothing in row 0.
    expect(isInk(image, 2, 2)).toBe(false);
    expect(isInk(image, 2, 2 + 2 * 1)).toBe(true);
    expect(isInk(image, 3, 2 + 2 * 7 + 1)).toBe(true);
    expect(isInk(image, 2 + 2 * 2, 2 + 2 * 2)).toBe(false);
  });

  it('turns vertical text to read bottom to top', () => {
    const image = new RasterImage(20, 20);
    image.drawText('L', 0, 0, BLACK);
    // L's upright stroke (column 0) becomes the bottom row of the box; its foot (row 7) the right side.
    const vertical = new RasterImage(20, 20);
    vertical.drawText('L', 0, 0, BLACK, { vertical: true });
    expect(isInk(vertical, 3, 5 - 1)).toBe(true);
    expect(isInk(vertical, 7, 0)).toBe(true);
    expect(isInk(image, 0, 3)).toBe(true);
  });

  it('encodes itself as a PNG of its size', () => {
    const image = new RasterImage(13, 7, [0, 128, 255, 255]);
    const png = decodePng(image.toPng());
    expect([png.width, png.height]).toEqual([13, 7]);
    expect(pixelAt(png, 12, 6)).toEqual([0, 128, 255, 255]);
  });
});

describe('bitmapFont', () => {
  it('has a 5×10 glyph for every printable ASCII character, blank only for space', () => {
    for (let code = 32; code <= 126; code++) {
      const ch = String.fromCharCode(code);
      const rows = glyphRows(ch);
      expect(rows).toHaveLength(CELL_HEIGHT);
      expect(rows.every((r) => r >= 0 && r < 1 << (CELL_WIDTH - 1))).toBe(true);
      expect(rows.some((r) => r !== 0)).toBe(ch !== ' ');
    }
  });

  it('draws characters outside ASCII as a question mark', () => {
    expect(glyphRows('ω')).toEqual(glyphRows('?'));
  });

  it('gives different glyphs to characters that are easy to confuse', () => {
    const pairs = ['1l', '.,', ':;', 'Il', '5S', '8B', '-_'];
    for (const [a, b] of pairs) expect(glyphRows(a)).not.toEqual(glyphRows(b));
  });
});
