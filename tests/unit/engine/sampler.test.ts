import { describe, expect, it } from 'vitest';
import { Rng } from '../../../workers/engine/rng';
import { sampleBox, sampleFaces } from '../../../workers/problems/sampler';
import { sobolUnitPoints } from '../../../workers/problems/sobol';

/** Star discrepancy proxy: worst |fraction of points in [0,a)×[0,b) − ab| over a grid of corners. */
function boxDiscrepancy(points: Float64Array, n: number): number {
  let worst = 0;
  for (let a = 0.1; a <= 1; a += 0.1) {
    for (let b = 0.1; b <= 1; b += 0.1) {
      let inside = 0;
      for (let i = 0; i < n; i++) if (points[2 * i] < a && points[2 * i + 1] < b) inside++;
      worst = Math.max(worst, Math.abs(inside / n - a * b));
    }
  }
  return worst;
}

describe('samplers', () => {
  it('Sobol points before the shift are the textbook sequence', () => {
    const zeroShift = { uniform: () => 0 } as unknown as Rng;
    const p = sobolUnitPoints(4, 2, zeroShift);
    expect(Array.from(p)).toEqual([0.5, 0.5, 0.75, 0.25, 0.25, 0.75, 0.375, 0.375]);
  });

  it('Sobol and Latin hypercube points cover the square more evenly than random ones', () => {
    const n = 1024;
    const random = boxDiscrepancy(sampleBox([0, 0], [1, 1], n, 'random', new Rng(1)), n);
    const sobol = boxDiscrepancy(sampleBox([0, 0], [1, 1], n, 'sobol', new Rng(1)), n);
    expect(sobol).toBeLessThan(random / 3);
    expect(sobol).toBeLessThan(0.01);
  });

  it('Latin hypercube puts exactly one point in each of n strata per coordinate', () => {
    const n = 50;
    const points = sampleBox([0, 10], [1, 20], n, 'lhs', new Rng(3));
    for (let k = 0; k < 2; k++) {
      const strata = new Set<number>();
      for (let i = 0; i < n; i++) strata.add(Math.floor(((points[2 * i + k] - [0, 10][k]) / [1, 10][k]) * n));
      expect(strata.size).toBe(n);
    }
  });

  it('face points lie on their face with the outward normal', () => {
    const { points, normals } = sampleFaces({ type: 'box', min: [0, 0], max: [2, 1] }, [{ dim: 0, side: 'max' }, { dim: 1, side: 'min' }], 30, 'sobol', new Rng(2));
    for (let i = 0; i < points.length / 2; i++) {
      const onRight = points[2 * i] === 2 && normals[2 * i] === 1;
      const onBottom = points[2 * i + 1] === 0 && normals[2 * i + 1] === -1;
      expect(onRight || onBottom).toBe(true);
    }
  });
});
