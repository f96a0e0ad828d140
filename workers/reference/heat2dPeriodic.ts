/**
 * Heat equation on the periodic square (the TENG benchmark setting, Chen et al., ICML 2024):
 *   u_t = D Δu,  (x, y) ∈ [0, 2π)²,  D = 0.1,
 *   u(x, y, 0) = Σ_j a_j X_j(k_j x) Y_j(l_j y) with X, Y ∈ {sin, cos},
 * solved exactly mode by mode: each term decays as e^{−D (k_j² + l_j²) t}.
 */

export interface HeatMode {
  amplitude: number;
  kx: number;
  ky: number;
  /** Phase shifts: sin(kx·x + phaseX) sin(ky·y + phaseY); π/2 turns sin into cos. */
  phaseX: number;
  phaseY: number;
}

export const HEAT2D_DIFFUSIVITY = 0.1;

export const HEAT2D_MODES: readonly HeatMode[] = [
  { amplitude: 1, kx: 1, ky: 1, phaseX: 0, phaseY: 0 },
  { amplitude: 0.5, kx: 2, ky: 1, phaseX: Math.PI / 2, phaseY: 0 },
  { amplitude: 0.25, kx: 0, ky: 3, phaseX: Math.PI / 2, phaseY: Math.PI / 2 },
];

export function heat2dPeriodic(x: number, y: number, t: number, modes: readonly HeatMode[] = HEAT2D_MODES, diffusivity = HEAT2D_DIFFUSIVITY): number {
  if (!(t >= 0)) throw new RangeError(`heat2dPeriodic: t = ${t} must be ≥ 0`);
  let u = 0;
  for (const m of modes) {
    u += m.amplitude * Math.exp(-diffusivity * (m.kx * m.kx + m.ky * m.ky) * t) * Math.sin(m.kx * x + m.phaseX) * Math.sin(m.ky * y + m.phaseY);
  }
  return u;
}
