/**
 * Sobol low-discrepancy points (Sobol 1967) in up to 5 dimensions, generated in Gray-code order
 * (Antonov & Saleev 1979) from Joe & Kuo's direction numbers (new-joe-kuo-6.21201, dims 2–5),
 * with a seeded random shift modulo 1 (Cranley–Patterson) so that different seeds differ.
 */
import type { Rng } from '../engine/rng';

const BITS = 32;
/** [s, a, m₁ … m_s] for dimensions 2..5; dimension 1 is van der Corput in base 2. */
const JOE_KUO: [number, number, number[]][] = [
  [1, 0, [1]],
  [2, 1, [1, 3]],
  [3, 1, [1, 3, 1]],
  [3, 2, [1, 1, 1]],
];
export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1;

function directionNumbers(dim: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dim === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (31 - k);
    return v;
  }
  const [s, a, m] = JOE_KUO[dim - 1];
  for (let k = 0; k < BITS; k++) {
    if (k < s) {
      v[k] = (m[k] * 2 ** (31 - k)) >>> 0;
      continue;
    }
    let value = v[k - s] ^ (v[k - s] >>> s);
    for (let j = 1; j < s; j++) if ((a >>> (s - 1 - j)) & 1) value ^= v[k - j];
    v[k] = value >>> 0;
  }
  return v;
}

/** n points (row-major n×d) in [0, 1)^d: the Sobol sequence from its second point, shifted by a random vector mod 1. */
export function sobolUnitPoints(n: number, d: number, rng: Rng): Float64Array {
  if (d > SOBOL_MAX_DIMENSIONS) throw new Error(`Sobol points are available in at most ${SOBOL_MAX_DIMENSIONS} dimensions`);
  const directions = Array.from({ length: d }, (_, k) => directionNumbers(k));
  const shift = Array.from({ length: d }, () => rng.uniform());
  const state = new Uint32Array(d);
  const points = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    // Gray code: point i+1 differs from point i in the direction of the lowest zero bit of i.
    let c = 0;
    while ((i >>> c) & 1) c++;
    for (let k = 0; k < d; k++) {
      state[k] = (state[k] ^ directions[k][c]) >>> 0;
      const u = state[k] / 2 ** 32 + shift[k];
      points[i * d + k] = u - Math.floor(u);
    }
  }
  return points;
}
