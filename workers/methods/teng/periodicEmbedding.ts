/**
 * The periodic first layer of TENG's network (Chen et al., ICML 2024): every space coordinate of
 * a periodic box enters the MLP as the pair (cos ξ, sin ξ), ξ = 2π(x − lo)/period, so the network
 * is exactly periodic with all its derivatives. The paper's periodic neurons a·cos(ξ + φ) + c are
 * linear in (cos ξ, sin ξ), so this embedding followed by the MLP's first dense layer spans them.
 *
 * Derivatives in x come from the MLP's jet in the features f by the chain rule: with
 * f_c = cos ξ, f_s = sin ξ, ω = 2π/period: f_c' = −ω f_s, f_s' = ω f_c, f'' = −ω² f, and
 *   u_a  = Σ_{f ∈ F(a)} u_f f'_a,
 *   u_ab = Σ_{f ∈ F(a), g ∈ F(b)} u_fg f'_a g'_b + [a = b] Σ_{f ∈ F(a)} u_f f''_a.
 */
import type { DerivativeRequest } from '../../engine/taylorMlp';
import type { Jet64 } from '../../float64/jetMlp64';
import { jetKey } from '../../float64/jetMlp64';

export interface PeriodicEmbedding {
  /** Space dimensions; the MLP has 2·dims inputs. */
  dims: number;
  lo: readonly number[];
  omega: readonly number[];
}

export function periodicEmbedding(lo: readonly number[], hi: readonly number[]): PeriodicEmbedding {
  return { dims: lo.length, lo: [...lo], omega: lo.map((l, i) => (2 * Math.PI) / (hi[i] - l)) };
}

/** Features (cos ξ_a, sin ξ_a per axis) of n points whose first `dims` of every `stride` entries are space. */
export function embed(e: PeriodicEmbedding, points: Float64Array, stride: number): Float64Array {
  const n = points.length / stride;
  const f = new Float64Array(n * 2 * e.dims);
  for (let p = 0; p < n; p++) {
    for (let a = 0; a < e.dims; a++) {
      const xi = e.omega[a] * (points[p * stride + a] - e.lo[a]);
      f[p * 2 * e.dims + 2 * a] = Math.cos(xi);
      f[p * 2 * e.dims + 2 * a + 1] = Math.sin(xi);
    }
  }
  return f;
}

/** Space derivatives wanted: sorted dims lists, e.g. [0] for u_x, [0, 0] for u_xx. */
export type SpaceDerivative = readonly number[];

const featuresOf = (a: number) => [2 * a, 2 * a + 1];

/** The feature-jet request that yields the given space derivatives. */
export function featureRequest(e: PeriodicEmbedding, wanted: readonly SpaceDerivative[]): DerivativeRequest {
  const first = new Set<number>();
  const second = new Map<string, [number, number]>();
  for (const dims of wanted) {
    for (const a of dims) featuresOf(a).forEach((f) => first.add(f));
    if (dims.length === 2) {
      for (const f of featuresOf(dims[0])) for (const g of featuresOf(dims[1])) second.set(jetKey([Math.min(f, g), Math.max(f, g)]), [Math.min(f, g), Math.max(f, g)]);
    }
  }
  if (e.dims === 0) throw new Error('periodicEmbedding: no space dimension');
  return { first: [...first].sort((a, b) => a - b), second: [...second.values()] };
}

/** Space derivatives (n values each, keyed by jetKey of the space dims) from the feature jet. */
export function spaceDerivatives(e: PeriodicEmbedding, features: Float64Array, jet: Jet64, wanted: readonly SpaceDerivative[]): Map<string, Float64Array> {
  const width = 2 * e.dims;
  const n = features.length / width;
  const out = new Map<string, Float64Array>();
  // f'_a and f''_a of feature f (of axis a) at point p.
  const d1 = (f: number, p: number) => {
    const a = f >> 1;
    return f % 2 === 0 ? -e.omega[a] * features[p * width + f + 1] : e.omega[a] * features[p * width + f - 1];
  };
  const d2 = (f: number, p: number) => -(e.omega[f >> 1] ** 2) * features[p * width + f];
  const entry = (dims: number[]) => {
    const values = jet.get(jetKey(dims));
    if (!values) throw new Error(`internal: feature jet lacks '${jetKey(dims)}'`);
    return values;
  };
  for (const dims of wanted) {
    const values = new Float64Array(n);
    if (dims.length === 0) values.set(entry([]));
    else if (dims.length === 1) {
      for (const f of featuresOf(dims[0])) {
        const uf = entry([f]);
        for (let p = 0; p < n; p++) values[p] += uf[p] * d1(f, p);
      }
    } else {
      const [a, b] = dims;
      for (const f of featuresOf(a)) {
        for (const g of featuresOf(b)) {
          const ufg = entry([Math.min(f, g), Math.max(f, g)]);
          for (let p = 0; p < n; p++) values[p] += ufg[p] * d1(f, p) * d1(g, p);
        }
        if (a === b) {
          const uf = entry([f]);
          for (let p = 0; p < n; p++) values[p] += uf[p] * d2(f, p);
        }
      }
    }
    out.set(jetKey(dims), values);
  }
  return out;
}
