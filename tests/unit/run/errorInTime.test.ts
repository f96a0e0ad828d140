import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import type { SolverMethod } from '../../../workers/methods/method';
import { buildProblemModel, trueValues } from '../../../workers/problems/problemModel';
import { errorInTime, finalTimeMetrics } from '../../../workers/run/timeSlice';

// 1D periodic heat over t ∈ [0, 2]: u = e^{−0.1t} sin x.
const config = resolveConfig({
  problem: {
    kind: 'custom',
    domain: { type: 'box', min: [0], max: [2 * Math.PI], time: [0, 2], periodic: true },
    equation: 'u_t = 0.1*u_xx',
    initial: { value: 'sin(x)' },
    exact: 'exp(-0.1*t)*sin(x)',
  },
});
const model = buildProblemModel(config.problem);

/** A space–time "network" that is the exact solution off by a relative (1 + t)·1e-3. */
const nearlyExact = {
  predict(points: Float64Array) {
    const exact = trueValues(model, points)[0]!;
    return [Float32Array.from(exact, (u, i) => u * (1 + (1 + points[2 * i + 1]) * 1e-3))];
  },
} as unknown as SolverMethod;

describe("a space–time run's error at evenly spaced times", () => {
  it('measures relL2 on the space grid at t = 0, 0.2, …, 2 (11 times)', () => {
    const profile = errorInTime(model, nearlyExact, 64)!;
    expect(profile.map((e) => e.t)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8, 2].map((t) => expect.closeTo(t, 12)));
    // float32 predictions: 1e-7 relative on top of the (1 + t)·1e-3 made up.
    profile.forEach(({ t, relL2 }) => expect(relL2).toBeCloseTo((1 + t) * 1e-3, 6));
  });
});

describe("a space–time run's error at the final time (relL2_final, relL2_<unknown>_final)", () => {
  const taylorGreen = buildProblemModel(resolveConfig({ problem: { kind: 'taylor-green' } }).problem);
  /** Exact u off by 1e-3 · t (relative), v exact, p exact plus a gauge constant 0.7 + t. */
  const network = {
    predict64(points: Float64Array) {
      const [u, v, p] = trueValues(taylorGreen, points) as Float64Array[];
      const t = (i: number) => points[3 * i + 2];
      return [u.map((value, i) => value * (1 + 1e-3 * t(i))), v, p.map((value, i) => value + 0.7 + t(i))];
    },
  } as unknown as SolverMethod;

  it('is measured at t = end, the pressure after removing its mean difference', () => {
    const metrics = finalTimeMetrics(taylorGreen, network, 32);
    expect(metrics.relL2_u_final).toBeCloseTo(1e-3, 12);
    expect(metrics.relL2_v_final).toBe(0);
    expect(metrics.relL2_p_final).toBeLessThan(1e-12);
    expect(Object.keys(metrics).sort()).toEqual(['relL2_final', 'relL2_p_final', 'relL2_u_final', 'relL2_v_final']);
  });
});
