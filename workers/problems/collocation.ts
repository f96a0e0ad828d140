/**
 * What a PINN of either precision sets up the same way: the network's shape, its input map, its
 * initial parameters (one flat vector), and the collocation points drawn from the run's seed.
 */
import type { RunConfig } from '../config/schema';
import type { Rng } from '../engine/rng';
import { initialParameters, type InputMap, type MlpShape } from '../engine/taylorMlp';
import { lowerCorner, upperCorner } from './domain';
import type { PeriodicPairs } from './pinnLoss';
import type { ProblemModel } from './problemModel';
import { sampleNearHoles } from './holes';
import { sampleBoundary, sampleFaces, sampleInterior, type SamplingMethod } from './sampler';

export interface Collocation {
  interior: Float64Array;
  boundary: Float64Array[];
  normals: Float64Array[];
  periodic: PeriodicPairs[];
}

export function networkShape(config: RunConfig, model: ProblemModel): MlpShape {
  const shape = { inputs: model.coordinates.length, hidden: config.network.hidden, outputs: model.unknowns.length, activation: config.network.activation };
  if (!config.network.periodicEmbedding) return shape;
  const [lo, hi] = [lowerCorner(model.domain), upperCorner(model.domain)];
  return { ...shape, periods: model.coordinates.map((_, i) => (model.periodic.includes(i) ? hi[i] - lo[i] : null)) };
}

/** Maps the domain box (with its time interval) to [−1, 1]^d. */
export function inputMap(model: ProblemModel): InputMap {
  const lo = lowerCorner(model.domain);
  const hi = upperCorner(model.domain);
  return { center: lo.map((l, i) => (l + hi[i]) / 2), invHalfWidth: lo.map((l, i) => 2 / (hi[i] - l)) };
}

export function initialTheta(shape: MlpShape, rng: Rng): Float64Array {
  const parts = initialParameters(shape, rng);
  const theta = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    theta.set(part, offset);
    offset += part.length;
  }
  return theta;
}

function periodicPairs(model: ProblemModel, dim: number, n: number, method: SamplingMethod, rng: Rng): PeriodicPairs {
  const lower = sampleFaces(model.domain, [{ dim, side: 'min' }], n, method, rng).points;
  const upper = Float64Array.from(lower);
  const d = model.coordinates.length;
  for (let i = dim; i < upper.length; i += d) upper[i] = model.domain.max[dim];
  return { dim, lower, upper };
}

/** The interior points, a fraction of them drawn near the holes when sampling.nearHoles asks for it. */
function sampleInteriorWithHoles(model: ProblemModel, n: number, method: SamplingMethod, nearHoles: RunConfig['sampling']['nearHoles'], rng: Rng): Float64Array {
  if (!nearHoles) return sampleInterior(model.domain, n, method, rng);
  const near = Math.round(n * nearHoles.fraction);
  const d = model.coordinates.length;
  const out = new Float64Array(n * d);
  out.set(sampleInterior(model.domain, n - near, method, rng));
  out.set(sampleNearHoles(model.domain, near, nearHoles.width, rng), (n - near) * d);
  return out;
}

export function sampleCollocation(config: RunConfig, model: ProblemModel, rng: Rng): Collocation {
  const { interior, boundary, method } = config.sampling;
  const interiorPoints = sampleInteriorWithHoles(model, interior, method, config.sampling.nearHoles, rng);
  const perPiece = model.boundary.length > 0 ? Math.max(1, Math.round(boundary / model.boundary.length)) : 0;
  const pieces = model.boundary.map((piece) => sampleBoundary(model.domain, piece, perPiece, method, rng));
  // Periodic input features make the periodic condition exact: no point pairs to penalise.
  const periodic = config.network.periodicEmbedding ? [] : model.periodic.map((dim) => periodicPairs(model, dim, Math.max(1, perPiece), method, rng));
  return { interior: interiorPoints, boundary: pieces.map((p) => p.points), normals: pieces.map((p) => p.normals), periodic };
}
