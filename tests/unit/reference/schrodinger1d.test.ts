import { describe, expect, it } from 'vitest';
import { SCHRODINGER_BENCHMARK, solveSchrodinger1d, spectralMass } from '../../../workers/reference/schrodinger1d';
import { spectralRestartEvaluator } from '../../../workers/reference/spectralHistory';

describe('schrodinger1d (Fourier split-step, Yoshida 4th order)', () => {
  it('reproduces the one-soliton sech(x)·e^{it/2} to 1e-8 on [−30, 30], at and between snapshots', () => {
    const { history, advance } = solveSchrodinger1d({ halfWidth: 30, modes: 512, tEnd: 1, snapshots: 20, stepsPerSnapshot: 20, initial: (x) => [1 / Math.cosh(x), 0] });
    const h = spectralRestartEvaluator(history, advance, 'soliton');
    for (const t of [1, 0.4321]) {
      let error = 0;
      for (let i = 0; i <= 600; i++) {
        const x = -30 + i / 10 + 0.0123;
        const [u, v] = h(x, t);
        error = Math.max(error, Math.hypot(u - Math.cos(t / 2) / Math.cosh(x), v - Math.sin(t / 2) / Math.cosh(x)));
      }
      expect(error).toBeLessThan(1e-8);
    }
  });

  const benchmark = solveSchrodinger1d();
  const mass = (k: number) => spectralMass(benchmark.history.values[k], 10);

  it('conserves the mass ∫|h|² = 8 tanh 5 of the benchmark to 1e-10 up to t = π/2', () => {
    expect(Math.abs(mass(0) - 8 * Math.tanh(5)) / mass(0)).toBeLessThan(1e-3);
    const last = benchmark.history.values.length - 1;
    for (const k of [1, last >> 1, last]) expect(Math.abs(mass(k) / mass(0) - 1)).toBeLessThan(1e-10);
  });

  it('agrees with a run at half the time step to 5e-5 pointwise (order reduction from the kink of 2 sech x at x = ±5)', () => {
    // the first half of the interval, which holds the breather's peak at t = π/4
    const fine = solveSchrodinger1d({ ...SCHRODINGER_BENCHMARK, tEnd: Math.PI / 4, snapshots: 100, stepsPerSnapshot: 2 * SCHRODINGER_BENCHMARK.stepsPerSnapshot });
    const a = spectralRestartEvaluator(benchmark.history, benchmark.advance, 'a');
    const b = spectralRestartEvaluator(fine.history, fine.advance, 'b');
    let worst = 0;
    for (const t of [0.3, 0.5, 0.7, Math.PI / 4]) {
      for (let i = 0; i <= 256; i++) {
        const x = -5 + i / 25.6;
        const [p, q] = [a(x, t), b(x, t)];
        worst = Math.max(worst, Math.hypot(p[0] - q[0], p[1] - q[1]));
      }
    }
    expect(worst).toBeLessThan(5e-5);
  });
});
