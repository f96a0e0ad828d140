/**
 * A field snapshot as a height surface: node (i, j) becomes the vertex (x_i, y_j, s·v_ij), each
 * grid cell two triangles wound counter-clockwise seen from +z, normals the area-weighted mean
 * of the adjacent face normals, colours from a colour map over the view's value range. Nodes
 * whose value is not finite sit at z = 0 in grey and belong to no triangle.
 */
import type { FieldSnapshot, FieldView } from '../protocol/service';
import { normalizeInRange, sampleColormap, valueRange, viewColouring, type ValueRange } from './colormap';
import { axisCoordinates, fieldValues, gridSize } from './fieldGrid';

/** An indexed triangle mesh with per-vertex normals and sRGB colours in [0, 1]. */
export interface SurfaceMesh {
  name: string;
  /** xyz per vertex. */
  positions: Float32Array;
  /** Unit normal per vertex. */
  normals: Float32Array;
  /** sRGB per vertex. */
  colors: Float32Array;
  /** Three vertex indices per triangle, counter-clockwise seen from the front. */
  indices: Uint32Array;
}

export interface SurfaceOptions {
  view?: FieldView;
  /** z = heightScale · value; default makes the height span 0.4 × the larger axis span. */
  heightScale?: number;
  /** Colour map name; default viridis, coolwarm for the error view. */
  colormap?: string;
  /** Value range of the colour map; default the values' range, symmetric about 0 for the error view. */
  range?: ValueRange;
}

/** Fraction of the larger axis span that the default height scale gives the surface's height. */
export const DEFAULT_RELATIVE_HEIGHT = 0.4;
const MISSING_COLOR = [0.5, 0.5, 0.5] as const;

/** The height scale s such that s·(max − min) of the values is 0.4 × the larger axis span (1 for a flat field). */
export function defaultHeightScale(snapshot: FieldSnapshot, values: ArrayLike<number>): number {
  const { min, max } = valueRange(values);
  const span = Math.max(...snapshot.axes.map((axis) => Math.abs(axis.max - axis.min)));
  return max > min && span > 0 ? (DEFAULT_RELATIVE_HEIGHT * span) / (max - min) : 1;
}

/** Triangulates one view of a snapshot into a coloured height surface; needs at least 2×2 nodes. */
export function fieldToSurface(snapshot: FieldSnapshot, options: SurfaceOptions = {}): SurfaceMesh {
  const view = options.view ?? 'prediction';
  const { nx, ny } = gridSize(snapshot);
  if (nx < 2 || ny < 2) throw new Error(`a surface needs at least 2×2 grid nodes; the snapshot has ${nx}×${ny}`);
  const values = fieldValues(snapshot, view);
  const scale = options.heightScale ?? defaultHeightScale(snapshot, values);
  const positions = gridPositions(snapshot, values, scale);
  const indices = gridTriangles(snapshot, values);
  return {
    name: `${snapshot.unknown} ${view} at iteration ${snapshot.iteration}`,
    positions,
    normals: vertexNormals(positions, indices),
    colors: vertexColors(values, view, options),
    indices,
  };
}

function gridPositions(snapshot: FieldSnapshot, values: Float32Array, scale: number): Float32Array {
  const xs = axisCoordinates(snapshot.axes[0]);
  const ys = axisCoordinates(snapshot.axes[1]);
  const positions = new Float32Array(values.length * 3);
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) {
      const k = j * xs.length + i;
      const v = values[k];
      positions[3 * k] = xs[i];
      positions[3 * k + 1] = ys[j];
      positions[3 * k + 2] = Number.isFinite(v) ? scale * v : 0;
    }
  }
  return positions;
}

function gridTriangles(snapshot: FieldSnapshot, values: Float32Array): Uint32Array {
  const [ax, ay] = snapshot.axes;
  const nx = ax.n;
  const flipped = (ax.max - ax.min) * (ay.max - ay.min) < 0;
  const triangles: number[] = [];
  const add = (a: number, b: number, c: number) => {
    if (!(Number.isFinite(values[a]) && Number.isFinite(values[b]) && Number.isFinite(values[c]))) return;
    if (flipped) triangles.push(a, c, b);
    else triangles.push(a, b, c);
  };
  for (let j = 0; j + 1 < ay.n; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = j * nx + i;
      add(a, a + 1, a + nx + 1);
      add(a, a + nx + 1, a + nx);
    }
  }
  return Uint32Array.from(triangles);
}

function vertexNormals(positions: Float32Array, indices: Uint32Array): Float32Array {
  const sums = new Float64Array(positions.length);
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [3 * indices[t], 3 * indices[t + 1], 3 * indices[t + 2]];
    const [ux, uy, uz] = [positions[b] - positions[a], positions[b + 1] - positions[a + 1], positions[b + 2] - positions[a + 2]];
    const [vx, vy, vz] = [positions[c] - positions[a], positions[c + 1] - positions[a + 1], positions[c + 2] - positions[a + 2]];
    const n = [uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx];
    for (const k of [a, b, c]) for (let d = 0; d < 3; d++) sums[k + d] += n[d];
  }
  const normals = new Float32Array(positions.length);
  for (let k = 0; k < normals.length; k += 3) {
    const length = Math.hypot(sums[k], sums[k + 1], sums[k + 2]);
    if (length > 0) normals.set([sums[k] / length, sums[k + 1] / length, sums[k + 2] / length], k);
    else normals.set([0, 0, 1], k);
  }
  return normals;
}

function vertexColors(values: Float32Array, view: FieldView, options: SurfaceOptions): Float32Array {
  const { map, range } = viewColouring(view, values, options);
  const colors = new Float32Array(values.length * 3);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    colors.set(Number.isFinite(v) ? sampleColormap(map, normalizeInRange(v, range)) : MISSING_COLOR, 3 * k);
  }
  return colors;
}
