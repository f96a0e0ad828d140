import { describe, expect, it } from 'vitest';
import { interpolateNodal, solveCavity } from '../../../workers/reference/cavity';
import { referenceTable } from '../../../workers/reference/tables';
import { referenceShape } from '../../../workers/reference/registry';

describe('lid-driven cavity reference (stream function–vorticity)', () => {
  const solution = solveCavity({ re: 100, n: 64 });

  it('matches Ghia, Ghia & Shin (1982) on the vertical centreline at Re = 100 within 0.005', () => {
    const ghia = referenceTable('ghia1982-re100-u');
    expect(ghia.values).toHaveLength(15);
    const deviations = ghia.points.map(([x, y], i) => Math.abs(interpolateNodal(solution.u, solution.n, x, y) - ghia.values[i]));
    expect(Math.max(...deviations)).toBeLessThan(5e-3);
  });

  it('has the primary vortex of Ghia et al.: ψ_min = −0.103423 (sign: u = ψ_y) within 2%', () => {
    const min = Math.min(...solution.psi);
    expect(Math.abs(min + 0.103423) / 0.103423).toBeLessThan(0.02);
  });

  it('keeps the walls: u = lid on y = 1, zero velocity on the other walls', () => {
    const { u, v, n } = solveCavity({ re: 10, n: 16, lid: (x) => 4 * x * (1 - x) });
    const m = n + 1;
    for (let i = 0; i < m; i++) {
      expect(u[n * m + i]).toBeCloseTo(4 * (i / n) * (1 - i / n), 14);
      expect(u[i]).toBe(0);
      expect(v[i * m]).toBe(0);
    }
  });

  it('converges at a cell Reynolds number above 2 (Re = 400, 64² grid, Re·h = 6.25) to Ghia’s Re = 400 centreline within 0.03', () => {
    const coarse = solveCavity({ re: 400, n: 64, tolerance: 1e-9 });
    const ghia = referenceTable('ghia1982-re400-u');
    const deviations = ghia.points.map(([x, y], i) => Math.abs(interpolateNodal(coarse.u, coarse.n, x, y) - ghia.values[i]));
    expect(Math.max(...deviations)).toBeLessThan(0.03);
    // Ghia's primary vortex at Re = 400: ψ_min = −0.113909.
    expect(Math.abs(Math.min(...coarse.psi) + 0.113909) / 0.113909).toBeLessThan(0.05);
  });

  it('is registered as a reference field of u, v, ψ, ω (no pressure) over (x, y) at Re = 100, 400 and 1000', () => {
    for (const id of ['cavity100', 'cavity400', 'cavity1000']) expect(referenceShape(id)).toEqual({ coordinates: ['x', 'y'], unknowns: ['u', 'v', 'psi', 'omega'] });
    expect(referenceTable('ghia1982-re1000-u').values[4]).toBe(-0.38289);
  });
});

describe('the smoothed lid of the built-in cavity problems', () => {
  it('keeps the centreline within 0.005 of Ghia at Re = 100 (64² grid)', async () => {
    const { smoothedLid } = await import('../../../workers/reference/cavity');
    const solution = solveCavity({ re: 100, n: 64, lid: smoothedLid });
    const ghia = referenceTable('ghia1982-re100-u');
    const deviations = ghia.points.map(([x, y], i) => Math.abs(interpolateNodal(solution.u, solution.n, x, y) - ghia.values[i]));
    expect(Math.max(...deviations)).toBeLessThan(5e-3);
    expect(smoothedLid(0)).toBe(0);
    expect(smoothedLid(1)).toBe(0);
    expect(smoothedLid(0.5)).toBe(1);
  });
});
