/**
 * How well a mesh equidistributes a monitor: on each cell, m(centroid)·area / (uniform cell area)
 * is 1 at equidistribution (∫_cell m dx = |Ω| / cells); the RMS of its deviation over the cells.
 */
import type { Monitor } from './monitor';
import type { StructuredMesh } from './structuredMesh';

/** Equidistribution on cells: RMS over cells of m(centroid)·area / (uniform cell area) − 1. */
export function cellEquidistributionResidual(mesh: StructuredMesh, monitor: Monitor, areas: Float64Array): number {
  const k = mesh.type === 'quad' ? 4 : 3;
  // The domain's area over the cell count (a box's, or a box minus a disk's).
  const uniformArea = areas.reduce((s, a) => s + a, 0) / areas.length;
  let sum = 0;
  const point = [0, 0];
  for (let c = 0; c < areas.length; c++) {
    point[0] = 0;
    point[1] = 0;
    for (let v = 0; v < k; v++) {
      const node = mesh.connectivity[c * k + v];
      point[0] += mesh.nodes[2 * node] / k;
      point[1] += mesh.nodes[2 * node + 1] / k;
    }
    sum += ((monitor.value(point) * areas[c]) / uniformArea - 1) ** 2;
  }
  return Math.sqrt(sum / areas.length);
}
