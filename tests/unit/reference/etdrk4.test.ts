import { describe, expect, it } from 'vitest';
import { etdrk4Coefficients, etdrk4Stepper, type ComplexVector } from '../../../workers/reference/etdrk4';

// u_t = ν u_xx + c u on the periodic interval [0, 2π): mode m decays as e^{(c − νm²)t}.
// The diffusion is the stiff part L; the reaction c·u is passed as the "nonlinear" term N.
const nu = 0.1;
const modes = [0, 1, 3, 7, 40];

function solve(c: number, steps: number, tEnd: number): { error: number } {
  const n = modes.length;
  const lRe = Float64Array.from(modes, (m) => -nu * m * m);
  const step = etdrk4Stepper(etdrk4Coefficients(lRe, new Float64Array(n), tEnd / steps), (v, out) => {
    for (let i = 0; i < n; i++) {
      out.re[i] = c * v.re[i];
      out.im[i] = c * v.im[i];
    }
  });
  const v: ComplexVector = { re: Float64Array.from(modes, (_, i) => 1 / (i + 1)), im: Float64Array.from(modes, (_, i) => -0.5 / (i + 1)) };
  for (let s = 0; s < steps; s++) step(v);
  let error = 0;
  modes.forEach((m, i) => {
    const decay = Math.exp((c - nu * m * m) * tEnd);
    error = Math.max(error, Math.abs(v.re[i] - decay / (i + 1)), Math.abs(v.im[i] + (0.5 * decay) / (i + 1)));
  });
  return { error };
}

describe('ETDRK4', () => {
  it('integrates the linear heat equation exactly when everything is in L', () => {
    expect(solve(0, 10, 1).error).toBeLessThan(1e-15);
  });

  it('solves heat with a reaction term in N to 1e-10, with fourth-order convergence', () => {
    const coarse = solve(1, 100, 1).error;
    const fine = solve(1, 200, 1).error;
    expect(fine).toBeLessThan(1e-10);
    expect(coarse / fine).toBeGreaterThan(14);
    expect(coarse / fine).toBeLessThan(18);
  });

  it('has contour-integral coefficients that match the closed forms where those are accurate', () => {
    const z = -2.5;
    const { q, f1, f2, f3 } = etdrk4Coefficients(Float64Array.of(z), Float64Array.of(0), 1);
    const ez = Math.exp(z);
    expect(q.re[0]).toBeCloseTo((Math.exp(z / 2) - 1) / z, 13);
    expect(f1.re[0]).toBeCloseTo((-4 - z + ez * (4 - 3 * z + z * z)) / z ** 3, 13);
    expect(f2.re[0]).toBeCloseTo((2 + z + ez * (z - 2)) / z ** 3, 13);
    expect(f3.re[0]).toBeCloseTo((-4 - 3 * z - z * z + ez * (4 - z)) / z ** 3, 13);
    expect(Math.abs(q.im[0])).toBeLessThan(1e-15);
  });
});
