/** The float32 PINN on the fused WebAssembly jet engine (what 'wasm' / 'auto' runs train on). */
import { describe, expect, it } from 'vitest';
import { pinnConfig } from '../../../workers/config/schema';
import { resolveConfig } from '../../../workers/config/validate';
import { Rng } from '../../../workers/engine/rng';
import { JetPinnMethod } from '../../../workers/methods/jetPinn';
import { pinnBackendName } from '../../../workers/methods/pinnEngine';
import { buildProblemModel } from '../../../workers/problems/problemModel';

describe('float32 PINN on the jet engine', () => {
  it('names its engine honestly for the manifest', () => {
    expect(pinnBackendName('float32', 'wasm')).toBe('jet-wasm-f32');
    expect(pinnBackendName('float64', 'wasm')).toBe('jet-wasm-f64');
    expect(pinnBackendName('float32', 'tensorflow')).toBe('tensorflow');
    expect(pinnBackendName('float32', 'cpu')).toBe('cpu');
  });

  it('trains u_xx + u_yy = −2π² sin(πx) sin(πy) on the unit square to relL2 < 1e-2', () => {
    const config = resolveConfig({
      problem: { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [1, 1] }, equation: 'u_xx + u_yy = -2*pi^2*sin(pi*x)*sin(pi*y)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)*sin(pi*y)' },
      method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 300 }, { name: 'lbfgs', iterations: 1500 }] },
      network: { hidden: [16, 16] },
      sampling: { interior: 400, boundary: 80 },
    });
    const model = buildProblemModel(config.problem);
    const method = new JetPinnMethod(pinnConfig(config), model, new Rng(config.seed), 'float32');
    expect(method.engineName).toBe('jet-wasm-f32');
    while (!method.finished) method.step();
    const grid = 41;
    const points = new Float64Array(grid * grid * 2);
    for (let i = 0; i < grid * grid; i++) points.set([(i % grid) / (grid - 1), Math.floor(i / grid) / (grid - 1)], 2 * i);
    const [u] = method.predict(points);
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < grid * grid; i++) {
      const exact = Math.sin(Math.PI * points[2 * i]) * Math.sin(Math.PI * points[2 * i + 1]);
      diff += (u[i] - exact) ** 2;
      norm += exact ** 2;
    }
    expect(Math.sqrt(diff / norm)).toBeLessThan(1e-2);
  });
});
