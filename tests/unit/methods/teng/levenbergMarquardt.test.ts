import { describe, expect, it } from 'vitest';
import { initialDamping, nextDamping, predictedDecrease } from '../../../../workers/methods/teng/levenbergMarquardt';

describe('Levenberg–Marquardt damping (Nielsen)', () => {
  it('predicts the decrease of ‖r‖² exactly for a linear model: ‖r‖² − ‖r − Aδ‖²', () => {
    const a = Float64Array.from([1, 2, 0, -1, 3, 0.5]); // 3 × 2
    const r = Float64Array.from([0.3, -1.2, 2]);
    const delta = Float64Array.from([0.7, -0.4]);
    const after = [0, 1, 2].map((i) => r[i] - (a[2 * i] * delta[0] + a[2 * i + 1] * delta[1]));
    const expected = r.reduce((s, v) => s + v * v, 0) - after.reduce((s, v) => s + v * v, 0);
    expect(predictedDecrease(a, 3, 2, r, delta)).toBeCloseTo(expected, 14);
  });

  it('accepts a step that decreases the sum of squares, shrinking λ by 3 when the model is exact', () => {
    const { accept, state } = nextDamping(initialDamping(1e-3), 2, 2);
    expect(accept).toBe(true);
    expect(state.relativeDamping).toBeCloseTo(1e-3 / 3, 18);
    expect(state.growth).toBe(2);
  });

  it('keeps λ for a gain ratio of 1/2 and rejects a step that increases it, growing λ by 2, then 4', () => {
    expect(nextDamping(initialDamping(1e-3), 1, 2).state.relativeDamping).toBeCloseTo(1e-3, 18);
    const first = nextDamping(initialDamping(1e-3), -1, 2);
    expect(first.accept).toBe(false);
    expect(first.state.relativeDamping).toBeCloseTo(2e-3, 18);
    const second = nextDamping(first.state, -1, 2);
    expect(second.state.relativeDamping).toBeCloseTo(8e-3, 18);
  });
});
