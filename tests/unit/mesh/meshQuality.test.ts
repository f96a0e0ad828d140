import { describe, expect, it } from 'vitest';
import { cellAreas, countInvertedCells, meshQuality } from '../../../workers/mesh/meshQuality';
import { uniformMesh, withNodes } from '../../../workers/mesh/structuredMesh';

const box = { min: [0, 0] as const, max: [2, 1] as const };

describe('mesh quality', () => {
  it('a uniform 2×1 quad mesh of a 2×1 box: unit squares, ratios 1, nothing inverted', () => {
    const mesh = uniformMesh('quad', [2, 1], box);
    expect(Array.from(mesh.connectivity)).toEqual([0, 1, 4, 3, 1, 2, 5, 4]);
    expect(Array.from(cellAreas(mesh))).toEqual([1, 1]);
    expect(meshQuality(mesh)).toEqual({ cells: 2, invertedCells: 0, minAreaRatio: 1, maxAreaRatio: 1, meanNeighbourAreaRatio: 1, meanAspectRatio: 1, maxAspectRatio: 1 });
  });

  it('moving the shared edge right makes areas 1.5 and 0.5: min ratio 0.5, neighbour ratio 3, aspect 2', () => {
    const mesh = uniformMesh('quad', [2, 1], box);
    const nodes = Float64Array.from(mesh.nodes);
    nodes[2] = 1.5;
    nodes[8] = 1.5;
    const quality = meshQuality(withNodes(mesh, nodes));
    expect(quality.minAreaRatio).toBeCloseTo(0.5, 14);
    expect(quality.maxAreaRatio).toBeCloseTo(1.5, 14);
    expect(quality.meanNeighbourAreaRatio).toBeCloseTo(3, 14);
    expect(quality.maxAspectRatio).toBeCloseTo(2, 14);
    expect(quality.invertedCells).toBe(0);
  });

  it('a node pushed past its neighbour inverts exactly the cells that fold', () => {
    const mesh = uniformMesh('quad', [2, 1], box);
    const nodes = Float64Array.from(mesh.nodes);
    nodes[2] = 2.5; // the middle bottom node past the right wall: the right quad turns clockwise at (2, 0), the left one stays convex
    expect(countInvertedCells(withNodes(mesh, nodes))).toBe(1);
    const tri = uniformMesh('triangle', [1, 1], { min: [0, 0], max: [1, 1] });
    const flipped = Float64Array.from(tri.nodes);
    flipped[6] = -1; // node 3 (1, 1) to (−1, 1): the triangle (0, 1, 3) keeps its turn, (0, 3, 2) folds
    expect(Array.from(cellAreas(withNodes(tri, flipped)))).toEqual([0.5, -0.5]);
    expect(countInvertedCells(withNodes(tri, flipped))).toBe(1);
  });

  it('a non-convex quad with positive area still counts as inverted', () => {
    const mesh = uniformMesh('quad', [1, 1], { min: [0, 0], max: [1, 1] });
    const nodes = Float64Array.from(mesh.nodes);
    nodes[6] = 0.2; // (1, 1) → (0.2, 0.2): a dart, area 0.2, reflex corner
    nodes[7] = 0.2;
    const moved = withNodes(mesh, nodes);
    expect(cellAreas(moved)[0]).toBeCloseTo(0.2, 14);
    expect(countInvertedCells(moved)).toBe(1);
  });
});
