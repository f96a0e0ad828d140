/**
 * The L2 error of the piecewise-linear interpolant of a field on a mesh, measured on a fine
 * uniform grid of cell centres (n × n points): ‖u − I_h u‖ = sqrt(mean (u − I_h u)²), and that
 * over sqrt(mean u²) as the relative error.
 */
import { TriangleLocator } from './triangleLocator';
import type { Box, StructuredMesh } from './structuredMesh';

export interface FineGrid {
  box: Box;
  n: number;
  /** (x, y) per point. */
  points: Float64Array;
  /** The field at the points. */
  values: Float64Array;
}

export interface InterpolationError {
  l2: number;
  relL2: number;
  max: number;
}

/** The n × n cell centres of the box, those `inside` keeps (all by default: a hole's points are left out). */
export function fineGrid(box: Box, n: number, value: (x: number, y: number) => number, inside: (x: number, y: number) => boolean = () => true): FineGrid {
  const points: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const x = box.min[0] + ((i + 0.5) / n) * (box.max[0] - box.min[0]);
      const y = box.min[1] + ((j + 0.5) / n) * (box.max[1] - box.min[1]);
      if (!inside(x, y)) continue;
      points.push(x, y);
      values.push(value(x, y));
    }
  }
  return { box, n, points: Float64Array.from(points), values: Float64Array.from(values) };
}

/** Values of the field at the mesh's nodes. */
export function nodeValues(mesh: StructuredMesh, value: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(mesh.nodes.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = value(mesh.nodes[2 * k], mesh.nodes[2 * k + 1]);
  return out;
}

export function interpolationError(mesh: StructuredMesh, values: ArrayLike<number>, grid: FineGrid): InterpolationError {
  const interpolant = new TriangleLocator(mesh).interpolate(values, grid.points);
  let [sum, norm, max] = [0, 0, 0];
  for (let k = 0; k < interpolant.length; k++) {
    // A point no triangle covers (a mesh that left the box) counts as the whole value missing.
    const e = Number.isFinite(interpolant[k]) ? interpolant[k] - grid.values[k] : grid.values[k];
    sum += e * e;
    norm += grid.values[k] * grid.values[k];
    max = Math.max(max, Math.abs(e));
  }
  const l2 = Math.sqrt(sum / interpolant.length);
  return { l2, relL2: norm > 0 ? Math.sqrt(sum / norm) : l2, max };
}
