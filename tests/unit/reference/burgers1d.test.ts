import { describe, expect, it } from 'vitest';
import { BURGERS_VISCOSITY, burgersColeHopf, solveBurgers1d } from '../../../workers/reference/burgers1d';
import { gaussHermite } from '../../../workers/reference/gaussHermite';

const u = solveBurgers1d();
const xs = Array.from({ length: 201 }, (_, i) => -1 + i / 100);

/**
 * Independent check: 4th-order central differences on the periodic extension (the solution is
 * odd about x = 0 and x = ±1, so u(±1, t) = 0 holds by symmetry) and classical RK4 in time.
 */
function finiteDifferenceBurgers(cells: number, dt: number, tEnd: number): (x: number) => number {
  const dx = 2 / cells;
  const nu = BURGERS_VISCOSITY;
  const u0 = Float64Array.from({ length: cells }, (_, i) => -Math.sin(Math.PI * (-1 + i * dx)));
  const padded = new Float64Array(cells + 4);
  const rhs = (v: Float64Array, out: Float64Array) => {
    padded.set(v, 2);
    padded[0] = v[cells - 2];
    padded[1] = v[cells - 1];
    padded[cells + 2] = v[0];
    padded[cells + 3] = v[1];
    for (let i = 0; i < cells; i++) {
      const m2 = padded[i];
      const m1 = padded[i + 1];
      const c = padded[i + 2];
      const p1 = padded[i + 3];
      const p2 = padded[i + 4];
      out[i] = (-c * (-p2 + 8 * p1 - 8 * m1 + m2)) / (12 * dx) + (nu * (-p2 + 16 * p1 - 30 * c + 16 * m1 - m2)) / (12 * dx * dx);
    }
  };
  const [k1, k2, k3, k4, w] = Array.from({ length: 5 }, () => new Float64Array(cells));
  const steps = Math.round(tEnd / dt);
  for (let s = 0; s < steps; s++) {
    rhs(u0, k1);
    for (let i = 0; i < cells; i++) w[i] = u0[i] + (dt / 2) * k1[i];
    rhs(w, k2);
    for (let i = 0; i < cells; i++) w[i] = u0[i] + (dt / 2) * k2[i];
    rhs(w, k3);
    for (let i = 0; i < cells; i++) w[i] = u0[i] + dt * k3[i];
    rhs(w, k4);
    for (let i = 0; i < cells; i++) u0[i] += (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }
  return (x) => u0[Math.round((x + 1) / dx)];
}

describe('burgers1d (Cole–Hopf with Gauss–Hermite quadrature)', () => {
  it('returns the initial condition at t = 0 and is close to it at small t', () => {
    for (const x of xs) {
      expect(u(x, 0)).toBe(-Math.sin(Math.PI * x));
      // u ≈ u0 − t u0 u0' + O(t²): at t = 1e-6 the change is below 2e-6
      expect(Math.abs(u(x, 1e-6) + Math.sin(Math.PI * x))).toBeLessThan(2e-6);
    }
  });

  it('vanishes at x = ±1 and is odd in x', () => {
    for (const t of [0.1, 0.5, 1]) {
      expect(Math.abs(u(-1, t))).toBeLessThan(1e-14);
      expect(Math.abs(u(1, t))).toBeLessThan(1e-14);
      for (const x of xs) expect(Math.abs(u(-x, t) + u(x, t))).toBeLessThan(1e-13);
    }
  });

  it('reaches the maximal slope |u_x(0, t)| = 152.00516 at t = 1.6037/π (Basdevant et al. 1986)', () => {
    const t = 1.6037 / Math.PI;
    const h = 1e-6;
    const slope = (u(h, t) - u(-h, t)) / (2 * h);
    expect(Math.abs(slope + 152.00516)).toBeLessThan(1e-4);
    // and it is a maximum in t
    const slopeAt = (s: number) => Math.abs((u(h, s) - u(-h, s)) / (2 * h));
    expect(slopeAt(t - 0.01)).toBeLessThan(-slope);
    expect(slopeAt(t + 0.01)).toBeLessThan(-slope);
  });

  it('has converged in the number of quadrature nodes (200 vs 400 nodes agree to 1e-13)', () => {
    const fine = burgersColeHopf(gaussHermite(400));
    for (const t of [1e-4, 0.3, 1]) for (const x of xs) expect(Math.abs(u(x + 1e-3, t) - fine(x + 1e-3, t))).toBeLessThan(1e-13);
  });

  it('agrees with a 4th-order finite-difference/RK4 solve after the shock has formed (t = 0.4)', () => {
    const tEnd = 0.4;
    const fd = finiteDifferenceBurgers(2000, 1e-4, tEnd);
    // away from the shock the finite differences are far more accurate than 1e-6
    for (const x of [-0.9, -0.5, -0.2, -0.05, 0, 0.1, 0.4, 0.8]) expect(Math.abs(fd(x) - u(x, tEnd))).toBeLessThan(1e-6);
    // inside the shock (|u_x| ≈ 150) the finite differences' own error is a few 1e-6
    for (const x of [-0.01, 0.02]) expect(Math.abs(fd(x) - u(x, tEnd))).toBeLessThan(2e-5);
  });
});
