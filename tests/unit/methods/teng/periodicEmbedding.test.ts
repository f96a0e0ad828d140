import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../workers/engine/rng';
import { initialTheta } from '../../../../workers/problems/collocation';
import { periodicEmbedding } from '../../../../workers/methods/teng/periodicEmbedding';
import { PeriodicPointSet } from '../../../../workers/methods/teng/periodicNetwork';

const shape = { inputs: 4, hidden: [8, 8], outputs: 1, activation: 'tanh' };
const embedding = periodicEmbedding([0, -1], [2 * Math.PI, 3]);
const theta = initialTheta(shape, new Rng(11));
const valueAt = (x: number, y: number) => new PeriodicPointSet(shape, embedding, Float64Array.from([x, y]), 2).values(theta)[0];

describe('periodic embedding (cos/sin features) with the float64 MLP', () => {
  it('is periodic in every space axis', () => {
    expect(Math.abs(valueAt(0.3, 0.2) - valueAt(0.3 + 2 * Math.PI, 0.2))).toBeLessThan(1e-14);
    expect(Math.abs(valueAt(0.3, 0.2) - valueAt(0.3, 4.2))).toBeLessThan(1e-14);
  });

  it('gives u_x, u_y, u_xx, u_xy, u_yy that match central differences', () => {
    const [x, y] = [1.1, 0.7];
    const set = new PeriodicPointSet(shape, embedding, Float64Array.from([x, y]), 2);
    const d = set.derivatives(theta, [[], [0], [1], [0, 0], [0, 1], [1, 1]]);
    const h = 1e-4;
    const fd = {
      '0': (valueAt(x + h, y) - valueAt(x - h, y)) / (2 * h),
      '1': (valueAt(x, y + h) - valueAt(x, y - h)) / (2 * h),
      '0,0': (valueAt(x + h, y) - 2 * valueAt(x, y) + valueAt(x - h, y)) / (h * h),
      '1,1': (valueAt(x, y + h) - 2 * valueAt(x, y) + valueAt(x, y - h)) / (h * h),
      '0,1': (valueAt(x + h, y + h) - valueAt(x + h, y - h) - valueAt(x - h, y + h) + valueAt(x - h, y - h)) / (4 * h * h),
    };
    expect(d.get('')![0]).toBeCloseTo(valueAt(x, y), 14);
    for (const [key, value] of Object.entries(fd)) expect(Math.abs(d.get(key)![0] - value)).toBeLessThan(key.length === 1 ? 1e-8 : 1e-5);
  });
});
