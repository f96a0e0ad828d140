/**
 * Structured meshes on a box: (nx+1)·(ny+1) nodes, node (i, j) at index j·(nx+1) + i, and either
 * nx·ny quads or 2·nx·ny triangles (each quad cut along its (i, j)–(i+1, j+1) diagonal). A moved
 * mesh keeps the connectivity and changes only the node coordinates.
 */
export type CellType = 'quad' | 'triangle';

export interface Box {
  min: readonly [number, number];
  max: readonly [number, number];
}

export interface StructuredMesh {
  type: CellType;
  /** Cells per axis [nx, ny]. */
  cells: readonly [number, number];
  box: Box;
  /** (x, y) per node. */
  nodes: Float64Array;
  /** Vertex indices per cell, counter-clockwise: 4 per quad, 3 per triangle. */
  connectivity: Uint32Array;
  /**
   * An O-grid round a disk cut out of the box (diskGeometry.ts): cells are [round, out], nodes
   * round·(out + 1) (the seam shared), not the box grid's (nx + 1)·(ny + 1).
   */
  hole?: { center: readonly [number, number] | number[]; radius: number };
}

export const verticesPerCell = (type: CellType): number => (type === 'quad' ? 4 : 3);

export function nodeCount(mesh: Pick<StructuredMesh, 'cells'>): number {
  return (mesh.cells[0] + 1) * (mesh.cells[1] + 1);
}

export function cellCount(mesh: Pick<StructuredMesh, 'type' | 'connectivity'>): number {
  return mesh.connectivity.length / verticesPerCell(mesh.type);
}

/** Node coordinates of the uniform grid on the box. */
export function uniformNodes(cells: readonly [number, number], box: Box): Float64Array {
  const [nx, ny] = cells;
  const nodes = new Float64Array(2 * (nx + 1) * (ny + 1));
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const k = j * (nx + 1) + i;
      nodes[2 * k] = box.min[0] + ((box.max[0] - box.min[0]) * i) / nx;
      nodes[2 * k + 1] = box.min[1] + ((box.max[1] - box.min[1]) * j) / ny;
    }
  }
  return nodes;
}

/** Quads (a, a+1, a+nx+2, a+nx+1) or, split along the diagonal, triangles. */
export function structuredConnectivity(type: CellType, cells: readonly [number, number]): Uint32Array {
  const [nx, ny] = cells;
  const out = new Uint32Array(nx * ny * (type === 'quad' ? 4 : 6));
  let c = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const a = j * (nx + 1) + i;
      const [b, d, e] = [a + 1, a + nx + 2, a + nx + 1];
      if (type === 'quad') out.set([a, b, d, e], 4 * c++);
      else {
        out.set([a, b, d, a, d, e], 6 * c);
        c++;
      }
    }
  }
  return out;
}

export function uniformMesh(type: CellType, cells: readonly [number, number], box: Box): StructuredMesh {
  if (!cells.every((n) => Number.isInteger(n) && n >= 1)) throw new Error(`mesh cells must be positive integers, got [${cells.join(', ')}]`);
  if (!(box.min[0] < box.max[0] && box.min[1] < box.max[1])) throw new Error('mesh box: max must exceed min on both axes');
  return { type, cells, box, nodes: uniformNodes(cells, box), connectivity: structuredConnectivity(type, cells) };
}

export function withNodes(mesh: StructuredMesh, nodes: Float64Array): StructuredMesh {
  if (nodes.length !== mesh.nodes.length) throw new Error(`nodes: length ${nodes.length}, the mesh has ${mesh.nodes.length / 2} nodes`);
  return { ...mesh, nodes };
}

/** The triangles of a mesh: its own for a triangle mesh, each quad cut along (a, d) for a quad mesh. */
export function meshTriangles(mesh: StructuredMesh): Uint32Array {
  if (mesh.type === 'triangle') return mesh.connectivity;
  const quads = mesh.connectivity;
  const out = new Uint32Array((quads.length / 4) * 6);
  for (let q = 0, t = 0; q < quads.length; q += 4, t += 6) {
    out.set([quads[q], quads[q + 1], quads[q + 2], quads[q], quads[q + 2], quads[q + 3]], t);
  }
  return out;
}
