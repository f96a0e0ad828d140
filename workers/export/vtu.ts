/**
 * A field snapshot as a VTK XML UnstructuredGrid (.vtu), the format ParaView and meshio read.
 * Points are (axes[0], axes[1], z) where z is the first non-time fixed coordinate of the slice
 * (0 when there is none); cells are VTK_QUAD (9), lines or vertices for a degenerate grid.
 * Point arrays: prediction, exact and error (= prediction − exact) where the exact solution is
 * known, each unknown of a system and the velocity vector (systemArrays), plus each axis
 * coordinate under its own name. Field arrays hold the iteration and the
 * fixed coordinates. Binary arrays are base64 of a UInt32 byte count followed by little-endian data.
 */
import type { FieldSnapshot } from '../protocol/service';
import { base64Encode } from './base64';
import { axisCoordinates, availableViews, fieldValues, gridSize } from './fieldGrid';
import { float32Text } from './numberText';
import { xmlCommentText, xmlEscape } from './xmlText';

export type VtuEncoding = 'binary' | 'ascii';

export interface VtuOptions {
  /** 'binary' (default: exact float32 values, NaN kept) or 'ascii' (readable; floats round-trip float32). */
  encoding?: VtuEncoding;
}

const VTK_VERTEX = 1;
const VTK_LINE = 3;
const VTK_QUAD = 9;
const TIME_NAMES = new Set(['t', 'time']);

type VtkType = 'Float32' | 'Float64' | 'Int32' | 'UInt8';

export interface DataArray {
  name: string;
  type: VtkType;
  components: number;
  values: ArrayLike<number>;
}

/** VTU file bytes for a snapshot: quad grid with prediction/exact/error point arrays. */
export function fieldToVtu(snapshot: FieldSnapshot, options: VtuOptions = {}): Uint8Array {
  const encoding = options.encoding ?? 'binary';
  const { nx, ny } = gridSize(snapshot);
  const [ax, ay] = snapshot.axes;
  const depth = sliceDepth(snapshot);
  const { points, xArray, yArray } = gridPoints(snapshot, depth.value);
  const views = availableViews(snapshot);
  const pointArrays: DataArray[] = views.map((view) => ({ name: view, type: 'Float32', components: 1, values: fieldValues(snapshot, view) }));
  pointArrays.push(...systemArrays(snapshot, nx * ny));
  const taken = new Set<string>(pointArrays.map((a) => a.name));
  for (const [axis, values] of [[ax, xArray], [ay, yArray]] as const) {
    const name = taken.has(axis.name) ? `axis_${axis.name}` : axis.name;
    taken.add(name);
    pointArrays.push({ name, type: 'Float64', components: 1, values });
  }
  const fieldArrays: DataArray[] = [
    { name: 'iteration', type: 'Int32', components: 1, values: [snapshot.iteration] },
    ...Object.entries(snapshot.fixed).map(([name, value]): DataArray => ({ name: `fixed_${name}`, type: 'Float64', components: 1, values: [value] })),
  ];
  const cells = gridCells(nx, ny);
  const placement = `axes ${ax.name} → X, ${ay.name} → Y, ${depth.description}`;
  return unstructuredGridVtu(
    { comment: `field '${snapshot.unknown}' at iteration ${snapshot.iteration}; ${placement}`, fieldData: fieldArrays, pointData: pointArrays, points, cells },
    encoding,
  );
}

/** One piece of an UnstructuredGrid: what fieldToVtu and the moved-mesh export (movedMesh.ts) write. */
export interface UnstructuredPiece {
  /** Text of the XML comment that says what the file holds. */
  comment: string;
  /** Arrays of the whole dataset (not per point), if any. */
  fieldData?: DataArray[];
  /** Point arrays; the first is the active scalars. */
  pointData: DataArray[];
  /** x, y, z per point. */
  points: Float64Array;
  cells: { connectivity: Int32Array; offsets: Int32Array; types: Uint8Array };
}

