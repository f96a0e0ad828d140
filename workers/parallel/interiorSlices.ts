/** How a data-parallel method cuts its interior points among threads (the first thread also keeps every boundary point). */
import type { Collocation } from '../problems/collocation';

/**
 * Interior slice sizes: the first (the owner's) is smaller by about the boundary's share of the
 * work, a boundary point costing about a third of an interior one (no second derivatives).
 */
export function sliceSizes(interior: number, boundaryPoints: number, slices: number): number[] {
  const boundaryShare = boundaryPoints / 3;
  const first = Math.max(0, Math.min(interior, Math.round((interior + boundaryShare) / slices - boundaryShare)));
  const rest = interior - first;
  const sizes = [first];
  for (let s = 1; s < slices; s++) sizes.push(Math.floor((rest * s) / (slices - 1)) - Math.floor((rest * (s - 1)) / (slices - 1)));
  return sizes;
}

export interface InteriorSlices {
  /** Consecutive views of the interior points, one per thread. */
  slices: Float64Array[];
  /** All interior points: what the slices' means divide by, so that their parts add up. */
  interiorCount: number;
}

export function sliceInterior(points: Collocation, dimensions: number, threads: number): InteriorSlices {
  const interiorCount = points.interior.length / dimensions;
  const boundaryPoints = points.boundary.reduce((n, b) => n + b.length / dimensions, 0) + points.periodic.reduce((n, p) => n + (2 * p.lower.length) / dimensions, 0);
  let start = 0;
  const slices = sliceSizes(interiorCount, boundaryPoints, threads).map((size) => points.interior.subarray(dimensions * start, dimensions * (start += size)));
  return { slices, interiorCount };
}
