import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { Rng } from '../../../workers/engine/rng';
import { JetPinnMethod } from '../../../workers/methods/jetPinn';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { createMethod } from '../../../workers/run/runner';
import { memoryUse } from '../../bench/memoryProbe';
import { periodicHeat1d, poisson1d, tanhFront as front } from '../../smallProblems';

// The tfjs PINN's tensor count is held flat by tensorLeaks.test.ts; these are the methods without tensors.
const heat1d = periodicHeat1d(100);
// float32 L-BFGS stops early at float32 rounding: that precision runs Adam only (the L-BFGS code is the same).
const pinn = (precision: 'float32' | 'float64') => ({
  problem: poisson1d,
  method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: precision === 'float32' ? 10_000 : 150 }, { name: 'lbfgs', iterations: 10_000, history: 5, gradientTolerance: 0, changeTolerance: 0 }] },
  network: { hidden: [8, 8] },
  sampling: { interior: 32, boundary: 2 },
  precision,
});
const onJet = (precision: 'float32' | 'float64'): typeof createMethod => (config, model, rng) => new JetPinnMethod(config as never, model, rng, precision);

/** name, config, warm-up steps (past the growth of optimizer histories), measured steps (+10 between samples), method factory. */
const cases: [string, object, number, number, typeof createMethod][] = [
  ['the float32 jet PINN (Adam)', pinn('float32'), 200, 300, onJet('float32')],
  ['the float64 jet PINN (into L-BFGS)', pinn('float64'), 500, 300, onJet('float64')],
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

// Heap after a full GC still moves by ±250 KiB between samples here (the test runner's own traffic,
// code tiering): the median of three samples at each end, and a slack that a leak of ≥ 1.7 KiB
// a step (one array of 200 parameters) over 300 steps exceeds.
const HEAP_SLACK = 512 * 1024;

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
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
    const samples = () => [0, 1, 2].map((k) => (steps(k === 0 ? 0 : 5), memoryUse(method)));
    steps(warmUp);
    const before = samples();
    steps(measured);
    const after = samples();
    method.dispose();
    expect(after.map((m) => m.wasmBytes)).toEqual(before.map((m) => m.wasmBytes));
    const growth = median(after.map((m) => m.heapBytes)) - median(before.map((m) => m.heapBytes));
    expect(growth).toBeLessThan(HEAP_SLACK);
  });
});
