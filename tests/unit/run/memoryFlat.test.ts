import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { Rng } from '../../../workers/engine/rng';
import { JetPinnMethod } from '../../../workers/methods/jetPinn';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { createMethod } from '../../../workers/run/runner';
import { memoryUse } from '../../bench/memoryProbe';

// The tfjs PINN's tensor count is held flat by tensorLeaks.test.ts; these are the methods without tensors.
const poisson1d = { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)' };
const heat1d = { kind: 'custom', domain: { type: 'box', min: [0], max: [2 * Math.PI], time: [0, 100], periodic: true }, equation: 'u_t = 0.1*u_xx', initial: { value: 'sin(x) + 0.5*cos(2*x)' }, exact: 'exp(-0.1*t)*sin(x)' };
const front = { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [1, 1] }, equation: 'u = tanh((x - 0.5)/0.1)', exact: 'tanh((x - 0.5)/0.1)' };
// float32 L-BFGS stops early at float32 rounding: that precision runs Adam only (the L-BFGS code is the same).
const pinn = (precision: 'float32' | 'float64') => ({
  problem: poisson1d,
  method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: precision === 'float32' ? 10_000 : 150 }, { name: 'lbfgs', iterations: 10_000, history: 5, gradientTolerance: 0, changeTolerance: 0 }] },
  network: { hidden: [8, 8] },
  sampling: { interior: 32, boundary: 2 },
  precision,
});
const onJet = (precision: 'float32' | 'float64'): typeof createMethod => (config, model, rng) => new JetPinnMethod(config as never, model, rng, precision);

/** name, config, warm-up steps (past the growth of optimizer histories), measured steps, method factory. */
const cases: [string, object, number, number, typeof createMethod][] = [
  ['the float32 jet PINN (Adam)', pinn('float32'), 200, 300, onJet('float32')],
  ['the float64 jet PINN (into L-BFGS)', pinn('float64'), 200, 300, onJet('float64')],
  [
    'CPINN (ACGD with warm start)',
    { problem: poisson1d, method: { name: 'cpinn', discriminator: { hidden: [4] }, optimizer: { name: 'acgd', lr: 0.01, iterations: 10_000, warmStart: true } }, network: { hidden: [4, 4] }, sampling: { interior: 12, boundary: 2 }, precision: 'float64' },
    100,
    300,
    createMethod,
  ],
  ['TENG (Heun steps)', { problem: heat1d, method: { name: 'teng', integrator: 'heun', dt: 0.01, iterations: 2, subset: 16, points: 12, fitIterations: 20, fitSubset: 24 }, network: { hidden: [5] } }, 100, 300, createMethod],
  ['the classical mesh mover', { problem: front, method: { name: 'mesh-mover', mesh: { cells: [6, 6] }, iterations: 10_000, errorGrid: 16 } }, 50, 300, createMethod],
  ['the neural mesh mover', { problem: front, method: { name: 'mesh-mover', mover: 'neural', mesh: { cells: [4, 4] }, iterations: 10_000, points: 24, smoothing: [0.1], errorGrid: 16 }, network: { hidden: [4] } }, 60, 60, createMethod],
];

// Measured after warm-up: ±40 KiB of noise between collections; a leak of one small array a step shows over a few hundred steps.
const HEAP_SLACK = 160 * 1024;

describe('memory stays flat', () => {
  it.each(cases)('%s: no growth of the heap or the WebAssembly memory, checkpoints included', (_, input, warmUp, measured, create) => {
    const config = resolveConfig(input);
    const method = create(config, buildProblemModel(config.problem), new Rng(config.seed));
    const steps = (count: number) => {
      for (let i = 0; i < count; i++) {
        method.step();
        if (method.iteration % 25 === 0) method.checkpoint!();
      }
    };
    steps(warmUp);
    const before = memoryUse(method);
    steps(measured);
    const after = memoryUse(method);
    method.dispose();
    expect(after.wasmBytes).toBe(before.wasmBytes);
    expect(after.heapBytes - before.heapBytes).toBeLessThan(HEAP_SLACK);
  });
});
