import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { initBackend } from '../../../workers/engine/backend';
import type { FieldSnapshot, MetricsRow, RunStatus } from '../../../workers/protocol/service';
import { Runner } from '../../../workers/run/runner';

function recorder() {
  const rows: MetricsRow[] = [];
  const statuses: [RunStatus, string | undefined][] = [];
  const snapshots: FieldSnapshot[] = [];
  return { rows, statuses, snapshots, sink: { rows: (r: MetricsRow[]) => rows.push(...r), snapshot: (s: FieldSnapshot) => snapshots.push(s), status: (s: RunStatus, m?: string) => statuses.push([s, m]) } };
}

const poisson1d = (equation: string, optimizers: unknown[]) =>
  resolveConfig({
    problem: {
      kind: 'custom',
      domain: { type: 'box', min: [0], max: [1] },
      equation,
      boundary: [{ where: 'all', type: 'dirichlet', value: '0' }],
      exact: 'sin(pi*x)',
    },
    method: { name: 'pinn', optimizers },
    network: { hidden: [16, 16] },
    sampling: { interior: 128, boundary: 2 },
    evaluation: { every: 50, snapshot: 32 },
  });

describe('PINN', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('solves u_xx = −π² sin(πx) on [0, 1] to relL2 below 1e-2 against the exact solution', async () => {
    const { rows, sink, snapshots } = recorder();
    const result = await new Runner().run(poisson1d('u_xx = -pi^2*sin(pi*x)', [{ name: 'adam', lr: 0.01, iterations: 300 }, { name: 'lbfgs', iterations: 200 }]), sink);
    expect(result.status).toBe('completed');
    expect(result.metrics.relL2).toBeLessThan(1e-2);
    expect(rows.at(-1)!.relL2).toBe(result.metrics.relL2);
    expect(rows.some((r) => r.optimizer === 'adam') && rows.some((r) => r.optimizer === 'lbfgs')).toBe(true);
    expect(Object.keys(rows[0].terms)).toEqual(['pde', 'bc:all']);
    expect(snapshots.at(-1)!.exact).toBeDefined();
    expect(result.parameters.shapes).toEqual([[1, 16], [1, 16], [16, 16], [1, 16], [16, 1], [1, 1]]);
  });

  it('learns periodic advection from an initial condition alone (periodic axis, initial values)', async () => {
    const config = resolveConfig({
      problem: { kind: 'advection1d' },
      method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 300 }, { name: 'lbfgs', iterations: 300 }] },
      network: { hidden: [20, 20] },
      sampling: { interior: 400, boundary: 60, method: 'sobol' },
      evaluation: { grid: 64, every: 100, snapshot: 16 },
    });
    const { rows, sink } = recorder();
    const result = await new Runner().run(config, sink);
    expect(Object.keys(rows[0].terms)).toEqual(['pde', 'ic', 'periodic:x']);
    expect(result.metrics.relL2).toBeLessThan(2e-2);
  });

  it('builds hard Dirichlet data into the output: exact on the boundary, and it trains', async () => {
    const config = resolveConfig({
      problem: {
        kind: 'custom',
        domain: { type: 'box', min: [-2, -2], max: [2, 2] },
        equation: 'u_xx + u_yy = -2*sin(x)*cos(y)',
        boundary: [{ where: 'all', type: 'dirichlet', value: 'sin(x)*cos(y)', hard: true }],
        exact: 'sin(x)*cos(y)',
      },
      method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 200 }, { name: 'lbfgs', iterations: 200 }] },
      network: { hidden: [16, 16] },
      sampling: { interior: 300, boundary: 40 },
      evaluation: { grid: 48, every: 100, snapshot: 16 },
    });
    const { rows, snapshots, sink } = recorder();
    const result = await new Runner().run(config, sink);
    expect(Object.keys(rows[0].terms)).toEqual(['pde']);
    expect(result.metrics.relL2).toBeLessThan(2e-2);
    // The snapshot grid includes the boundary: there the prediction is the data itself.
    const snap = snapshots.at(-1)!;
    const n = snap.axes[0].n;
    for (const index of [0, n - 1, n * (n - 1), n * n - 1, 5, n * 7]) {
      expect(Math.abs(snap.prediction[index] - snap.exact![index])).toBeLessThan(1e-6);
    }
  });

  it('adds the points of largest residual during Adam when adaptive refinement is on', async () => {
    const config = resolveConfig({
      ...poisson1d('u_xx = -pi^2*sin(pi*x)', [{ name: 'adam', lr: 0.01, iterations: 50 }]),
      problem: { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)' },
      sampling: { interior: 128, boundary: 2, adaptive: { every: 20, candidates: 500, add: 25 } },
    } as never);
    const { statuses, sink } = recorder();
    const result = await new Runner().run(config, sink);
    const notes = statuses.map(([, m]) => m).filter(Boolean);
    expect(notes).toEqual(['added 25 points of largest residual (153 interior points)', 'added 25 points of largest residual (178 interior points)']);
    expect(result.message).toBe('added 25 points of largest residual (178 interior points)');
  });

  it('is deterministic given the seed', async () => {
    const config = poisson1d('u_xx = -pi^2*sin(pi*x)', [{ name: 'adam', lr: 0.01, iterations: 40 }, { name: 'lbfgs', iterations: 10 }]);
    const a = await new Runner().run(config, recorder().sink);
    const b = await new Runner().run(config, recorder().sink);
    expect(b.parameters.values).toEqual(a.parameters.values);
    expect(b.metrics.relL2).toBe(a.metrics.relL2);
  });

  it('stops a run that diverges to NaN with status failed, naming the iteration and the term', async () => {
    const { statuses, sink } = recorder();
    const result = await new Runner().run(poisson1d('u_xx = log(x - 2)', [{ name: 'adam', lr: 0.01, iterations: 50 }]), sink);
    expect(result.status).toBe('failed');
    expect(result.message).toBe("diverged at iteration 1 (adam): loss term 'pde' is NaN; parameters restored to the last finite ones");
    expect(result.parameters.values.flat().every(Number.isFinite)).toBe(true);
    expect(statuses[0][0]).toBe('running');
  });

  it('cancels within one yield of the event loop and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const runner = new Runner();
    const { sink } = recorder();
    const running = runner.run(poisson1d('u_xx = -pi^2*sin(pi*x)', [{ name: 'adam', lr: 0.01, iterations: 100000 }]), sink);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = performance.now();
    runner.cancel();
    const result = await running;
    expect(performance.now() - asked).toBeLessThan(1000);
    expect(result.status).toBe('cancelled');
    expect(result.message).toMatch(/^cancelled at iteration \d+$/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
