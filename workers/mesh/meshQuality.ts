/**
 * Quality of a (moved) mesh. A cell is inverted when any corner turns clockwise: the cross
 * product of its two edges at that corner is ≤ 0 (for a triangle this is its signed area). Area
 * ratios compare cells with the mean cell (min) and with their neighbours across each inner edge
 * (mean of larger / smaller); the aspect ratio of a cell is its longest edge over its shortest.
 */
import { verticesPerCell, type StructuredMesh } from './structuredMesh';

export interface MeshQuality {
  cells: number;
  invertedCells: number;
  /** Smallest cell area over the mean cell area. */
  minAreaRatio: number;
  /** Largest cell area over the mean cell area. */
  maxAreaRatio: number;
  /** Mean over inner edges of (larger / smaller) area of the two cells sharing the edge (1 for a uniform mesh). */
  meanNeighbourAreaRatio: number;
  meanAspectRatio: number;
  maxAspectRatio: number;
}

/** Signed areas by the shoelace formula (positive for counter-clockwise cells). */
export function cellAreas(mesh: StructuredMesh): Float64Array {
  const k = verticesPerCell(mesh.type);
  const { nodes, connectivity } = mesh;
  const areas = new Float64Array(connectivity.length / k);
  for (let c = 0; c < areas.length; c++) {
    let twice = 0;
    for (let v = 0; v < k; v++) {
      const a = connectivity[c * k + v];
      const b = connectivity[c * k + ((v + 1) % k)];
      twice += nodes[2 * a] * nodes[2 * b + 1] - nodes[2 * b] * nodes[2 * a + 1];
    }
    areas[c] = twice / 2;
  }
  return areas;
}

/** Whether cell c has a corner with a non-positive turn (zero-area corners count as inverted). */
export function isCellInverted(mesh: StructuredMesh, c: number): boolean {
  const k = verticesPerCell(mesh.type);
  const { nodes, connectivity } = mesh;
  for (let v = 0; v < k; v++) {
    const p = connectivity[c * k + ((v + k - 1) % k)];
    const q = connectivity[c * k + v];
    const r = connectivity[c * k + ((v + 1) % k)];
    const cross = (nodes[2 * q] - nodes[2 * p]) * (nodes[2 * r + 1] - nodes[2 * q + 1]) - (nodes[2 * q + 1] - nodes[2 * p + 1]) * (nodes[2 * r] - nodes[2 * q]);
    if (!(cross > 0)) return true;
  }
  return false;
}

export function countInvertedCells(mesh: StructuredMesh): number {
  const count = mesh.connectivity.length / verticesPerCell(mesh.type);
  let inverted = 0;
  for (let c = 0; c < count; c++) if (isCellInverted(mesh, c)) inverted++;
  return inverted;
}

export function meshQuality(mesh: StructuredMesh): MeshQuality {
  const k = verticesPerCell(mesh.type);
  const { nodes, connectivity } = mesh;
  const areas = cellAreas(mesh);
  const cells = areas.length;
  const mean = areas.reduce((s, a) => s + a, 0) / cells;
  let [minArea, maxArea, aspectSum, maxAspect] = [Infinity, -Infinity, 0, 0];
  for (let c = 0; c < cells; c++) {
    minArea = Math.min(minArea, areas[c]);
    maxArea = Math.max(maxArea, areas[c]);
    let [shortest, longest] = [Infinity, 0];
    for (let v = 0; v < k; v++) {
      const a = connectivity[c * k + v];
      const b = connectivity[c * k + ((v + 1) % k)];
      const length = Math.hypot(nodes[2 * b] - nodes[2 * a], nodes[2 * b + 1] - nodes[2 * a + 1]);
      shortest = Math.min(shortest, length);
      longest = Math.max(longest, length);
    }
    const aspect = shortest > 0 ? longest / shortest : Infinity;
    aspectSum += aspect;
    maxAspect = Math.max(maxAspect, aspect);
  }
  return {
    cells,
    invertedCells: countInvertedCells(mesh),
    minAreaRatio: minArea / mean,
    maxAreaRatio: maxArea / mean,
    meanNeighbourAreaRatio: meanNeighbourAreaRatio(mesh, areas),
    meanAspectRatio: aspectSum / cells,
    maxAspectRatio: maxAspect,
  };
}

function meanNeighbourAreaRatio(mesh: StructuredMesh, areas: Float64Array): number {
  const k = verticesPerCell(mesh.type);
  const firstCell = new Map<number, number>();
  const nodeCount = mesh.nodes.length / 2;
  let [sum, edges] = [0, 0];
  for (let c = 0; c < areas.length; c++) {
    for (let v = 0; v < k; v++) {
      const a = mesh.connectivity[c * k + v];
      const b = mesh.connectivity[c * k + ((v + 1) % k)];
      const key = Math.min(a, b) * nodeCount + Math.max(a, b);
      const other = firstCell.get(key);
      if (other === undefined) {
        firstCell.set(key, c);
        continue;
      }
      const [small, large] = [Math.min(areas[c], areas[other]), Math.max(areas[c], areas[other])];
      sum += small > 0 ? large / small : Infinity;
      edges++;
    }
  }
  return edges > 0 ? sum / edges : 1;
}
