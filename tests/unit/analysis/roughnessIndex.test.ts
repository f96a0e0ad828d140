import { describe, expect, it } from 'vitest';
import { Rng } from '../../../workers/engine/rng';
import { mlpBlocks } from '../../../workers/analysis/filterNormalisedDirection';
import { normalisedTotalVariation, roughnessAt, roughnessOfProfiles } from '../../../workers/analysis/roughnessIndex';

const grid = (n: number) => Array.from({ length: n }, (_, k) => -1 + (2 * k) / (n - 1));

describe('normalised total variation', () => {
  it('is 0 for profiles that only fall then rise, and counts a bump by its height over the range', () => {
    expect(normalisedTotalVariation(grid(41).map((t) => 3 * t * t + t))).toBeCloseTo(0, 12);
    expect(normalisedTotalVariation(grid(41).map((t) => -2 * t))).toBeCloseTo(0, 12);
    expect(normalisedTotalVariation([5, 5, 5])).toBe(0);
    // falls 4 → 0, one bump 0 → 1 → 0, rises 0 → 2: TV 8, V₀ 6, range 4.
    expect(normalisedTotalVariation([4, 0, 1, 0, 2])).toBeCloseTo(0.5, 12);
  });
});

describe('roughness index', () => {
  it('ranks a family of smooth quadratics below a highly oscillatory family', () => {
    const rng = new Rng(3);
    const t = grid(101);
    const quadratics = Array.from({ length: 20 }, () => {
      const [a, b] = [0.5 + rng.uniform(), rng.uniform() - 0.5];
      return t.map((x) => a * x * x + b * x);
    });
    const oscillatory = Array.from({ length: 20 }, () => {
      const [a, w] = [0.5 + rng.uniform(), 20 + 10 * rng.uniform()];
      return t.map((x) => a * x * x + 0.3 * Math.sin(w * x));
    });
    const smooth = roughnessOfProfiles(quadratics);
    const rough = roughnessOfProfiles(oscillatory);
    expect(smooth.roughnessIndex).toBeLessThan(1e-12);
    expect(smooth.variance).toBeLessThan(1e-20);
    expect(rough.roughnessIndex).toBeGreaterThan(1);
    expect(rough.variance).toBeGreaterThan(0);
  });

  it('along filter-normalised directions through θ: a quadratic loss is smooth, an oscillating one rough', async () => {
    const shapes: [number, number][] = [[3, 4], [1, 4], [4, 1], [1, 1]];
    const rng = new Rng(5);
    const theta = Float64Array.from({ length: 21 }, () => rng.normal());
    const quadratic = (x: Float64Array) => x.reduce((s, v) => s + v * v, 0);
    const wavy = (x: Float64Array) => quadratic(x) + x.reduce((s, v) => s + 0.5 * Math.sin(25 * v), 0);
    const options = { directions: 6, samples: 61, seed: 2 };
    const smooth = await roughnessAt(quadratic, theta, mlpBlocks(shapes), options);
    const rough = await roughnessAt(wavy, theta, mlpBlocks(shapes), options);
    expect(smooth.roughnessIndex).toBeLessThan(1e-9);
    expect(rough.roughnessIndex).toBeGreaterThan(0.5);
    expect(rough.perDirection).toHaveLength(6);
  });
});
