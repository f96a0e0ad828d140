/**
 * A moved mesh as the app draws it over the field: node positions (float32), cells, and a quality
 * per cell, its shortest edge over its longest (1 for a square, towards 0 for a sliver; −1 for an
 * inverted cell). A mesh-mover run's final snapshot also carries a side-by-side of meshes (the
 * uniform one, the classical mover's, the neural mover's) with their interpolation errors.
 */
import { isCellInverted } from './meshQuality';
import { verticesPerCell, type CellType, type StructuredMesh } from './structuredMesh';

export interface MeshOverlay {
  type: CellType;
  /** (x, y) per node. */
  nodes: Float32Array;
  connectivity: Uint32Array;
  /** Per cell: shortest / longest edge, −1 where the cell is inverted. */
  quality: Float32Array;
  invertedCells: number;
}

export interface MeshComparisonEntry {
  label: 'uniform' | 'classical' | 'neural';
  /** Relative L2 error of the field's piecewise-linear interpolant on this mesh. */
  relL2: number;
  overlay: MeshOverlay;
}

export function meshOverlay(mesh: StructuredMesh): MeshOverlay {
  const k = verticesPerCell(mesh.type);
  const count = mesh.connectivity.length / k;
  const quality = new Float32Array(count);
  let invertedCells = 0;
  for (let c = 0; c < count; c++) {
    if (isCellInverted(mesh, c)) {
      quality[c] = -1;
      invertedCells++;
      continue;
    }
    let [shortest, longest] = [Infinity, 0];
    for (let v = 0; v < k; v++) {
      const [a, b] = [mesh.connectivity[c * k + v], mesh.connectivity[c * k + ((v + 1) % k)]];
      const length = Math.hypot(mesh.nodes[2 * b] - mesh.nodes[2 * a], mesh.nodes[2 * b + 1] - mesh.nodes[2 * a + 1]);
      shortest = Math.min(shortest, length);
      longest = Math.max(longest, length);
    }
    quality[c] = longest > 0 ? shortest / longest : 0;
  }
  return { type: mesh.type, nodes: Float32Array.from(mesh.nodes), connectivity: Uint32Array.from(mesh.connectivity), quality, invertedCells };
}
