/**
 * Fourier pseudo-spectral solver for reaction–advection–diffusion equations on the periodic
 * square [0, 2π)²:
 *   u_t = D Δu + R(u, u_x, u_y),
 * the diffusion exactly in Fourier space (L = −D(k_x² + k_y²)) and R on the grid, advanced by
 * ETDRK4 (Cox & Matthews 2002, contour-integral coefficients of Kassam & Trefethen 2005; see
 * etdrk4.ts), fourth order in time and spectrally accurate in space. The spectrum is stored at
 * every snapshot; the value at any t is the snapshot at or before t advanced by the remaining
 * time with the same scheme, then summed as a 2D trigonometric interpolant (Nyquist modes as
 * cosines, so real data stay real). Used as the reference for heat, Allen–Cahn and 2D Burgers
 * (the TENG benchmarks, Chen et al., ICML 2024).
 */
import { complexVector, copyComplex, etdrk4Coefficients, etdrk4Stepper, type ComplexVector } from './etdrk4';
import { wavenumbers } from './fft';
import { toGrid2d, toSpectrum2d } from './fft2d';

/** Writes R(u, u_x, u_y) at every grid point into out (u_x, u_y absent when not requested). */
export type GridReaction = (u: Float64Array, ux: Float64Array | undefined, uy: Float64Array | undefined, out: Float64Array) => void;

export interface Periodic2dProblem {
  /** Modes (grid points) per axis, a power of two. */
  modes: number;
  diffusion: number;
  /** Absent for pure diffusion (then each step is exact). */
  reaction?: GridReaction;
  /** Whether the reaction reads u_x and u_y. */
  reactionUsesGradient?: boolean;
  initial: (x: number, y: number) => number;
  tEnd: number;
  /** ETDRK4 step; snapshots every stepsPerSnapshot steps. */
  dt: number;
  stepsPerSnapshot: number;
}

export interface Periodic2dSolution {
  modes: number;
  /** Snapshot spacing; snapshot k is at time k·interval. */
  interval: number;
  tEnd: number;
  /** Normalised spectrum at time t (cached for the last few t). */
  spectrumAt(t: number): ComplexVector;
  /** u at n points (x, y) given row-major, at time t. */
  evaluate(xy: Float64Array, t: number): Float64Array;
}

const PERIOD = 2 * Math.PI;
const SPECTRUM_CACHE = 8;

/** A function advancing a spectrum in place by time h (coefficients cached per h). */
function spectralAdvancer(problem: Periodic2dProblem): (v: ComplexVector, h: number) => void {
  const n = problem.modes;
  const k = wavenumbers(n, PERIOD);
  const lRe = new Float64Array(n * n);
  for (let my = 0; my < n; my++) for (let mx = 0; mx < n; mx++) lRe[my * n + mx] = -problem.diffusion * (k[mx] * k[mx] + k[my] * k[my]);
  const lIm = new Float64Array(n * n);
  const reaction = problem.reaction;
  const gradient = problem.reactionUsesGradient ?? false;
  const [u, ui, ux, uxi, uy, uyi] = Array.from({ length: 6 }, () => new Float64Array(n * n));
  const nonlinearity = (v: ComplexVector, out: ComplexVector) => {
    if (!reaction) {
      out.re.fill(0);
      out.im.fill(0);
      return;
    }
    u.set(v.re);
    ui.set(v.im);
    toGrid2d(u, ui, n);
    if (gradient) {
      // ∂/∂x multiplies c[my, mx] by i·k_mx, ∂/∂y by i·k_my.
      for (let my = 0; my < n; my++) {
        for (let mx = 0; mx < n; mx++) {
          const e = my * n + mx;
          ux[e] = -k[mx] * v.im[e];
          uxi[e] = k[mx] * v.re[e];
          uy[e] = -k[my] * v.im[e];
          uyi[e] = k[my] * v.re[e];
        }
      }
      toGrid2d(ux, uxi, n);
      toGrid2d(uy, uyi, n);
    }
    reaction(u, gradient ? ux : undefined, gradient ? uy : undefined, out.re);
    out.im.fill(0);
    toSpectrum2d(out.re, out.im, n);
  };
  const steppers = new Map<number, (v: ComplexVector) => void>();
  return (v, h) => {
    let step = steppers.get(h);
    if (!step) steppers.set(h, (step = etdrk4Stepper(etdrk4Coefficients(lRe, lIm, h), nonlinearity)));
    step(v);
  };
}

