/**
 * PNG encoding (ISO/IEC 15948) of 8-bit RGBA images: signature, IHDR, one zlib IDAT (fflate),
 * IEND, each chunk closed by its CRC-32. Each row gets the filter (None, Sub, Up, Average, Paeth)
 * with the least sum of absolute residuals, the spec's recommended heuristic.
 */
import { zlibSync } from 'fflate';

/** An 8-bit RGBA image, rows top to bottom, four bytes per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CRC_TABLE = makeCrcTable();

function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (ISO 3309, as PNG uses) of bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** PNG file bytes of an RGBA image. */
export function encodePng(image: RgbaImage): Uint8Array {
  const { width, height, data } = image;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new Error(`PNG size must be positive integers, got ${width}×${height}`);
  }
  if (data.length !== width * height * 4) throw new Error(`PNG data has ${data.length} bytes, expected ${width}×${height}×4`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, adaptive filtering, no interlace
  const chunks = [chunk('IHDR', header), chunk('IDAT', zlibSync(filterRows(image), { level: 6 })), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(SIGNATURE);
  let offset = SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(12 + body.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) bytes[4 + i] = type.charCodeAt(i);
  bytes.set(body, 8);
  view.setUint32(8 + body.length, crc32(bytes.subarray(4, 8 + body.length)));
  return bytes;
}

function filterRows({ width, height, data }: RgbaImage): Uint8Array {
  const stride = width * 4;
  const out = new Uint8Array(height * (stride + 1));
  const zeros = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? data.subarray((y - 1) * stride, y * stride) : zeros;
    const type = bestFilter(row, above);
    out[y * (stride + 1)] = type;
    writeResiduals(type, row, above, out.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
  }
  return out;
}

/** The filter type whose residuals, read as signed bytes, have the least sum of magnitudes. */
function bestFilter(row: Uint8Array, above: Uint8Array): number {
  let [none, sub, upward, average, paethCost] = [0, 0, 0, 0, 0];
  for (let i = 0; i < row.length; i++) {
    const x = row[i];
    const left = i >= 4 ? row[i - 4] : 0;
    const up = above[i];
    none += magnitude(x);
    sub += magnitude(x - left);
    upward += magnitude(x - up);
    average += magnitude(x - ((left + up) >> 1));
    paethCost += magnitude(x - paeth(left, up, i >= 4 ? above[i - 4] : 0));
  }
  const costs = [none, sub, upward, average, paethCost];
  return costs.indexOf(Math.min(...costs));
}

function magnitude(residual: number): number {
  const r = residual & 0xff;
  return r < 128 ? r : 256 - r;
}

function writeResiduals(type: number, row: Uint8Array, above: Uint8Array, residual: Uint8Array): void {
  for (let i = 0; i < row.length; i++) {
    const left = i >= 4 ? row[i - 4] : 0;
    const up = above[i];
    const prediction = type === 1 ? left : type === 2 ? up : type === 3 ? (left + up) >> 1 : type === 4 ? paeth(left, up, i >= 4 ? above[i - 4] : 0) : 0;
    residual[i] = row[i] - prediction;
  }
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const pa = p > left ? p - left : left - p;
  const pb = p > up ? p - up : up - p;
  const pc = p > upLeft ? p - upLeft : upLeft - p;
  return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
}
