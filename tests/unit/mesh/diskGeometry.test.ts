import { describe, expect, it } from 'vitest';
import { diskGeometry } from '../../../workers/mesh/diskGeometry';
import { fineGrid, interpolationError, nodeValues } from '../../../workers/mesh/interpolationError';
import { cellAreas, meshQuality } from '../../../workers/mesh/meshQuality';
import { validOn } from '../../../workers/mesh/meshGeometry';
import { buildMonitor } from '../../../workers/mesh/monitor';
import { expressionField } from '../../../workers/mesh/scalarField';
import { WinslowMover } from '../../../workers/mesh/winslowMover';

// The Schäfer–Turek channel and cylinder (cylinder-2d1).
const box = { min: [0, 0] as const, max: [2.2, 0.41] as const };
const hole = { center: [0.2, 0.2] as [number, number], radius: 0.05 };

const radius = (nodes: Float64Array, k: number) => Math.hypot(nodes[2 * k] - 0.2, nodes[2 * k + 1] - 0.2);
const onBox = (nodes: Float64Array, k: number) => {
  const [x, y] = [nodes[2 * k], nodes[2 * k + 1]];
  return Math.min(Math.abs(x), Math.abs(x - 2.2), Math.abs(y), Math.abs(y - 0.41));
};

describe('O-grid on a box minus a disk', () => {
  it('has no inverted cell, its inner ring on the circle and its outer ring on the box, corners included', () => {
    const geometry = diskGeometry('quad', [48, 12], box, hole);
    const mesh = geometry.physical(geometry.logical.nodes);
    expect(mesh.nodes.length / 2).toBe(48 * 13);
    expect(meshQuality(mesh).invertedCells).toBe(0);
    for (let i = 0; i < 48; i++) {
      expect(radius(mesh.nodes, i)).toBeCloseTo(0.05, 12);
      expect(onBox(mesh.nodes, 12 * 48 + i)).toBeLessThan(1e-12);
    }
    const outer = Array.from({ length: 48 }, (_, i) => [mesh.nodes[2 * (12 * 48 + i)], mesh.nodes[2 * (12 * 48 + i) + 1]]);
    for (const corner of [[0, 0], [2.2, 0], [2.2, 0.41], [0, 0.41]]) {
      expect(outer.some(([x, y]) => Math.hypot(x - corner[0], y - corner[1]) < 1e-12)).toBe(true);
    }
  });

  it('covers the box minus the inscribed polygon: the cell areas sum to that area', () => {
    const geometry = diskGeometry('triangle', [64, 10], box, hole);
    const mesh = geometry.physical(geometry.logical.nodes);
    const areas = cellAreas(mesh);
    expect(meshQuality(mesh).invertedCells).toBe(0);
    // The inner nodes are evenly spaced in angle only per face; sum the inscribed polygon directly.
    let polygon = 0;
    for (let i = 0; i < 64; i++) {
      const [a, b] = [i, (i + 1) % 64];
      polygon += (mesh.nodes[2 * a] - 0.2) * (mesh.nodes[2 * b + 1] - 0.2) - (mesh.nodes[2 * b] - 0.2) * (mesh.nodes[2 * a + 1] - 0.2);
    }
    const total = areas.reduce((s, a) => s + a, 0);
    expect(total).toBeCloseTo(2.2 * 0.41 - Math.abs(polygon) / 2, 12);
  });

  it('the classical mover keeps the circle a circle, the box a box and the corners, folds nothing, and lowers the interpolation error', () => {
    const geometry = diskGeometry('quad', [64, 16], box, hole);
    const text = 'tanh((x - 1 - 0.3*(y - 0.2))/0.02)';
    const field = expressionField(text, ['x', 'y']);
    const mover = new WinslowMover(geometry.logical, geometry.logicalMonitor(buildMonitor(field, box, 1)), 20, { holdX: geometry.holdX, valid: validOn(geometry) });
    for (let i = 0; i < 60; i++) mover.step();
    const uniform = geometry.physical(geometry.logical.nodes);
    const moved = geometry.physical(mover.currentNodes);
    expect(meshQuality(moved).invertedCells).toBe(0);
    for (let i = 0; i < 64; i++) {
      expect(radius(moved.nodes, i)).toBeCloseTo(0.05, 12);
      expect(onBox(moved.nodes, 16 * 64 + i)).toBeLessThan(1e-12);
    }
    // Corner nodes stay where the uniform O-grid put them.
    for (const k of geometry.holdX.filter((k) => k >= 16 * 65)) {
      const physical = 16 * 64 + (k - 16 * 65);
      expect([moved.nodes[2 * physical], moved.nodes[2 * physical + 1]]).toEqual([uniform.nodes[2 * physical], uniform.nodes[2 * physical + 1]]);
    }
    const value = (x: number, y: number) => field.value([x, y]);
    const grid = fineGrid(box, 256, value, geometry.inside);
    const before = interpolationError(uniform, nodeValues(uniform, value), grid).relL2;
    const after = interpolationError(moved, nodeValues(moved, value), grid).relL2;
    expect(before / after).toBeGreaterThan(2);
  });

  it('leaves the disk out of the fine grid', () => {
    const geometry = diskGeometry('quad', [16, 4], box, hole);
    const grid = fineGrid(box, 100, () => 1, geometry.inside);
    for (let p = 0; p < grid.values.length; p++) expect(Math.hypot(grid.points[2 * p] - 0.2, grid.points[2 * p + 1] - 0.2)).toBeGreaterThanOrEqual(0.05);
    expect(grid.values.length).toBeLessThan(100 * 100);
  });
});

