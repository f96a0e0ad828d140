import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { forceOnHole, problemMetrics, profileDeviation } from '../../../workers/run/problemMetrics';
import { referenceTable } from '../../../workers/reference/tables';

const cylinder = buildProblemModel(resolveConfig({ problem: { kind: 'cylinder-2d1' } }).problem);
const spec = cylinder.metrics.find((m) => m.kind === 'forceCoefficients')!;
if (spec.kind !== 'forceCoefficients') throw new Error('the cylinder declares its force coefficients');
// The built-in problem is in units of the diameter and the mean inflow: disk of radius 0.5 at (2, 2), ν = 1/Re.
const [cx, cy, R, mu] = [2, 2, 0.5, 0.05];

/** A field given pointwise as [u, v, p] at (x, y). */
const fieldOf = (f: (x: number, y: number) => [number, number, number]) => (points: Float64Array) => {
  const n = points.length / 2;
  const out = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const values = f(points[2 * i], points[2 * i + 1]);
    for (let q = 0; q < 3; q++) out[q][i] = values[q];
  }
  return out;
};

describe('drag and lift from the surface integral of the stress', () => {
  it('give the buoyancy of a linear pressure: p = −x pushes the disk with πR² along x, p = −y along y', () => {
    const px = forceOnHole(cylinder, spec, fieldOf((x) => [0, 0, -x]));
    expect(px.fx).toBeCloseTo(Math.PI * R * R, 12);
    expect(px.fy).toBeCloseTo(0, 12);
    const py = forceOnHole(cylinder, spec, fieldOf((_, y) => [0, 0, -y]));
    expect(py.fy).toBeCloseTo(Math.PI * R * R, 12);
  });

  it('give the viscous force of u = (r² − R², 0), zero on the circle: F_x = 6πμR² (∂u/∂n = 2R, σ·n = μ(∂u/∂n + n (n·∂u/∂n)))', () => {
    const force = forceOnHole(cylinder, spec, fieldOf((x, y) => [(x - cx) ** 2 + (y - cy) ** 2 - R * R, 0, 0]));
    expect(force.fx / (6 * Math.PI * mu * R * R)).toBeCloseTo(1, 8);
    expect(force.fy).toBeCloseTo(0, 12);
  });

  it('scale to coefficients c = 2F/(ρ Ū² D) with Ū = 1, D = 1', () => {
    const metrics = problemMetrics(cylinder, fieldOf((x) => [0, 0, -x]));
    expect(metrics.cD).toBeCloseTo(2 * Math.PI * R * R, 10);
    expect(metrics.cL).toBeCloseTo(0, 10);
  });

  it("are those of the benchmark's physical units (D = 0.1, Ū = 0.2, ν = 0.001) for the same flow", () => {
    const physical = buildProblemModel(
      resolveConfig({
        problem: {
          kind: 'custom',
          domain: { type: 'box', min: [0, 0], max: [2.2, 0.41], holes: [{ center: [0.2, 0.2], radius: 0.05 }] },
          unknowns: ['u', 'v', 'p'],
          equation: ['u*u_x + v*u_y + p_x - 0.001*(u_xx + u_yy) = 0', 'u*v_x + v*v_y + p_y - 0.001*(v_xx + v_yy) = 0', 'u_x + v_y = 0'],
          metrics: [{ kind: 'forceCoefficients', hole: 0, viscosity: 0.001, density: 1, referenceVelocity: 0.2, referenceLength: 0.1 }],
        },
      }).problem,
    );
    // A flow with no slip on the circle, skewed so that both pressure and shear give drag and lift.
    const scaled = (x: number, y: number): [number, number, number] => {
      const wall = (x - cx) ** 2 + (y - cy) ** 2 - R * R;
      return [wall * (1 + 0.3 * x), wall * 0.2 * y, -x + 0.5 * y * y];
    };
    const [D, U] = [0.1, 0.2];
    const inPhysicalUnits = (x: number, y: number): [number, number, number] => {
      const [u, v, p] = scaled(x / D, y / D);
      return [U * u, U * v, U * U * p];
    };
    const nondimensional = problemMetrics(cylinder, fieldOf(scaled));
    const benchmarkUnits = problemMetrics(physical, fieldOf(inPhysicalUnits));
    expect(Math.abs(nondimensional.cL)).toBeGreaterThan(0.1);
    expect(benchmarkUnits.cD).toBeCloseTo(nondimensional.cD, 9);
    expect(benchmarkUnits.cL).toBeCloseTo(nondimensional.cL, 9);
  });
});

describe('deviation from a published profile', () => {
  it('is the largest |u − u_table| over the table points (Ghia centreline)', () => {
    const cavity = buildProblemModel(resolveConfig({ problem: { kind: 'cavity-re100' } }).problem);
    const table = referenceTable('ghia1982-re100-u');
    const shifted = (points: Float64Array) => {
      const n = points.length / 2;
      const u = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const k = table.points.findIndex(([x, y]) => x === points[2 * i] && y === points[2 * i + 1]);
        u[i] = table.values[k] + (k === 4 ? -0.03 : 0.01);
      }
      return [u, new Float64Array(n), new Float64Array(n)];
    };
    expect(profileDeviation(cavity, 'ghia1982-re100-u', shifted)).toBeCloseTo(0.03, 12);
    expect(Object.keys(problemMetrics(cavity, shifted))).toEqual(['ghiaMaxAbsDev']);
  });
});
