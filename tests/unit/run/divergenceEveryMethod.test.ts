import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { initBackend } from '../../../workers/engine/backend';
import { JetPinnMethod } from '../../../workers/methods/jetPinn';
import type { StateValue } from '../../../workers/methods/methodState';
import type { RunCheckpoint } from '../../../workers/run/checkpoint';
import { createMethod, Runner } from '../../../workers/run/runner';
import { periodicHeat1d, poisson1d, tanhFront as front } from '../../smallProblems';

// N[u] turns NaN once t passes 0.05 (log of a negative number), with no visible effect before.
const heat1d = { ...periodicHeat1d(0.1), equation: 'u_t = 0.1*u_xx + 1e-9*log(0.05 - t)' };
// The movers below mesh the field sqrt(x − 0.3), whose gradient is NaN left of x = 0.3: the monitor is NaN there.

const hugeAdam = (precision: 'float32' | 'float64') => ({
  problem: poisson1d,
  method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 1e200, iterations: 10 }] },
  network: { hidden: [6, 6] },
  sampling: { interior: 16, boundary: 2 },
  checkpoint: { every: 1 },
  precision,
  backend: 'cpu',
});
const onJet: typeof createMethod = (config, model, rng) => new JetPinnMethod(config as never, model, rng, 'float32');
const restored = '; parameters restored to the last finite ones';

const cases: [string, object, string, number[], typeof createMethod?][] = [
  // float32 parameters overflow to Inf in the first update: that checkpoint is not kept, and none is left.
  ['the tfjs PINN (Adam at lr 1e200)', hugeAdam('float32'), `diverged at iteration 2 (adam): loss term 'pde' is NaN${restored}`, []],
  ['the tfjs PINN (Adam at lr 1e30)', { ...hugeAdam('float32'), method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 1e30, iterations: 10 }] } }, `diverged at iteration 2 (adam): loss term 'pde' is NaN${restored}; the checkpoint of iteration 1 (the last finite one) is kept`, [1]],
  ['the float32 jet PINN (Adam at lr 1e200)', hugeAdam('float32'), `diverged at iteration 2 (adam): loss term 'pde' is NaN${restored}; the checkpoint of iteration 1 (the last finite one) is kept`, [1], onJet],
  ['the float64 jet PINN (Adam at lr 1e200)', hugeAdam('float64'), `diverged at iteration 2 (adam): loss term 'bc:all' is Infinity${restored}; the checkpoint of iteration 1 (the last finite one) is kept`, [1]],
  [
    'CPINN (descent–ascent at lr 1e100)',
    { problem: poisson1d, method: { name: 'cpinn', discriminator: { hidden: [6] }, optimizer: { name: 'gda', lr: 1e100, iterations: 10 } }, network: { hidden: [6, 6] }, sampling: { interior: 16, boundary: 2 }, checkpoint: { every: 1 }, precision: 'float64' },
    `diverged at iteration 3 (gda): loss term 'bc:all' is Infinity${restored}; the checkpoint of iteration 2 (the last finite one) is kept`,
    [1, 2],
  ],
  [
    'TENG (a right-hand side that is NaN after t = 0.05)',
    { problem: heat1d, method: { name: 'teng', integrator: 'heun', dt: 0.02, iterations: 2, subset: 16, points: 12, fitIterations: 6, fitSubset: 24 }, network: { hidden: [5] }, checkpoint: { every: 2 } },
    'diverged at iteration 9 (teng step 3): the right-hand side N[u] is NaN at t = 0.06, sample point 0; parameters kept at the last finite ones; the checkpoint of iteration 8 (the last finite one) is kept',
    [2, 4, 6, 8],
  ],
  [
    'the classical mesh mover (a NaN monitor)',
    { problem: front, method: { name: 'mesh-mover', field: 'sqrt(x - 0.3)', mesh: { cells: [6, 6] }, iterations: 10, errorGrid: 16 }, checkpoint: { every: 1 } },
    'diverged at iteration 1 (winslow): residual is NaN; the mesh restored to the last finite one',
    [],
  ],
  [
    'the neural mesh mover (a NaN monitor)',
    { problem: front, method: { name: 'mesh-mover', mover: 'neural', field: 'sqrt(x - 0.3)', mesh: { cells: [6, 6] }, iterations: 10, points: 48, errorGrid: 16 }, network: { hidden: [6] }, checkpoint: { every: 1 } },
    'diverged at iteration 1 (lbfgs): equidistribution is NaN; the mesh restored to the last finite one',
    [],
  ],
];

/** Every number in a checkpoint's method state. */
function numbers(value: StateValue): number[] {
  if (typeof value === 'number') return [value];
  if (value instanceof Float64Array || value instanceof Float32Array) return Array.from(value);
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbers);
  return [];
}

describe('divergence stops every method as failed, naming the step and the term', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it.each(cases)('%s', async (_, input, message, checkpointsAt, create) => {
    const checkpoints: RunCheckpoint[] = [];
    const result = await new Runner(create).run(resolveConfig(input), { rows: () => undefined, snapshot: () => undefined, status: () => undefined, checkpoint: (c) => checkpoints.push(c) });
    expect(result.status).toBe('failed');
    expect(result.message?.split('; initial condition')[0]).toBe(message);
    expect(checkpoints.map((c) => c.iteration)).toEqual(checkpointsAt);
    // The checkpoints kept, and the parameters the run ends with, are the last finite ones.
    expect(checkpoints.flatMap((c) => numbers(c.method.data)).every(Number.isFinite)).toBe(true);
    expect(result.parameters.values.flat().every(Number.isFinite)).toBe(true);
  });
});