describe('mesh-mover config on a box with disks', () => {
  it('takes one disk and refuses two, naming the field', async () => {
    const { resolveConfig } = await import('../../../workers/config/validate');
    const config = (holes: object[]) => ({
      name: 'disk',
      problem: { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [2.2, 0.41], holes }, equation: 'u = 0', exact: 'tanh((x - 1)/0.01)' },
      method: { name: 'mesh-mover', mesh: { cells: [64, 16] } },
    });
    expect(resolveConfig(config([{ center: [0.2, 0.2], radius: 0.05 }])).problem.domain.holes).toHaveLength(1);
    expect(() => resolveConfig(config([{ center: [0.2, 0.2], radius: 0.05 }, { center: [1, 0.2], radius: 0.05 }]))).toThrow(
      'problem.domain.holes: a mesh mover meshes a box minus at most one disk (an O-grid); this domain has 2',
    );
  });
});

describe('neural mover on the O-grid', () => {
  it('its x-displacement vanishes on the rays to the box corners (breaksX), whatever the network', async () => {
    const { NeuralMeshMover } = await import('../../../workers/mesh/neuralMeshMover');
    const { Rng } = await import('../../../workers/engine/rng');
    const geometry = diskGeometry('quad', [48, 8], box, hole);
    const monitor = geometry.logicalMonitor(buildMonitor(expressionField('tanh((x - 1)/0.05)', ['x', 'y']), box, 1));
    const rng = new Rng(3);
    const mover = new NeuralMeshMover(geometry.logical.box, [{ monitor, scaledParameters: [] }], { hidden: [8], activation: 'tanh', points: 64, convexityWeight: 1, smoothing: [0], iterations: 1, breaksX: geometry.breaksX }, rng);
    for (let i = 0; i < mover.theta.length; i++) mover.theta[i] = 0.05 * rng.normal();
    const points = Float64Array.from(geometry.breaksX.flatMap((b) => [b, 0.3, b, 0.8]));
    const d = mover.displacement(points, []);
    for (let p = 0; p < d.length / 2; p++) expect(Math.abs(d[2 * p])).toBeLessThan(1e-12);
    // The loss's gradient through the segment map matches finite differences.
    const xi = Float64Array.from({ length: 40 }, () => 0.05 + 0.9 * rng.uniform());
    const { grad } = mover.lossAndGradient(xi, 0);
    for (const i of [0, 5, mover.theta.length - 2]) {
      const h = 1e-6;
      const saved = mover.theta[i];
      mover.theta[i] = saved + h;
      const up = mover.lossAndGradient(xi, 0).report.loss;
      mover.theta[i] = saved - h;
      const down = mover.lossAndGradient(xi, 0).report.loss;
      mover.theta[i] = saved;
      const fd = (up - down) / (2 * h);
      expect(Math.abs(grad[i] - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
    // Between the breaks it moves.
    const inside = mover.displacement(Float64Array.from([(geometry.breaksX[0] + geometry.breaksX[1]) / 2, 0.5]), []);
    expect(Math.abs(inside[0])).toBeGreaterThan(1e-6);
  });
});
