/**
 * Roughness index of a loss landscape (Wu, Jian, Du, Chen & Zhou, "Roughness index for loss
 * landscapes of neural network models of PDEs", 2021): the mean and variance, over random 1D
 * directions d through θ, of the normalised total variation of the profile f(t) = loss(θ + t·d),
 * t ∈ [−r, r]. The definition implemented here (the normalisation is ours):
 *
 *   TV(f) = Σ_k |f(t_{k+1}) − f(t_k)|                  (on N equally spaced samples)
 *   V₀(f) = |f(−r) − min f| + |f(r) − min f|           (the least TV with those ends and that minimum)
 *   τ(f)  = (TV(f) − V₀(f)) / (max f − min f)          (0 for a flat profile)
 *
 * so τ = 0 for any profile that only falls then rises (a convex bowl, a monotone slope), and
 * every extra bump of height h adds 2h / (max f − min f): τ counts the wiggles, weighted by
 * their height relative to the profile's range, whatever the loss's scale.
 * roughnessIndex = mean τ; its variance across directions is reported beside it. The directions
 * are filter-normalised (filterNormalisedDirection.ts), so r = 1 moves every neuron by its own norm.
 */
import { Rng } from '../engine/rng';
import { filterNormalisedDirection, type BiasDirection, type ParameterBlock } from './filterNormalisedDirection';
import { sweep, type LossAt, type SweepControl } from './lossSweep';
import type { RoughnessHistory } from '../protocol/analysis';
import { snapshotAt, type TrajectoryData } from './thinnedTrajectory';

export interface RoughnessOptions {
  /** Random directions (default 16). */
  directions?: number;
  /** Samples per direction, end points included (default 41). */
  samples?: number;
  /** Half-width r of the segment, in units of the filter-normalised direction (default 1). */
  radius?: number;
  seed?: number;
  biases?: BiasDirection;
}

export interface Roughness {
  roughnessIndex: number;
  variance: number;
  /** τ of each direction. */
  perDirection: number[];
}

/** τ of one sampled profile (non-finite samples are dropped). */
export function normalisedTotalVariation(profile: ArrayLike<number>): number {
  const f = Array.from(profile).filter(Number.isFinite);
  if (f.length < 2) return NaN;
  let tv = 0;
  for (let k = 1; k < f.length; k++) tv += Math.abs(f[k] - f[k - 1]);
  const low = Math.min(...f);
  const range = Math.max(...f) - low;
  const least = f[0] - low + (f[f.length - 1] - low);
  return range > 0 ? Math.max(0, tv - least) / range : 0;
}

/** Mean and (population) variance of τ over the profiles. */
export function roughnessOfProfiles(profiles: readonly ArrayLike<number>[]): Roughness {
  const perDirection = profiles.map(normalisedTotalVariation).filter((v) => !Number.isNaN(v));
  const mean = perDirection.reduce((s, v) => s + v, 0) / perDirection.length;
  const variance = perDirection.reduce((s, v) => s + (v - mean) ** 2, 0) / perDirection.length;
  return { roughnessIndex: mean, variance, perDirection };
}

function settings(options: RoughnessOptions) {
  return { directions: options.directions ?? 16, samples: options.samples ?? 41, radius: options.radius ?? 1, seed: options.seed ?? 1, biases: options.biases ?? 'zero' };
}

/** The roughness index at θ. */
export async function roughnessAt(lossAt: LossAt, theta: ArrayLike<number>, blocks: readonly ParameterBlock[], options: RoughnessOptions = {}, control: SweepControl = {}): Promise<Roughness> {
  const { directions, samples, radius, seed, biases } = settings(options);
  if (!(samples >= 3 && directions >= 1)) throw new Error(`roughness needs ≥ 1 direction and ≥ 3 samples, got ${directions} and ${samples}`);
  const rng = new Rng(seed);
  const ds = Array.from({ length: directions }, () => filterNormalisedDirection(theta, blocks, rng, biases));
  const point = new Float64Array(theta.length);
  const values = await sweep('roughness', directions * samples, (k) => {
    const d = ds[Math.floor(k / samples)];
    const t = -radius + (2 * radius * (k % samples)) / (samples - 1);
    for (let j = 0; j < point.length; j++) point[j] = theta[j] + t * d[j];
    return lossAt(point);
  }, control);
  return roughnessOfProfiles(ds.map((_, i) => values.subarray(i * samples, (i + 1) * samples)));
}


/**
 * The roughness index at up to `points` snapshots of a trajectory, evenly spread (the last always
 * included), each with the same seed so the differences come from θ, not from the directions.
 */
export async function roughnessAlongTrajectory(
  lossAt: LossAt,
  data: TrajectoryData,
  blocks: readonly ParameterBlock[],
  options: RoughnessOptions & { points?: number } = {},
  control: SweepControl = {},
): Promise<RoughnessHistory> {
  const m = data.iterations.length;
  const wanted = Math.max(1, Math.min(options.points ?? 12, m));
  const picks = [...new Set(Array.from({ length: wanted }, (_, i) => (wanted === 1 ? m - 1 : Math.round((i * (m - 1)) / (wanted - 1)))))];
  const history: RoughnessHistory = { iterations: [], roughnessIndex: [], variance: [] };
  for (const [n, k] of picks.entries()) {
    const part: SweepControl = {
      cancel: control.cancel,
      onProgress: control.onProgress && ((done, total) => control.onProgress!(n * total + done, picks.length * total)),
    };
    const r = await roughnessAt(lossAt, snapshotAt(data, k), blocks, options, part);
    history.iterations.push(data.iterations[k]);
    history.roughnessIndex.push(r.roughnessIndex);
    history.variance.push(r.variance);
  }
  return history;
}
