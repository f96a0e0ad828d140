/**
 * Reads back the VTU files this app writes (vtu.ts): the point arrays by name, and for a field
 * snapshot its regular grid (nodes row by row in x, then y). Binary arrays are base64 of a UInt32
 * byte count and little-endian data; ascii arrays are whitespace-separated numbers.
 */
import { base64Decode } from './base64';
import type { GridAxis } from '../mesh/gridField';

export interface VtuArrays {
  points: Float64Array;
  pointData: Map<string, Float64Array>;
  fieldData: Map<string, Float64Array>;
}

const ARRAY = /<DataArray\s([^>]*)>([\s\S]*?)<\/DataArray>/g;
const SECTION = /<(PointData|FieldData|Points)\b[^>]*>([\s\S]*?)<\/\1>/g;

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];
}

function decodeArray(attributes: string, body: string): Float64Array {
  const type = attribute(attributes, 'type') ?? 'Float64';
  if (attribute(attributes, 'format') === 'ascii') {
    return Float64Array.from(body.trim().split(/\s+/).filter(Boolean), (t) => (t === 'nan' ? NaN : t === 'inf' ? Infinity : t === '-inf' ? -Infinity : Number(t)));
  }
  const bytes = base64Decode(body.trim());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byteCount = view.getUint32(0, true);
  const read: Record<string, [number, (o: number) => number]> = {
    Float32: [4, (o) => view.getFloat32(o, true)],
    Float64: [8, (o) => view.getFloat64(o, true)],
    Int32: [4, (o) => view.getInt32(o, true)],
    UInt8: [1, (o) => view.getUint8(o)],
  };
  const entry = read[type];
  if (!entry) throw new Error(`unsupported VTU array type '${type}'`);
  const [size, get] = entry;
  if (4 + byteCount > bytes.length) throw new Error(`VTU array '${attribute(attributes, 'Name')}': ${byteCount} bytes announced, ${bytes.length - 4} present`);
  return Float64Array.from({ length: byteCount / size }, (_, i) => get(4 + i * size));
}

export function readVtu(text: string): VtuArrays {
  if (!text.includes('<VTKFile') || !text.includes('UnstructuredGrid')) throw new Error('not a VTK UnstructuredGrid (.vtu) file');
  const out: VtuArrays = { points: new Float64Array(0), pointData: new Map(), fieldData: new Map() };
  for (const [, section, content] of text.matchAll(SECTION)) {
    for (const [, attributes, body] of content.matchAll(ARRAY)) {
      const values = decodeArray(attributes, body);
      if (section === 'Points') out.points = values;
      else (section === 'PointData' ? out.pointData : out.fieldData).set(attribute(attributes, 'Name') ?? '', values);
    }
  }
  if (out.points.length === 0) throw new Error('the VTU file has no points');
  return out;
}

/** The regular grid of a snapshot VTU: nodes row by row (x fastest). */
export function vtuGrid(points: Float64Array): [GridAxis, GridAxis] {
  const count = points.length / 3;
  let nx = 1;
  while (nx < count && points[3 * nx + 1] === points[1]) nx++;
  const ny = count / nx;
  if (!Number.isInteger(ny) || nx < 2 || ny < 2) throw new Error(`the VTU points are not a regular 2D grid (${count} points, ${nx} in the first row)`);
  return [
    { min: points[0], max: points[3 * (nx - 1)], n: nx },
    { min: points[1], max: points[3 * (count - 1) + 1], n: ny },
  ];
}
