import { describe, expect, it } from 'vitest';
import { ALLEN_CAHN_BENCHMARK, solveAllenCahn1d } from '../../../workers/reference/allenCahn1d';
import { spectralHistoryEvaluator } from '../../../workers/reference/spectralHistory';

const xs = Array.from({ length: 401 }, (_, i) => -1 + i / 200 + 1.3e-3);
const solve = (snapshots: number, stepsPerSnapshot: number) =>
  spectralHistoryEvaluator(solveAllenCahn1d({ ...ALLEN_CAHN_BENCHMARK, modes: 512, snapshots, stepsPerSnapshot }), 'allenCahn1d');
// dt = 2e-3 with snapshots every 0.02, and dt = 1e-3 with snapshots every 0.002
const coarse = solve(50, 10);
const fine = solve(500, 2);
const maxDifference = (t: number) => xs.reduce((m, x) => Math.max(m, Math.abs(coarse(x, t)[0] - fine(x, t)[0])), 0);

describe('allenCahn1d (Fourier pseudo-spectral + ETDRK4)', () => {
  it('changes by less than 1e-6 at t = 1 when dt is halved', () => {
    expect(maxDifference(1)).toBeLessThan(1e-6);
  });

  it('interpolates between snapshots 0.02 apart to 1e-6 (Hermite in time, trigonometric in x)', () => {
    for (const t of [0.05, 0.13, 0.25, 0.39, 0.51, 0.77, 0.93]) expect(maxDifference(t)).toBeLessThan(1e-6);
  });

  it('starts from x² cos(πx), stays periodic and within [−1, 1]', () => {
    for (const x of xs.slice(0, 50)) expect(Math.abs(fine(x, 0)[0] - x * x * Math.cos(Math.PI * x))).toBeLessThan(1e-2);
    for (const t of [0.3, 1]) {
      expect(Math.abs(fine(-1, t)[0] - fine(1, t)[0])).toBeLessThan(1e-12);
      for (const x of xs) expect(Math.abs(fine(x, t)[0])).toBeLessThan(1 + 1e-6);
    }
  });

  it('refuses times outside [0, 1]', () => {
    expect(() => fine(0, 1.5)).toThrow(/allenCahn1d: t = 1.5 is outside \[0, 1\]/);
  });
});
