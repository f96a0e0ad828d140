/**
 * `network.periodicEmbedding`: a PINN whose periodic axes enter as (cos, sin) features trains
 * without a periodic penalty, is periodic to rounding, and is refused where it cannot apply.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig, validateConfig } from '../../../workers/config/validate';
import { initBackend } from '../../../workers/engine/backend';
import { Rng } from '../../../workers/engine/rng';
import { createPinn } from '../../../workers/methods/pinnEngine';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { Runner } from '../../../workers/run/runner';

const sink = { rows: () => undefined, snapshot: () => undefined, status: () => undefined };
// u − u_xx = 2 sin x on [0, 2π) periodic: u = sin x is the only periodic solution.
const periodicProblem = { kind: 'custom', domain: { type: 'box', min: [0], max: [2 * Math.PI], periodic: true }, equation: 'u - u_xx = 2*sin(x)', exact: 'sin(x)' };
const config = (extra: object = {}) => ({
  problem: periodicProblem,
  method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 200 }, { name: 'lbfgs', iterations: 300 }] },
  network: { hidden: [16, 16], periodicEmbedding: true },
  sampling: { interior: 128, boundary: 8 },
  precision: 'float64',
  ...extra,
});

describe('a PINN with periodic input features', () => {
  it('trains to the exact solution (float64)', async () => {
    const result = await new Runner().run(resolveConfig(config()), sink);
    expect(result.metrics.relL2).toBeLessThan(1e-4);
  });

  it('has no periodic term in its loss (the penalty has one) and predicts the same at both ends of the period', () => {
    const penalised = resolveConfig(config({ network: { hidden: [16, 16] } }));
    expect(Object.keys(createPinn(penalised as never, buildProblemModel(penalised.problem), new Rng(3)).step().terms)).toContain('periodic:x');
    const resolved = resolveConfig(config());
    const method = createPinn(resolved as never, buildProblemModel(resolved.problem), new Rng(3));
    expect(Object.keys(method.step().terms)).not.toContain('periodic:x');
    for (let k = 0; k < 20; k++) method.step();
    const [ends] = method.predict(Float64Array.from([0.3, 0.3 + 2 * Math.PI, 1e-9, 2 * Math.PI - 1e-9]));
    expect(Math.abs(ends[0] - ends[1])).toBeLessThan(1e-6);
    expect(Math.abs(ends[2] - ends[3])).toBeLessThan(1e-6);
    method.dispose();
  });

  it('is refused for a domain with no periodic axis, for other methods, and on TensorFlow.js', async () => {
    const plain = validateConfig(config({ problem: { ...periodicProblem, domain: { type: 'box', min: [0], max: [1] }, boundary: [{ where: 'all', value: '0' }] } }));
    expect(plain.ok ? [] : plain.issues).toEqual([
      { path: 'network.periodicEmbedding', message: 'needs a periodic domain (problem.domain.periodic: true or a list of axes)' },
      { path: 'problem.domain.periodic', message: 'names no periodic axis, which network.periodicEmbedding needs' },
    ]);
    const teng = validateConfig({ ...config(), problem: { kind: 'heat2d-teng' }, method: { name: 'teng' } });
    expect(teng.ok ? [] : teng.issues).toEqual([
      { path: 'network.periodicEmbedding', message: "is a PINN option, not one of 'teng'" },
      { path: 'method.name', message: "'teng' does not take network.periodicEmbedding (a PINN option)" },
    ]);
    await initBackend('cpu');
    const resolved = resolveConfig(config({ precision: 'float32' }));
    expect(() => createPinn(resolved as never, buildProblemModel(resolved.problem), new Rng(3))).toThrow(
      "network.periodicEmbedding: periodic input features run on the WebAssembly jet engine only, not on TensorFlow.js (backend 'cpu')",
    );
  });
});
