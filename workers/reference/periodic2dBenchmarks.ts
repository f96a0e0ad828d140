/**
 * The TENG benchmarks on the periodic square [0, 2π)² (Chen et al., ICML 2024), D = 0.1, with
 * our own smooth initial conditions (a few Fourier modes), solved by spectral2d.ts:
 *   Allen–Cahn  u_t = 0.1 Δu + u − u³,
 *   Burgers     u_t = −u (u_x + u_y) + 0.1 Δu.
 * The built-in problems allen-cahn2d.json and burgers2d.json state the same initial conditions
 * as expressions (a test checks that they agree). 64 modes per axis and dt = 0.0025: 32 modes
 * with dt = 0.005 differ from it by 2.5e-9 at t = 0.5 (spectral2d tests), so with fourth order in
 * time its own error is about 2e-10.
 */
import type { Periodic2dProblem } from './spectral2d';

export const PERIODIC2D_DIFFUSION = 0.1;

export const ALLEN_CAHN_2D: Periodic2dProblem = {
  modes: 64,
  diffusion: PERIODIC2D_DIFFUSION,
  reaction: (u, _ux, _uy, out) => {
    for (let i = 0; i < u.length; i++) out[i] = u[i] - u[i] * u[i] * u[i];
  },
  initial: (x, y) => 0.5 * Math.sin(x) * Math.cos(y) + 0.25 * Math.cos(2 * x) * Math.sin(y),
  tEnd: 1,
  dt: 0.0025,
  stepsPerSnapshot: 4,
};

export const BURGERS_2D: Periodic2dProblem = {
  modes: 64,
  diffusion: PERIODIC2D_DIFFUSION,
  reactionUsesGradient: true,
  reaction: (u, ux, uy, out) => {
    for (let i = 0; i < u.length; i++) out[i] = -u[i] * (ux![i] + uy![i]);
  },
  initial: (x, y) => 0.5 * Math.sin(x) * Math.sin(y) + 0.3 * Math.cos(x + y),
  tEnd: 1,
  dt: 0.0025,
  stepsPerSnapshot: 4,
};
