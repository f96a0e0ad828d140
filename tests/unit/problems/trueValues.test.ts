import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { buildProblemModel, trueValues } from '../../../workers/problems/problemModel';

describe('true values for error measurement', () => {
  it('come from the reference solver when a problem has no closed form (Burgers at t = 0 is the initial condition)', () => {
    const model = buildProblemModel(resolveConfig({ problem: { kind: 'burgers1d' } }).problem);
    const points = Float64Array.from([-0.5, 0, 0.25, 0, 0.9, 0, 1, 0.5, -1, 0.7]);
    const [u] = trueValues(model, points);
    expect(u![0]).toBeCloseTo(1, 12);
    expect(u![1]).toBeCloseTo(-Math.sin(Math.PI / 4), 12);
    expect(u![2]).toBeCloseTo(-Math.sin(0.9 * Math.PI), 12);
    expect(Math.abs(u![3])).toBeLessThan(1e-12);
    expect(Math.abs(u![4])).toBeLessThan(1e-12);
  });

  it('come from the exact expressions, one per unknown', () => {
    const model = buildProblemModel(resolveConfig({ problem: { kind: 'heat1d' } }).problem);
    const [u] = trueValues(model, Float64Array.from([0.5, 1]));
    expect(u![0]).toBeCloseTo(Math.exp(-0.1 * Math.PI ** 2), 14);
  });

  it('say a reference solver does not fit the problem it is attached to', () => {
    const result = () =>
      resolveConfig({ problem: { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [1, 1] }, equation: 'u_xx + u_yy = 0', reference: 'burgers1d' } });
    expect(result).toThrow("problem.reference: 'burgers1d' solves for u over (x, t), but this problem has u over (x, y)");
  });
});
