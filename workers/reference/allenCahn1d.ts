/**
 * Allen–Cahn benchmark of Raissi, Perdikaris & Karniadakis (J. Comput. Phys. 378, 2019):
 *   u_t − 0.0001 u_xx + 5u³ − 5u = 0,  x ∈ [−1, 1] periodic,  t ∈ [0, 1],  u(x, 0) = x² cos(πx).
 * Fourier pseudo-spectral in space (L = −0.0001 k², N(u) = 5u − 5u³ evaluated on the grid) and
 * ETDRK4 in time (Cox & Matthews 2002; contour-integral coefficients of Kassam & Trefethen 2005),
 * fourth order in time and spectrally accurate in space. Dense output: cubic Hermite in time,
 * trigonometric interpolation in space (see spectralHistory.ts).
 * Accuracy: u_x(±1, 0) = ∓2, a kink of the periodic extension that the diffusion smooths out
 * slowly; measured against 4096 modes and dt = 1e-3, the pointwise error is 1.4e-4 at t = 0.001,
 * 8e-6 at t = 0.1, 1e-6 at t = 0.25 and 1e-9 at t = 1 (at t = 0 the exact initial condition is
 * returned by the registry).
 */
import { etdrk4Coefficients, etdrk4Stepper, type ComplexVector } from './etdrk4';
import { toGrid, toSpectrum, wavenumbers } from './fft';
import { recordSpectralHistory, type SpectralHistory } from './spectralHistory';

export interface AllenCahnOptions {
  modes: number;
  /** Snapshots are stored at tEnd·k/snapshots; the time step is tEnd/(snapshots·stepsPerSnapshot). */
  snapshots: number;
  stepsPerSnapshot: number;
  tEnd: number;
  diffusion: number;
  reaction: number;
  initial: (x: number) => number;
}

export const ALLEN_CAHN_BENCHMARK: AllenCahnOptions = {
  modes: 2048,
  snapshots: 100,
  stepsPerSnapshot: 3,
  tEnd: 1,
  diffusion: 1e-4,
  reaction: 5,
  initial: (x) => x * x * Math.cos(Math.PI * x),
};

export function solveAllenCahn1d(options: AllenCahnOptions = ALLEN_CAHN_BENCHMARK): SpectralHistory {
  const { modes: n, diffusion, reaction } = options;
  const dt = options.tEnd / (options.snapshots * options.stepsPerSnapshot);
  const left = -1;
  const period = 2;
  const k = wavenumbers(n, period);
  const lRe = k.map((km) => -diffusion * km * km);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const nonlinearity = (v: ComplexVector, out: ComplexVector) => {
    re.set(v.re);
    im.set(v.im);
    toGrid(re, im);
    for (let i = 0; i < n; i++) {
      const u = re[i];
      out.re[i] = reaction * (u - u * u * u);
      out.im[i] = 0;
    }
    toSpectrum(out.re, out.im);
  };
  const state: ComplexVector = { re: new Float64Array(n), im: new Float64Array(n) };
  for (let i = 0; i < n; i++) state.re[i] = options.initial(left + (i * period) / n);
  toSpectrum(state.re, state.im);
  return recordSpectralHistory({
    left,
    period,
    state,
    step: etdrk4Stepper(etdrk4Coefficients(lRe, new Float64Array(n), dt), nonlinearity),
    timeDerivative: (v, out) => {
      nonlinearity(v, out);
      for (let i = 0; i < n; i++) {
        out.re[i] += lRe[i] * v.re[i];
        out.im[i] += lRe[i] * v.im[i];
      }
    },
    stepsPerSnapshot: options.stepsPerSnapshot,
    snapshotCount: options.snapshots,
    dt,
  });
}
