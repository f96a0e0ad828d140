import { describe, expect, it } from 'vitest';
import { heat2dPeriodic, HEAT2D_MODES } from '../../../workers/reference/heat2dPeriodic';
import { ALLEN_CAHN_2D, BURGERS_2D } from '../../../workers/reference/periodic2dBenchmarks';
import { solvePeriodic2d, type Periodic2dProblem } from '../../../workers/reference/spectral2d';

// Off-grid points, so the trigonometric interpolant is exercised between the grid nodes.
const points = new Float64Array(2 * 200);
for (let i = 0; i < 200; i++) {
  points[2 * i] = (2 * Math.PI * ((i * 0.618034) % 1)) + 0.013;
  points[2 * i + 1] = (2 * Math.PI * ((i * 0.414214) % 1)) + 0.007;
}
const maxError = (values: Float64Array, exact: (x: number, y: number) => number) =>
  values.reduce((m, v, i) => Math.max(m, Math.abs(v - exact(points[2 * i], points[2 * i + 1]))), 0);

const base: Periodic2dProblem = {
  modes: 16,
  diffusion: 0.1,
  initial: (x, y) => heat2dPeriodic(x, y, 0),
  tEnd: 1,
  dt: 0.01,
  stepsPerSnapshot: 10,
};

describe('solvePeriodic2d (Fourier pseudo-spectral + ETDRK4 on [0, 2π)²)', () => {
  it('matches the exact periodic heat solution, between snapshots too', () => {
    const solution = solvePeriodic2d(base);
    for (const t of [0, 0.35, 1]) expect(maxError(solution.evaluate(points, t), (x, y) => heat2dPeriodic(x, y, t))).toBeLessThan(1e-13);
  });

  it('matches heat with a linear reaction, u_t = DΔu + 0.5u, exact e^{t/2}·heat (ETDRK4 path)', () => {
    const solution = solvePeriodic2d({ ...base, reaction: (u, _x, _y, out) => out.set(u.map((v) => 0.5 * v)) });
    expect(maxError(solution.evaluate(points, 1), (x, y) => Math.exp(0.5) * heat2dPeriodic(x, y, 1))).toBeLessThan(1e-9);
  });

  it('matches heat advected by u_t = DΔu − u_x − 0.5u_y, exact heat(x − t, y − t/2) (gradient path)', () => {
    const solution = solvePeriodic2d({
      ...base,
      dt: 0.005,
      stepsPerSnapshot: 20,
      reactionUsesGradient: true,
      reaction: (_u, ux, uy, out) => out.set(ux!.map((v, i) => -v - 0.5 * uy![i])),
    });
    const t = 0.7;
    expect(maxError(solution.evaluate(points, t), (x, y) => heat2dPeriodic(x - t, y - t / 2, t, HEAT2D_MODES))).toBeLessThan(1e-9);
  });

  // Fourth order: the built-in setting's own error is about 1/16 of this difference.
  it('resolves the Allen–Cahn and Burgers benchmarks: 32 modes and twice the step agree with the built-in setting to 1e-8', () => {
    for (const problem of [ALLEN_CAHN_2D, BURGERS_2D]) {
      const coarse = solvePeriodic2d({ ...problem, modes: 32, dt: 2 * problem.dt, stepsPerSnapshot: 50, tEnd: 0.5 });
      const fine = solvePeriodic2d({ ...problem, stepsPerSnapshot: 100, tEnd: 0.5 });
      const a = coarse.evaluate(points, 0.5);
      const b = fine.evaluate(points, 0.5);
      expect(a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0)).toBeLessThan(1e-8);
    }
  });
});

describe('the built-in Allen–Cahn and Burgers 2D problems', () => {
  it('state the same initial conditions as their spectral references', async () => {
    const { builtinProblem } = await import('../../../workers/problems/library');
    const { compileNumeric } = await import('../../../workers/expr/compile');
    const { parseExpression } = await import('../../../workers/expr/parser');
    for (const [id, problem] of [['allen-cahn2d', ALLEN_CAHN_2D], ['burgers2d', BURGERS_2D]] as const) {
      const text = (builtinProblem(id)!.problem as { initial: { value: string } }).initial.value;
      const u0 = compileNumeric(parseExpression(text), { coordinates: ['x', 'y', 't'], unknowns: [] });
      for (let i = 0; i < 20; i++) expect(u0([points[2 * i], points[2 * i + 1], 0])).toBeCloseTo(problem.initial(points[2 * i], points[2 * i + 1]), 14);
    }
  });
});
