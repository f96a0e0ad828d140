import { describe, expect, it } from 'vitest';
import { Rng } from '../../../workers/engine/rng';
import { filterNormalise, filterNormalisedDirection, mlpBlocks } from '../../../workers/analysis/filterNormalisedDirection';
import { lossLandscape } from '../../../workers/analysis/lossLandscape';
import { CancelledError } from '../../../workers/analysis/lossSweep';

// A 2-3-1 MLP: W1 [2,3], b1 [1,3], W2 [3,1], b2 [1,1].
const shapes: [number, number][] = [[2, 3], [1, 3], [3, 1], [1, 1]];

describe('filter-normalised directions (Li et al. 2018)', () => {
  it('rescales each neuron column of each weight to the norm of θ’s column, keeping its direction; biases zero or copied', () => {
    const theta = Float64Array.from([1, 2, 3, 4, 5, 6, 0.1, 0.2, 0.3, 2, -2, 1, 0.5]);
    const raw = Float64Array.from([3, 0, 1, 4, 0, 1, 9, 9, 9, 1, 1, 1, 9]);
    const d = filterNormalise(Float64Array.from(raw), theta, mlpBlocks(shapes));
    // W1 column j holds entries j and 3 + j; ‖θ col 0‖ = √17, raw col 0 = (3, 4) → (3, 4)·√17/5.
    expect(d[0]).toBeCloseTo((3 * Math.sqrt(17)) / 5, 14);
    expect(d[3]).toBeCloseTo((4 * Math.sqrt(17)) / 5, 14);
    expect(Math.hypot(d[2], d[5])).toBeCloseTo(Math.hypot(3, 6), 14);
    expect(d[2] / d[5]).toBeCloseTo(1, 14);
    expect([d[1], d[4]]).toEqual([0, 0]); // a zero raw column stays zero
    expect(Array.from(d.subarray(6, 9))).toEqual([0, 0, 0]);
    // W2 is one neuron: the whole [3, 1] column scaled to ‖(2, −2, 1)‖ = 3.
    expect(Math.hypot(d[9], d[10], d[11])).toBeCloseTo(3, 14);
    expect(d[12]).toBe(0);
    const copied = filterNormalise(Float64Array.from(raw), theta, mlpBlocks(shapes), 'copy');
    expect(Array.from(copied.subarray(6, 9))).toEqual([0.1, 0.2, 0.3]);
  });

  it('refuses blocks that do not cover the parameters', () => {
    expect(() => filterNormalise(new Float64Array(4), new Float64Array(4), mlpBlocks([[2, 3]]))).toThrow('filter normalisation: direction (4), parameters (4) and blocks (6) differ in size');
  });
});

describe('loss landscape', () => {
  const theta = Float64Array.from({ length: 13 }, (_, i) => Math.sin(i + 1));
  const loss = (x: Float64Array) => x.reduce((s, v, i) => s + (i + 1) * v * v + Math.cos(v), 0);
  const rng = new Rng(4);
  const d1 = filterNormalisedDirection(theta, mlpBlocks(shapes), rng);
  const d2 = filterNormalisedDirection(theta, mlpBlocks(shapes), rng);

  it('equals the loss at θ at (0, 0) and loss(θ + α d₁ + β d₂) at every node', async () => {
    const axis = { min: -1, max: 1, n: 5 };
    const progress: number[] = [];
    const landscape = await lossLandscape(loss, theta, [d1, d2], { alpha: axis, beta: { min: -0.5, max: 0.5, n: 3 } }, { onProgress: (done) => progress.push(done) });
    expect(landscape.losses[1 * 5 + 2]).toBe(loss(Float64Array.from(theta)));
    const point = theta.map((v, j) => v + 0.5 * d1[j] - 0.5 * d2[j]);
    expect(landscape.losses[0 * 5 + 3]).toBeCloseTo(loss(point), 12);
    expect(progress.at(-1)).toBe(15);
  });

  it('stops with a CancelledError when cancelled', async () => {
    const cancel = { cancelled: true };
    await expect(lossLandscape(loss, theta, [d1, d2], { alpha: { min: -1, max: 1, n: 3 }, beta: { min: -1, max: 1, n: 3 } }, { cancel })).rejects.toThrow(CancelledError);
  });
});