export function solvePeriodic2d(problem: Periodic2dProblem): Periodic2dSolution {
  const n = problem.modes;
  const { dt, stepsPerSnapshot, tEnd } = problem;
  const interval = dt * stepsPerSnapshot;
  const snapshotCount = Math.round(tEnd / interval);
  if (Math.abs(snapshotCount * interval - tEnd) > 1e-9 * tEnd) throw new RangeError(`solvePeriodic2d: tEnd ${tEnd} is not a whole number of snapshot intervals ${interval}`);
  const advance = spectralAdvancer(problem);
  const state = complexVector(n * n);
  for (let iy = 0; iy < n; iy++) for (let ix = 0; ix < n; ix++) state.re[iy * n + ix] = problem.initial((PERIOD * ix) / n, (PERIOD * iy) / n);
  toSpectrum2d(state.re, state.im, n);
  const snapshots: ComplexVector[] = [copyComplex(state)];
  for (let s = 1; s <= snapshotCount; s++) {
    for (let j = 0; j < stepsPerSnapshot; j++) advance(state, dt);
    snapshots.push(copyComplex(state));
  }

  const cache = new Map<number, ComplexVector>();
  const spectrumAt = (t: number): ComplexVector => {
    const cached = cache.get(t);
    if (cached) return cached;
    if (!(t >= -1e-12 && t <= tEnd * (1 + 1e-12) + 1e-12)) throw new RangeError(`periodic 2D reference: t = ${t} is outside [0, ${tEnd}]`);
    const j = Math.min(snapshotCount, Math.max(0, Math.floor(t / interval + 1e-9)));
    const rest = t - j * interval;
    let spectrum = snapshots[j];
    if (rest > 1e-12 * Math.max(1, t)) {
      spectrum = copyComplex(snapshots[j]);
      const steps = Math.ceil(rest / dt - 1e-9);
      for (let s = 0; s < steps; s++) advance(spectrum, rest / steps);
    }
    if (cache.size >= SPECTRUM_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(t, spectrum);
    return spectrum;
  };
  return { modes: n, interval, tEnd, spectrumAt, evaluate: (xy, t) => evaluateSpectrum2d(spectrumAt(t), n, xy) };
}

/** e^{i m θ} for every mode m in FFT order, the Nyquist mode as cos(n/2·θ) (real). */
function phases(n: number, theta: number, re: Float64Array, im: Float64Array): void {
  for (let m = 0; m < n; m++) {
    const signed = m < n / 2 ? m : m - n;
    if (m === n / 2) {
      re[m] = Math.cos((n / 2) * theta);
      im[m] = 0;
    } else {
      re[m] = Math.cos(signed * theta);
      im[m] = Math.sin(signed * theta);
    }
  }
}

/**
 * Σ c[my, mx] e^{i(m_x x + m_y y)} at n points. The inner sum over m_y is done once per distinct
 * y, so a tensor grid of N_x × N_y points costs N_y·n² + N_x·N_y·n instead of N_x·N_y·n².
 */
export function evaluateSpectrum2d(c: ComplexVector, n: number, xy: Float64Array): Float64Array {
  const count = xy.length / 2;
  const out = new Float64Array(count);
  const rows = new Map<number, { re: Float64Array; im: Float64Array }>();
  const pRe = new Float64Array(n);
  const pIm = new Float64Array(n);
  for (let p = 0; p < count; p++) {
    const y = xy[2 * p + 1];
    let row = rows.get(y);
    if (!row) {
      phases(n, y, pRe, pIm);
      row = { re: new Float64Array(n), im: new Float64Array(n) };
      for (let my = 0; my < n; my++) {
        const er = pRe[my];
        const ei = pIm[my];
        const base = my * n;
        for (let mx = 0; mx < n; mx++) {
          const cr = c.re[base + mx];
          const ci = c.im[base + mx];
          row.re[mx] += cr * er - ci * ei;
          row.im[mx] += cr * ei + ci * er;
        }
      }
      rows.set(y, row);
    }
    phases(n, xy[2 * p], pRe, pIm);
    let sum = 0;
    for (let mx = 0; mx < n; mx++) sum += row.re[mx] * pRe[mx] - row.im[mx] * pIm[mx];
    out[p] = sum;
  }
  return out;
}
