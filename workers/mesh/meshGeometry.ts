/**
 * Where a mover moves nodes: a logical (computational) box with a structured mesh on it, and the
 * map from its nodes to the physical mesh. For a box the two are the same mesh. For a box minus
 * a disk (diskGeometry.ts) the logical box is an O-grid's (angle-like, radius-like) rectangle and
 * the physical mesh its image. Movers work on the logical mesh: walls slide there, `holdX` nodes
 * (an O-grid's rays to the box's corners) keep ξ, and `valid` also rejects a physical mesh that folds.
 */
import type { Monitor } from './monitor';
import { countInvertedCells } from './meshQuality';
import { withNodes, type Box, type StructuredMesh } from './structuredMesh';

export interface MeshGeometry {
  /** The uniform mesh on the logical box. */
  logical: StructuredMesh;
  /** The physical mesh of logical node positions. */
  physical(logicalNodes: Float64Array): StructuredMesh;
  /** Logical nodes that keep their first logical coordinate (the movers' holdX). */
  holdX: readonly number[];
  /** The first logical coordinates of those lines, as fractions of the logical box (the neural mover's breaksX). */
  breaksX: readonly number[];
  /** The monitor in logical coordinates (normalised to mean 1 over the logical box). */
  logicalMonitor(monitor: Monitor): Monitor;
  /** Whether a physical point lies in the domain (fine-grid points in a hole are left out). */
  inside(x: number, y: number): boolean;
  /** The bounding box of the physical domain. */
  box: Box;
  /** False when the physical mesh is the logical one (a box). */
  mapped: boolean;
}

/** The box itself: logical and physical meshes coincide. */
export function boxGeometry(mesh: StructuredMesh): MeshGeometry {
  return {
    logical: mesh,
    physical: (nodes) => withNodes(mesh, nodes),
    holdX: [],
    breaksX: [],
    logicalMonitor: (monitor) => monitor,
    inside: () => true,
    box: mesh.box,
    mapped: false,
  };
}

/** No inverted cell in the logical mesh nor in its physical image. */
export function validOn(geometry: MeshGeometry): (logicalNodes: Float64Array) => boolean {
  return (nodes) => countInvertedCells(withNodes(geometry.logical, nodes)) === 0 && (!geometry.mapped || countInvertedCells(geometry.physical(nodes)) === 0);
}
