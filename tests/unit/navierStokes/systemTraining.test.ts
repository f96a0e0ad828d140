import { beforeAll, describe, expect, it } from 'vitest';
import { pinnConfig } from '../../../workers/config/schema';
import { resolveConfig } from '../../../workers/config/validate';
import { PinnMethod } from '../../../workers/methods/pinn';
import { initBackend } from '../../../workers/engine/backend';
import { Rng } from '../../../workers/engine/rng';
import type { MetricsRow } from '../../../workers/protocol/service';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { createMethod, Runner } from '../../../workers/run/runner';

const LAMBDA = 20 - Math.sqrt(400 + 4 * Math.PI ** 2);
const u = `1 - exp(${LAMBDA}*x)*cos(2*pi*y)`;
const v = `${LAMBDA}/(2*pi)*exp(${LAMBDA}*x)*sin(2*pi*y)`;
const p = `(1 - exp(${2 * LAMBDA}*x))/2`;

/** Kovasznay flow written by hand as a user would: three unknowns, three equations, exact expressions. */
const userSystem = {
  problem: {
    kind: 'custom',
    domain: { type: 'box', min: [-0.5, -0.5], max: [1, 1.5] },
    unknowns: ['u', 'v', 'p'],
    equation: ['u*u_x + v*u_y + p_x - (u_xx + u_yy)/40 = 0', 'u*v_x + v*v_y + p_y - (v_xx + v_yy)/40 = 0', 'u_x + v_y = 0'],
    boundary: [
      { where: 'all', unknown: 'u', value: u, hard: true },
      { where: 'all', unknown: 'v', value: v, hard: true },
      { where: 'x=1', unknown: 'p', value: p, hard: true },
    ],
    exact: { u, v, p },
  },
  method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 40 }] },
  network: { hidden: [16, 16] },
  sampling: { interior: 200, boundary: 0 },
  evaluation: { grid: 24, every: 20, snapshot: 8 },
};

const sinkOf = (rows: MetricsRow[]) => ({ rows: (r: MetricsRow[]) => rows.push(...r), snapshot: () => {}, status: () => {} });

describe('a user-written velocity–pressure system', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('validates, trains (loss falls, relL2 per unknown in the metrics)', async () => {
    const config = resolveConfig(userSystem);
    const rows: MetricsRow[] = [];
    const result = await new Runner().run(config, sinkOf(rows));
    expect(result.status).toBe('completed');
    expect(Object.keys(rows[0].terms)).toEqual(['pde:1', 'pde:2', 'pde:3']);
    expect(rows.at(-1)!.loss).toBeLessThan(rows[0].loss / 3);
    expect(Object.keys(result.metrics).sort()).toEqual(['relL2', 'relL2_p', 'relL2_u', 'relL2_v']);
    expect(result.metrics.relL2).toBeLessThan(rows.find((r) => r.relL2 !== undefined)!.relL2! * 1.5);
  });

  it('holds the hard velocity data exactly on the boundary (float32), and the outlet pressure', () => {
    const config = resolveConfig(userSystem);
    const model = buildProblemModel(config.problem);
    const method = createMethod(config, model, new Rng(4));
    try {
      for (let i = 0; i < 3; i++) method.step();
      const points: number[] = [];
      for (let k = 0; k <= 10; k++) points.push(-0.5, -0.5 + 0.2 * k, 1, -0.5 + 0.2 * k, -0.5 + 0.15 * k, -0.5, -0.5 + 0.15 * k, 1.5);
      const [pu, pv, pp] = method.predict(Float64Array.from(points));
      const exact = trueAt(model, points);
      for (let i = 0; i < points.length / 2; i++) {
        expect(Math.abs(pu[i] - exact.u[i])).toBeLessThan(2e-6);
        expect(Math.abs(pv[i] - exact.v[i])).toBeLessThan(2e-6);
        if (points[2 * i] === 1) expect(Math.abs(pp[i] - exact.p[i])).toBeLessThan(2e-6);
      }
    } finally {
      method.dispose();
    }
  });

  it('has the gradient of its loss: a directional finite difference agrees with ∇L·∇L (hard data on several unknowns)', () => {
    const config = resolveConfig({ ...userSystem, network: { hidden: [12, 12] }, sampling: { interior: 150, boundary: 0 } });
    // The tfjs float32 PINN (the jet engine's gradients are checked in tests/unit/wasmJet and pinn64.test.ts).
    const method = new PinnMethod(pinnConfig(config), buildProblemModel(config.problem), new Rng(2));
    try {
      // The float32 PINN's objective (flat parameters → loss and gradient), as L-BFGS calls it.
      const { objective, theta } = method as unknown as { objective: (x: Float64Array) => { loss: number; grad: Float64Array }; theta: { dataSync(): Float32Array } };
      const x0 = Float64Array.from(theta.dataSync());
      const { grad } = objective(x0);
      const norm2 = grad.reduce((sum, g) => sum + g * g, 0);
      const h = 1e-2 / Math.sqrt(norm2);
      const plus = objective(x0.map((x, i) => x + h * grad[i])).loss;
      const minus = objective(x0.map((x, i) => x - h * grad[i])).loss;
      expect((plus - minus) / (2 * h) / norm2).toBeCloseTo(1, 2);
    } finally {
      method.dispose();
    }
  });

  it('reports drag and lift of the cylinder in the metrics and their history in the rows', async () => {
    const config = resolveConfig({
      problem: { kind: 'cylinder-2d1' },
      method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.005, iterations: 4 }] },
      network: { hidden: [8, 8] },
      sampling: { interior: 100, boundary: 40 },
      evaluation: { grid: 16, every: 2, snapshot: 8 },
    });
    const rows: MetricsRow[] = [];
    const result = await new Runner().run(config, sinkOf(rows));
    expect(Number.isFinite(result.metrics.cD)).toBe(true);
    expect(Number.isFinite(result.metrics.cL)).toBe(true);
    expect(rows.filter((r) => r.problemMetrics).map((r) => r.iteration)).toEqual([2, 4]);
    expect(rows.at(-1)!.problemMetrics!.cD).toBe(result.metrics.cD);
  });
});

function trueAt(model: ReturnType<typeof buildProblemModel>, points: number[]) {
  const at = (name: string) => Array.from({ length: points.length / 2 }, (_, i) => model.exact[name]!(Float64Array.of(points[2 * i], points[2 * i + 1])));
  return { u: at('u'), v: at('v'), p: at('p') };
}
