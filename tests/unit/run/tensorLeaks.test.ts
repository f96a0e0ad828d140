import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { initBackend } from '../../../workers/engine/backend';
import type { RunCheckpoint } from '../../../workers/run/checkpoint';
import { Runner } from '../../../workers/run/runner';

describe('tfjs memory over many steps', () => {
  beforeAll(async () => {
    // The tfjs PINN (on wasm, float32 PINNs train on the jet engine, which holds no tensors).
    await initBackend('cpu');
  });

  it('holds the tensor count flat through Adam (with refinement), L-BFGS, checkpoints, and a resume', async () => {
    const cfg = resolveConfig({
      problem: { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)' },
      method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 200 }, { name: 'lbfgs', iterations: 60, history: 5, maxEvaluations: 4, gradientTolerance: 0, changeTolerance: 0 }] },
      network: { hidden: [8, 8] },
      sampling: { interior: 64, boundary: 2, adaptive: { every: 80, candidates: 100, add: 5 } },
      evaluation: { every: 25, snapshot: 8, grid: 32 },
      checkpoint: { every: 40 },
    });
    const before = tf.memory().numTensors;
    const counts: [number, number][] = [];
    const checkpoints: RunCheckpoint[] = [];
    let iteration = 0;
    const sink = {
      rows: (rows: { iteration: number }[]) => {
        iteration = rows.at(-1)?.iteration ?? iteration;
        counts.push([iteration, tf.memory().numTensors]);
      },
      snapshot: () => undefined,
      status: () => undefined,
      checkpoint: (c: RunCheckpoint) => checkpoints.push(c),
    };
    const result = await new Runner().run(cfg, sink);
    expect(result.iterations, result.message).toBeGreaterThan(220);
    // While training: the same count in the Adam phase and in the L-BFGS phase, from start to end.
    const adam = counts.filter(([i]) => i > 0 && i < 200).map(([, n]) => n);
    const lbfgs = counts.filter(([i]) => i > 200 && i < result.iterations).map(([, n]) => n);
    expect(adam.length).toBeGreaterThan(1);
    expect(lbfgs.length).toBeGreaterThan(1);
    expect(new Set(adam).size).toBe(1);
    expect(new Set(lbfgs).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    await new Runner().run(cfg, { ...sink, rows: () => undefined }, checkpoints[2]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
