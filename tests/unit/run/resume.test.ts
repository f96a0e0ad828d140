import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { initBackend } from '../../../workers/engine/backend';
import { DivergenceError, findDivergence } from '../../../workers/methods/method';
import type { MetricsRow } from '../../../workers/protocol/service';
import type { RunCheckpoint } from '../../../workers/run/checkpoint';
import { decodeCheckpoint, encodeCheckpoint } from '../../../workers/run/checkpointCodec';
import { createMethod, Runner } from '../../../workers/run/runner';

function recorder() {
  const rows: MetricsRow[] = [];
  const checkpoints: RunCheckpoint[] = [];
  return { rows, checkpoints, sink: { rows: (r: MetricsRow[]) => rows.push(...r), snapshot: () => undefined, status: () => undefined, checkpoint: (c: RunCheckpoint) => checkpoints.push(c) } };
}

const config = (precision: 'float32' | 'float64', adaptive = false) =>
  resolveConfig({
    problem: { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)' },
    method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 60 }, { name: 'lbfgs', iterations: 30, history: 5 }] },
    network: { hidden: [8, 8] },
    sampling: { interior: 64, boundary: 2, ...(adaptive ? { adaptive: { every: 25, candidates: 200, add: 10 } } : {}) },
    evaluation: { every: 10, snapshot: 8, grid: 64 },
    checkpoint: { every: 20 },
    precision,
    backend: 'cpu',
  });

describe('checkpoint and resume', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it.each([
    ['float64', config('float64')],
    ['float32 (tfjs cpu) with adaptive refinement', config('float32', true)],
  ])('a %s run resumed from any checkpoint (Adam or L-BFGS phase) ends bit-identical to an uninterrupted one', async (_, cfg) => {
    const whole = recorder();
    const reference = await new Runner().run(cfg, whole.sink);
    expect(reference.status).toBe('completed');
    expect(whole.checkpoints.map((c) => c.iteration)).toEqual([20, 40, 60, 80]);
    for (const saved of [whole.checkpoints[1], whole.checkpoints[3]]) {
      // Through the file format, as a resume after a restart would read it.
      const checkpoint = decodeCheckpoint(encodeCheckpoint(saved));
      const part = recorder();
      const resumed = await new Runner().run(cfg, part.sink, checkpoint);
      expect(resumed.iterations).toBe(reference.iterations);
      expect(resumed.metrics).toEqual(reference.metrics);
      expect(resumed.parameters.values).toEqual(reference.parameters.values);
      const after = whole.rows.filter((r) => r.iteration > saved.iteration);
      expect(part.rows.map((r) => [r.iteration, r.loss, r.terms, r.relL2])).toEqual(after.map((r) => [r.iteration, r.loss, r.terms, r.relL2]));
    }
  });

  it('checkpoints when paused and when cancelled, at the iteration reached', async () => {
    const runner = new Runner();
    const { checkpoints, sink } = recorder();
    const cfg = { ...config('float64'), method: { name: 'pinn' as const, optimizers: [{ name: 'adam' as const, lr: 0.01, iterations: 1_000_000, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }] }, checkpoint: { every: 0, seconds: 3600 } };
    const running = runner.run(cfg, sink);
    await new Promise((resolve) => setTimeout(resolve, 200));
    runner.pause();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(checkpoints).toHaveLength(1);
    runner.resume();
    await new Promise((resolve) => setTimeout(resolve, 100));
    runner.cancel();
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(checkpoints).toHaveLength(2);
    expect(checkpoints[1].iteration).toBe(result.iterations);
    expect(checkpoints[1].iteration).toBeGreaterThan(checkpoints[0].iteration);
  });

  it('refuses a checkpoint written by another method or precision, saying which', async () => {
    const { checkpoints, sink } = recorder();
    await new Runner().run(config('float64'), sink);
    await expect(new Runner().run(config('float32'), recorder().sink, checkpoints[0])).rejects.toThrow("the checkpoint was written by 'pinn-float64/1', not 'pinn-float32/1'");
  });

  it('on divergence stops as failed naming the iteration and term, and keeps the last finite checkpoint', async () => {
    const cfg = config('float64');
    // The real method, made to diverge at iteration 47 as findDivergence would report a NaN PDE term.
    const runner = new Runner((c, model, rng) => {
      const method = createMethod(c, model, rng);
      const step = method.step.bind(method);
      method.step = () => {
        if (method.iteration === 46) throw findDivergence([NaN, NaN, 0.1], ['pde', 'bc:all'], 47, 'adam') as DivergenceError;
        return step();
      };
      return method;
    });
    const { checkpoints, sink } = recorder();
    const result = await runner.run(cfg, sink);
    expect(result.status).toBe('failed');
    expect(result.message).toBe("diverged at iteration 47 (adam): loss term 'pde' is NaN; parameters restored to the last finite ones; the checkpoint of iteration 40 (the last finite one) is kept");
    expect(checkpoints.map((c) => c.iteration)).toEqual([20, 40]);
  });

  it('refuses non-finite numbers and corrupt arrays in checkpoint files', () => {
    const good = { format: 'pde-workbench-checkpoint/1' as const, iteration: 3, seconds: 1, rng: [1, 2, 3, 4] as [number, number, number, number], method: { kind: 'k', iteration: 3, data: { theta: new Float64Array([0.1, -2.5e-300, Math.PI]) } } };
    const round = decodeCheckpoint(encodeCheckpoint(good));
    expect(round.method.data.theta).toEqual(new Float64Array([0.1, -2.5e-300, Math.PI]));
    expect(() => encodeCheckpoint({ ...good, seconds: NaN })).toThrow('a checkpoint cannot hold NaN');
    expect(() => decodeCheckpoint(encodeCheckpoint(good).replace(/"\$f64":"[^"]+"/, '"$f64":"AAAA"'))).toThrow('corrupt $f64 array (3 bytes)');
    expect(() => decodeCheckpoint('{"format":"other"}')).toThrow('not a checkpoint of format pde-workbench-checkpoint/1');
  });
});
