import { describe, expect, it } from 'vitest';
import { Rng } from '../../../workers/engine/rng';
import { NeuralMeshMover } from '../../../workers/mesh/neuralMeshMover';
import { fineGrid, interpolationError, nodeValues } from '../../../workers/mesh/interpolationError';
import { countInvertedCells } from '../../../workers/mesh/meshQuality';
import { buildMonitor } from '../../../workers/mesh/monitor';
import { expressionField } from '../../../workers/mesh/scalarField';
import { uniformMesh, withNodes } from '../../../workers/mesh/structuredMesh';
import { WinslowMover } from '../../../workers/mesh/winslowMover';

const box = { min: [0, 0] as const, max: [1, 1] as const };

describe('piecewise-linear interpolation', () => {
  it('reproduces a linear field exactly on a distorted triangle mesh', () => {
    const mesh = uniformMesh('quad', [8, 8], box);
    const nodes = Float64Array.from(mesh.nodes);
    // Shift inner nodes by a smooth, fold-free displacement.
    for (let k = 0; k < nodes.length / 2; k++) {
      const [x, y] = [nodes[2 * k], nodes[2 * k + 1]];
      nodes[2 * k] = x + 0.05 * Math.sin(Math.PI * x) * Math.sin(2 * Math.PI * y);
      nodes[2 * k + 1] = y + 0.05 * Math.sin(2 * Math.PI * x) * Math.sin(Math.PI * y);
    }
    const moved = withNodes(mesh, nodes);
    expect(countInvertedCells(moved)).toBe(0);
    const linear = (x: number, y: number) => 2 * x - 3 * y + 1;
    const error = interpolationError(moved, nodeValues(moved, linear), fineGrid(box, 64, linear));
    expect(error.max).toBeLessThan(1e-13);
  });

  it('on the uniform mesh, converges at second order for a smooth field', () => {
    const u = (x: number, y: number) => Math.sin(3 * x) * Math.cos(2 * y);
    const errors = [8, 16].map((n) => {
      const mesh = uniformMesh('triangle', [n, n], box);
      return interpolationError(mesh, nodeValues(mesh, u), fineGrid(box, 256, u)).l2;
    });
    expect(errors[0] / errors[1]).toBeGreaterThan(3.8);
    expect(errors[0] / errors[1]).toBeLessThan(4.2);
  });
});

describe('classical (Winslow) mover', () => {
  it('drives its residual down by 20× on a front, never inverting a cell, and lowers the interpolation error', () => {
    const field = expressionField('tanh((x - 0.4)/0.05)', ['x', 'y']);
    const u = (x: number, y: number) => field.value([x, y]);
    const mesh = uniformMesh('quad', [16, 16], box);
    const mover = new WinslowMover(mesh, buildMonitor(field, box, 1));
    const residuals: number[] = [];
    for (let i = 0; i < 150; i++) {
      const step = mover.step();
      residuals.push(step.residual);
      // One trial mesh per halving of the step: t = 1, ½, ¼, … (the soak times work per trial).
      expect(step.trials).toBe(step.step > 0 ? Math.round(Math.log2(1 / step.step)) + 1 : 21);
      expect(countInvertedCells(mover.movedMesh)).toBe(0);
    }
    expect(residuals.at(-1)!).toBeLessThan(residuals[0] / 20);
    const grid = fineGrid(box, 256, u);
    const moved = mover.movedMesh;
    const before = interpolationError(mesh, nodeValues(mesh, u), grid).relL2;
    const after = interpolationError(moved, nodeValues(moved, u), grid).relL2;
    expect(after).toBeLessThan(before / 2);
    // Nodes slide along the walls: every wall node stays on its wall.
    for (let k = 0; k < moved.nodes.length / 2; k++) {
      const [x0, y0] = [mesh.nodes[2 * k], mesh.nodes[2 * k + 1]];
      if (x0 === 0 || x0 === 1) expect(moved.nodes[2 * k]).toBe(x0);
      if (y0 === 0 || y0 === 1) expect(moved.nodes[2 * k + 1]).toBe(y0);
    }
  });
});

describe('neural (DMM) mover', () => {
  it('on a gentle front, training lowers the interpolation error with no inverted cell and the walls kept', () => {
    const field = expressionField('tanh((x - 0.4)/0.1)', ['x', 'y']);
    const u = (x: number, y: number) => field.value([x, y]);
    const mesh = uniformMesh('quad', [16, 16], box);
    const monitor = buildMonitor(field, box, 1);
    const mover = new NeuralMeshMover(box, [{ monitor, scaledParameters: [] }], { hidden: [12, 12], activation: 'tanh', points: 256, convexityWeight: 1, smoothing: [0.1, 0], iterations: 20 }, new Rng(1));
    const losses: number[] = [];
    const evaluations: number[] = [];
    for (let i = 0; i < 20; i++) {
      const step = mover.step();
      losses.push(step.loss);
      evaluations.push(step.evaluations);
    }
    // A line search takes at least one loss evaluation, and the report one more.
    expect(Math.min(...evaluations)).toBeGreaterThanOrEqual(2);
    expect(losses.at(-1)!).toBeLessThan(losses[0] / 2);
    const { mesh: moved, scale } = mover.move(mesh);
    expect(scale).toBe(1);
    expect(countInvertedCells(moved)).toBe(0);
    const grid = fineGrid(box, 256, u);
    const before = interpolationError(mesh, nodeValues(mesh, u), grid).relL2;
    const after = interpolationError(moved, nodeValues(moved, u), grid).relL2;
    expect(after).toBeLessThan(before / 1.3);
    for (let k = 0; k < moved.nodes.length / 2; k++) {
      const [x0, y0] = [mesh.nodes[2 * k], mesh.nodes[2 * k + 1]];
      if (x0 === 0 || x0 === 1) expect(moved.nodes[2 * k]).toBe(x0);
      if (y0 === 0 || y0 === 1) expect(moved.nodes[2 * k + 1]).toBe(y0);
    }
  });
});