export function unstructuredGridVtu(piece: UnstructuredPiece, encoding: VtuEncoding): Uint8Array {
  const write = (array: DataArray, indent: string) => dataArrayXml(array, encoding, indent);
  const { fieldData, pointData, points, cells } = piece;
  const xml = [
    '<?xml version="1.0"?>',
    `<!-- ${xmlCommentText(piece.comment)} -->`,
    '<VTKFile type="UnstructuredGrid" version="1.0" byte_order="LittleEndian" header_type="UInt32">',
    '  <UnstructuredGrid>',
    ...(fieldData ? ['    <FieldData>', ...fieldData.map((a) => write(a, '      ')), '    </FieldData>'] : []),
    `    <Piece NumberOfPoints="${points.length / 3}" NumberOfCells="${cells.types.length}">`,
    `      <PointData Scalars="${pointData[0].name}">`,
    ...pointData.map((a) => write(a, '        ')),
    '      </PointData>',
    '      <Points>',
    write({ name: 'Points', type: 'Float64', components: 3, values: points }, '        '),
    '      </Points>',
    '      <Cells>',
    write({ name: 'connectivity', type: 'Int32', components: 1, values: cells.connectivity }, '        '),
    write({ name: 'offsets', type: 'Int32', components: 1, values: cells.offsets }, '        '),
    write({ name: 'types', type: 'UInt8', components: 1, values: cells.types }, '        '),
    '      </Cells>',
    '    </Piece>',
    '  </UnstructuredGrid>',
    '</VTKFile>',
    '',
  ].join('\n');
  return new TextEncoder().encode(xml);
}

/**
 * For systems: each unknown as its own array, `velocity` as a 3-component vector (u, v, 0) when
 * the unknowns include u and v (ParaView's glyphs and stream tracers read it), and `inDomain`
 * (1 in the fluid, 0 inside a hole) to threshold holes away.
 */
function systemArrays(snapshot: FieldSnapshot, count: number): DataArray[] {
  const arrays: DataArray[] = [];
  const fields = snapshot.fields ?? {};
  for (const [name, values] of Object.entries(fields)) {
    if (values.length !== count) throw new Error(`snapshot.fields.${name}: has ${values.length} values, expected ${count}`);
    arrays.push({ name: `field_${name}`, type: 'Float32', components: 1, values });
  }
  if (fields.u && fields.v) {
    const velocity = new Float32Array(3 * count);
    for (let i = 0; i < count; i++) {
      velocity[3 * i] = fields.u[i];
      velocity[3 * i + 1] = fields.v[i];
    }
    arrays.push({ name: 'velocity', type: 'Float32', components: 3, values: velocity });
  }
  if (snapshot.inDomain) arrays.push({ name: 'inDomain', type: 'UInt8', components: 1, values: snapshot.inDomain });
  return arrays;
}

/** Node positions (x, y, depth), and each node's x and y alone as arrays to colour by. */
function gridPoints(snapshot: FieldSnapshot, depth: number): { points: Float64Array; xArray: Float64Array; yArray: Float64Array } {
  const xs = axisCoordinates(snapshot.axes[0]);
  const ys = axisCoordinates(snapshot.axes[1]);
  const count = xs.length * ys.length;
  const [points, xArray, yArray] = [new Float64Array(3 * count), new Float64Array(count), new Float64Array(count)];
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) {
      const k = j * xs.length + i;
      points.set([xs[i], ys[j], depth], 3 * k);
      xArray[k] = xs[i];
      yArray[k] = ys[j];
    }
  }
  return { points, xArray, yArray };
}

function sliceDepth(snapshot: FieldSnapshot): { value: number; description: string } {
  const entry = Object.entries(snapshot.fixed).find(([name]) => !TIME_NAMES.has(name));
  if (!entry) return { value: 0, description: 'Z = 0' };
  return { value: entry[1], description: `${entry[0]} = ${entry[1]} → Z` };
}

