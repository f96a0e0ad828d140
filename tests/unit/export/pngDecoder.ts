/** An independent PNG reader for tests: chunk walk, bitwise CRC-32, inflate (fflate), unfiltering. */
import { unzlibSync } from 'fflate';

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  chunkTypes: string[];
  /** RGBA bytes, rows top to bottom. */
  pixels: Uint8Array;
}

/** CRC-32 computed bit by bit (no table), to check the encoder's table-driven one. */
export function bitwiseCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG; throws on a bad signature or CRC. */
export function decodePng(png: Uint8Array): DecodedPng {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => png[i] === b)) throw new Error('bad PNG signature');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunkTypes: string[] = [];
  const idat: Uint8Array[] = [];
  let header: Uint8Array | undefined;
  for (let offset = 8; offset < png.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = view.getUint32(offset + 8 + length);
    if (crc !== bitwiseCrc32(png.subarray(offset + 4, offset + 8 + length))) throw new Error(`bad CRC in ${type}`);
    chunkTypes.push(type);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const hv = new DataView(header.buffer, header.byteOffset, 13);
  const [width, height, bitDepth, colorType] = [hv.getUint32(0), hv.getUint32(4), header[8], header[9]];
  const compressed = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  idat.reduce((at, c) => (compressed.set(c, at), at + c.length), 0);
  const raw = unzlibSync(compressed);
  const stride = width * 4;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const r = raw[y * (stride + 1) + 1 + i];
      const a = i >= 4 ? pixels[y * stride + i - 4] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const c = i >= 4 && y > 0 ? pixels[(y - 1) * stride + i - 4] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const prediction = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + i] = (r + prediction) & 0xff;
    }
  }
  return { width, height, bitDepth, colorType, chunkTypes, pixels };
}

/** The RGBA bytes of pixel (x, y). */
export function pixelAt(png: DecodedPng, x: number, y: number): number[] {
  const i = 4 * (y * png.width + x);
  return [...png.pixels.subarray(i, i + 4)];
}
