/**
 * Nonlinear Schrödinger benchmark of Raissi, Perdikaris & Karniadakis (J. Comput. Phys. 378, 2019):
 *   i h_t + 0.5 h_xx + |h|² h = 0,  x ∈ [−5, 5] periodic,  t ∈ [0, π/2],  h(x, 0) = 2 sech(x),
 * unknowns u = Re h, v = Im h. Fourier split-step: the Strang step (Strang 1968)
 *   S(τ) = e^{τA/2} e^{τB} e^{τA/2},  A: ĥ ← e^{−iτk²/2} ĥ (exact in Fourier space),
 *                                      B: h ← h e^{iτ|h|²} (exact on the grid, |h| is invariant),
 * composed as S(w₁τ) S(w₀τ) S(w₁τ), w₁ = 1/(2 − 2^{1/3}), w₀ = 1 − 2w₁ (Yoshida, Phys. Lett. A
 * 150, 1990): fourth order in time, spectral in space, and every substep conserves the mass
 * ∫|h|² exactly. Dense output: re-integration from the nearest snapshot (the dispersive high modes
 * rotate too fast to interpolate in time) and trigonometric interpolation in space
 * (spectralHistory.ts).
 * Accuracy: the periodic extension of 2 sech(x) has a derivative jump of 0.054 at x = ±5, so the
 * Fourier coefficients decay only like k⁻² and both split-step and ETDRK4 lose order on the fast
 * dispersive waves this kink emits. Measured against 4096 modes with a 4× smaller step: relative
 * L2 error 3e-6, pointwise at most 1.3e-5 (|h| ≤ 4), over t ∈ [0, π/2].
 */
import { complexVector, type ComplexVector } from './etdrk4';
import { toGrid, toSpectrum, wavenumbers } from './fft';
import { recordSpectralHistory, type SpectralHistory } from './spectralHistory';

export interface SchrodingerOptions {
  halfWidth: number;
  modes: number;
  tEnd: number;
  snapshots: number;
  stepsPerSnapshot: number;
  /** h(x, 0) as [Re, Im]. */
  initial: (x: number) => [number, number];
}

export const SCHRODINGER_BENCHMARK: SchrodingerOptions = {
  halfWidth: 5,
  modes: 1024,
  tEnd: Math.PI / 2,
  snapshots: 200,
  stepsPerSnapshot: 4,
  initial: (x) => [2 / Math.cosh(x), 0],
};

const YOSHIDA_OUTER = 1 / (2 - Math.cbrt(2));
const YOSHIDA_INNER = 1 - 2 * YOSHIDA_OUTER;

export interface SchrodingerSolution {
  history: SpectralHistory;
  /** Advances a normalised spectrum by τ (either sign) in steps no longer than the solver's. */
  advance: (v: ComplexVector, tau: number) => void;
}

/** Yoshida-composed Strang splitting for spectra of length n on the given period. */
export function schrodingerPropagator(n: number, period: number, maxStep: number): (v: ComplexVector, tau: number) => void {
  const k = wavenumbers(n, period);
  const kinetic = k.map((km) => -0.5 * km * km);
  // e^{−iτk²/2} tables, kept for the few substep lengths in use
  const tables = new Map<number, ComplexVector>();
  const table = (tau: number): ComplexVector => {
    let phase = tables.get(tau);
    if (!phase) {
      phase = complexVector(n);
      for (let m = 0; m < n; m++) {
        phase.re[m] = Math.cos(kinetic[m] * tau);
        phase.im[m] = Math.sin(kinetic[m] * tau);
      }
      if (tables.size > 8) tables.clear();
      tables.set(tau, phase);
    }
    return phase;
  };
  const linear = (v: ComplexVector, tau: number) => {
    const phase = table(tau);
    for (let m = 0; m < n; m++) {
      const r = v.re[m] * phase.re[m] - v.im[m] * phase.im[m];
      v.im[m] = v.re[m] * phase.im[m] + v.im[m] * phase.re[m];
      v.re[m] = r;
    }
  };
  const nonlinear = (v: ComplexVector, tau: number) => {
    toGrid(v.re, v.im);
    for (let i = 0; i < n; i++) {
      const angle = tau * (v.re[i] * v.re[i] + v.im[i] * v.im[i]);
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      const r = v.re[i] * c - v.im[i] * s;
      v.im[i] = v.re[i] * s + v.im[i] * c;
      v.re[i] = r;
    }
    toSpectrum(v.re, v.im);
  };
  const strang = (v: ComplexVector, tau: number) => {
    linear(v, tau / 2);
    nonlinear(v, tau);
    linear(v, tau / 2);
  };
  return (v, tau) => {
    const substeps = Math.max(1, Math.ceil(Math.abs(tau) / maxStep - 1e-9));
    const h = tau / substeps;
    for (let s = 0; s < substeps; s++) {
      strang(v, YOSHIDA_OUTER * h);
      strang(v, YOSHIDA_INNER * h);
      strang(v, YOSHIDA_OUTER * h);
    }
  };
}

export function solveSchrodinger1d(options: SchrodingerOptions = SCHRODINGER_BENCHMARK): SchrodingerSolution {
  const { modes: n, halfWidth } = options;
  const left = -halfWidth;
  const period = 2 * halfWidth;
  const dt = options.tEnd / (options.snapshots * options.stepsPerSnapshot);
  const k = wavenumbers(n, period);
  const advance = schrodingerPropagator(n, period, dt);
  const work = complexVector(n);
  const timeDerivative = (v: ComplexVector, out: ComplexVector) => {
    work.re.set(v.re);
    work.im.set(v.im);
    toGrid(work.re, work.im);
    // i|h|²h on the grid, then −i k²/2 ĥ in Fourier space
    for (let i = 0; i < n; i++) {
      const hr = work.re[i];
      const hi = work.im[i];
      const mod2 = hr * hr + hi * hi;
      out.re[i] = -mod2 * hi;
      out.im[i] = mod2 * hr;
    }
    toSpectrum(out.re, out.im);
    for (let m = 0; m < n; m++) {
      out.re[m] += 0.5 * k[m] * k[m] * v.im[m];
      out.im[m] -= 0.5 * k[m] * k[m] * v.re[m];
    }
  };
  const state = complexVector(n);
  for (let i = 0; i < n; i++) [state.re[i], state.im[i]] = options.initial(left + (i * period) / n);
  toSpectrum(state.re, state.im);
  const history = recordSpectralHistory({
    left,
    period,
    state,
    step: (v) => advance(v, dt),
    timeDerivative,
    stepsPerSnapshot: options.stepsPerSnapshot,
    snapshotCount: options.snapshots,
    dt,
  });
  return { history, advance };
}

/** ∫|h|² dx over the period, from the normalised spectrum (Parseval). */
export function spectralMass(v: ComplexVector, period: number): number {
  let sum = 0;
  for (let m = 0; m < v.re.length; m++) sum += v.re[m] * v.re[m] + v.im[m] * v.im[m];
  return sum * period;
}