interface GridCells {
  connectivity: Int32Array;
  offsets: Int32Array;
  types: Uint8Array;
}

/** Quads over an nx×ny grid, counter-clockwise in (axes[0], axes[1]); lines or vertices when an axis has one node. */
function gridCells(nx: number, ny: number): GridCells {
  if (nx >= 2 && ny >= 2) {
    const count = (nx - 1) * (ny - 1);
    const connectivity = new Int32Array(4 * count);
    let c = 0;
    for (let j = 0; j + 1 < ny; j++) {
      for (let i = 0; i + 1 < nx; i++) {
        const a = j * nx + i;
        connectivity.set([a, a + 1, a + nx + 1, a + nx], 4 * c++);
      }
    }
    return uniformCells(connectivity, 4, VTK_QUAD);
  }
  const n = nx * ny;
  if (n >= 2) {
    const connectivity = new Int32Array(2 * (n - 1));
    for (let k = 0; k + 1 < n; k++) connectivity.set([k, k + 1], 2 * k);
    return uniformCells(connectivity, 2, VTK_LINE);
  }
  return uniformCells(new Int32Array([0]), 1, VTK_VERTEX);
}

function uniformCells(connectivity: Int32Array, size: number, type: number): GridCells {
  const count = connectivity.length / size;
  const offsets = new Int32Array(count);
  for (let c = 0; c < count; c++) offsets[c] = (c + 1) * size;
  return { connectivity, offsets, types: new Uint8Array(count).fill(type) };
}

export function dataArrayXml(array: DataArray, encoding: VtuEncoding, indent: string): string {
  const components = array.components > 1 ? ` NumberOfComponents="${array.components}"` : '';
  const tuples = ` NumberOfTuples="${array.values.length / array.components}"`;
  const head = `${indent}<DataArray type="${array.type}" Name="${xmlEscape(array.name)}"${components}${tuples} format="${encoding}"`;
  const range = valueRangeAttributes(array);
  const body = encoding === 'binary' ? base64Encode(binaryBlock(array)) : asciiValues(array, `${indent}  `);
  return `${head}${range}>\n${indent}  ${body}\n${indent}</DataArray>`;
}

function valueRangeAttributes(array: DataArray): string {
  if (array.components !== 1 || array.values.length === 0) return '';
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < array.values.length; i++) {
    const v = array.values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? ` RangeMin="${rangeText(array.type, min)}" RangeMax="${rangeText(array.type, max)}"` : '';
}

function rangeText(type: VtkType, value: number): string {
  return type === 'Float32' ? float32Text(value) : String(value);
}

const BYTES: Record<VtkType, number> = { Float32: 4, Float64: 8, Int32: 4, UInt8: 1 };

function binaryBlock(array: DataArray): Uint8Array {
  const size = BYTES[array.type];
  const byteCount = array.values.length * size;
  const bytes = new Uint8Array(4 + byteCount);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, byteCount, true);
  const setters: Record<VtkType, (offset: number, v: number) => void> = {
    Float32: (o, v) => view.setFloat32(o, v, true),
    Float64: (o, v) => view.setFloat64(o, v, true),
    Int32: (o, v) => view.setInt32(o, v, true),
    UInt8: (o, v) => view.setUint8(o, v),
  };
  const set = setters[array.type];
  for (let i = 0; i < array.values.length; i++) set(4 + i * size, array.values[i]);
  return bytes;
}

function asciiValues(array: DataArray, indent: string): string {
  const text = (v: number): string => {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return array.type === 'Float32' ? float32Text(v) : String(v);
  };
  const perLine = array.components > 1 ? array.components * 4 : 12;
  const lines: string[] = [];
  for (let start = 0; start < array.values.length; start += perLine) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(start + perLine, array.values.length); i++) parts.push(text(array.values[i]));
    lines.push(parts.join(' '));
  }
  return lines.join(`\n${indent}`);
}
