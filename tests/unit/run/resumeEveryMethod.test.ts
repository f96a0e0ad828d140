import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import type { RunConfig } from '../../../workers/config/schema';
import { jetKernelsAvailable } from '../../../workers/engine/wasmJet/kernels';
import { JetPinnMethod } from '../../../workers/methods/jetPinn';
import type { MetricsRow } from '../../../workers/protocol/service';
import type { RunCheckpoint } from '../../../workers/run/checkpoint';
import { decodeCheckpoint, encodeCheckpoint } from '../../../workers/run/checkpointCodec';
import { createMethod, Runner } from '../../../workers/run/runner';
import { periodicHeat1d, poisson1d, tanhFront as front } from '../../smallProblems';

function recorder() {
  const rows: MetricsRow[] = [];
  const checkpoints: RunCheckpoint[] = [];
  return { rows, checkpoints, sink: { rows: (r: MetricsRow[]) => rows.push(...r), snapshot: () => undefined, status: () => undefined, checkpoint: (c: RunCheckpoint) => checkpoints.push(c) } };
}

const heat1d = periodicHeat1d(0.1);

const cpinn = (optimizer: object) =>
  resolveConfig({
    problem: poisson1d,
    method: { name: 'cpinn', discriminator: { hidden: [6] }, optimizer },
    network: { hidden: [6, 6] },
    sampling: { interior: 24, boundary: 2 },
    evaluation: { grid: 32, every: 4, snapshot: 8 },
    checkpoint: { every: 5 },
    precision: 'float64',
  });

const configs: [string, RunConfig, typeof createMethod?][] = [
  ['CPINN with ACGD (RMS accumulators, Krylov warm start)', cpinn({ name: 'acgd', lr: 0.01, iterations: 15, warmStart: true })],
  ['CPINN with CGD (Krylov warm start)', cpinn({ name: 'cgd', lr: 0.01, iterations: 15, warmStart: true })],
  ['CPINN with Adam–ascent', cpinn({ name: 'adam-ascent', lr: 0.01, iterations: 15 })],
  [
    'TENG (initial fit, then Heun steps on random parameter subsets)',
    resolveConfig({
      problem: heat1d,
      method: { name: 'teng', integrator: 'heun', dt: 0.02, iterations: 2, subset: 16, points: 12, fitIterations: 6, fitSubset: 24 },
      network: { hidden: [5] },
      evaluation: { every: 2, grid: 16, snapshot: 8 },
      checkpoint: { every: 5 },
    }),
  ],
  [
    'the classical (Winslow) mesh mover',
    resolveConfig({ problem: front, method: { name: 'mesh-mover', mesh: { cells: [6, 6] }, iterations: 15, errorGrid: 16 }, evaluation: { grid: 16, every: 5, snapshot: 8 }, checkpoint: { every: 5 } }),
  ],
  [
    'the neural mesh mover (across a continuation stage)',
    resolveConfig({
      problem: front,
      method: { name: 'mesh-mover', mover: 'neural', mesh: { cells: [6, 6] }, iterations: 12, points: 48, smoothing: [0.2, 0.1, 0.05], errorGrid: 16 },
      network: { hidden: [6] },
      evaluation: { grid: 16, every: 4, snapshot: 8 },
      checkpoint: { every: 5 },
    }),
  ],
];

// The PINN on the wasm jet engine, float32 and float64, through the Adam → L-BFGS switch (float32 with refinement).
const jetPinn = (precision: 'float32' | 'float64', adaptive: boolean) =>
  resolveConfig({
    problem: poisson1d,
    method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 12 }, { name: 'lbfgs', iterations: 8, history: 4 }] },
    network: { hidden: [6, 6] },
    sampling: { interior: 32, boundary: 2, ...(adaptive ? { adaptive: { every: 4, candidates: 40, add: 4 } } : {}) },
    evaluation: { every: 4, snapshot: 8, grid: 32 },
    // Checkpoints at 4, 8, 12 (the first iteration of L-BFGS is next: the switch itself), 16, 20.
    checkpoint: { every: 4 },
    precision,
  });
const onJet = (precision: 'float32' | 'float64'): typeof createMethod => (config, model, rng) => new JetPinnMethod(config as never, model, rng, precision);
configs.push(['the float32 PINN on the wasm jet engine (with refinement)', jetPinn('float32', true), onJet('float32')]);
configs.push(['the float64 PINN on the wasm jet engine', jetPinn('float64', false), onJet('float64')]);

/** Metrics without the timings in them (the neural mover's operatorMeshMs). */
const untimed = (metrics: Record<string, number>) => Object.fromEntries(Object.entries(metrics).filter(([name]) => !name.endsWith('Ms')));

describe('every method resumes bit-identically', () => {
  it('runs the jet PINNs on the WebAssembly kernels', () => {
    expect(jetKernelsAvailable()).toBe(true);
  });

  it.each(configs)('%s: resumed from each checkpoint, ends as the uninterrupted run', async (_, config, create) => {
    const whole = recorder();
    const reference = await new Runner(create).run(config, whole.sink);
    expect(reference.status, reference.message).toBe('completed');
    expect(whole.checkpoints.length).toBeGreaterThanOrEqual(2);
    for (const saved of whole.checkpoints) {
      // Through the file format, as a resume after a restart reads it.
      const part = recorder();
      const resumed = await new Runner(create).run(config, part.sink, decodeCheckpoint(encodeCheckpoint(saved)));
      expect(resumed.iterations).toBe(reference.iterations);
      expect(untimed(resumed.metrics)).toEqual(untimed(reference.metrics));
      expect(resumed.parameters).toEqual(reference.parameters);
      if (reference.mesh) expect(resumed.mesh!.nodes).toEqual(reference.mesh.nodes);
      const after = whole.rows.filter((r) => r.iteration > saved.iteration);
      expect(part.rows).toEqual(after.map((r) => ({ ...r, seconds: expect.any(Number) })));
    }
  });
});
