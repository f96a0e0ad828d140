import { describe, expect, it } from 'vitest';
import { REFERENCE_IDS, referenceSolution } from '../../../workers/reference/registry';

describe('reference solution registry', () => {
  it('lists the solvers and refuses an unknown id, naming the known ones', () => {
    expect(REFERENCE_IDS).toEqual(['burgers1d', 'allenCahn1d', 'schrodinger1d', 'heat2dPeriodic', 'cavity100', 'cavity400', 'cavity1000', 'allenCahn2dPeriodic', 'burgers2dPeriodic']);
    expect(() => referenceSolution('kdv')).toThrow("unknown reference solver 'kdv' (known: burgers1d, allenCahn1d, schrodinger1d, heat2dPeriodic, cavity100, cavity400, cavity1000, allenCahn2dPeriodic, burgers2dPeriodic)");
    expect(() => referenceSolution('toString')).toThrow(/unknown reference solver 'toString'/);
  });

  it('computes each solution once and caches it', () => {
    expect(referenceSolution('burgers1d')).toBe(referenceSolution('burgers1d'));
  });

  it('evaluates row-major points and checks their shape', () => {
    const burgers = referenceSolution('burgers1d');
    expect(burgers.coordinates).toEqual(['x', 't']);
    const [u] = burgers.evaluate(Float64Array.of(0.5, 0, -0.5, 0, 1, 0.7));
    expect(Array.from(u)).toEqual([-1, 1, expect.closeTo(0, 14)]);
    expect(() => burgers.evaluate(Float64Array.of(1, 2, 3))).toThrow('burgers1d.evaluate: points has 3 entries, not a multiple of 2 (x, t)');
  });

  it('gives the initial conditions of Allen–Cahn and Schrödinger exactly at t = 0', () => {
    const [ac] = referenceSolution('allenCahn1d').evaluate(Float64Array.of(0.3, 0, 1, 0));
    expect(ac[0]).toBe(0.09 * Math.cos(0.3 * Math.PI));
    expect(ac[1]).toBe(-1);
    const nls = referenceSolution('schrodinger1d');
    expect(nls.unknowns).toEqual(['u', 'v']);
    const [u, v] = nls.evaluate(Float64Array.of(0.4, 0));
    expect(u[0]).toBe(2 / Math.cosh(0.4));
    expect(v[0]).toBe(0);
  });

  it('gives the Schrödinger breather its known peak |h(0, π/4)| = 4 (to the accuracy of the periodic box)', () => {
    const [u, v] = referenceSolution('schrodinger1d').evaluate(Float64Array.of(0, Math.PI / 4));
    expect(Math.abs(Math.hypot(u[0], v[0]) - 4)).toBeLessThan(1e-2);
  });

  it('solves the 2D heat equation: u_t = 0.1 Δu by finite differences at a point', () => {
    const heat = referenceSolution('heat2dPeriodic');
    const h = 1e-3;
    const at = (x: number, y: number, t: number) => heat.evaluate(Float64Array.of(x, y, t))[0][0];
    const [x, y, t] = [0.7, 2.1, 0.5];
    const ut = (at(x, y, t + h) - at(x, y, t - h)) / (2 * h);
    const laplacian = (at(x + h, y, t) + at(x - h, y, t) + at(x, y + h, t) + at(x, y - h, t) - 4 * at(x, y, t)) / (h * h);
    expect(Math.abs(ut - 0.1 * laplacian)).toBeLessThan(1e-6);
    expect(at(x + 2 * Math.PI, y, t)).toBeCloseTo(at(x, y, t), 13);
  });
});
