/**
 * Filter-normalised random directions (Li et al., "Visualizing the Loss Landscape of Neural
 * Nets", NeurIPS 2018, §4). A Gaussian direction d shaped like θ is rescaled filter by filter:
 *
 *   d_f ← d_f / ‖d_f‖ · ‖θ_f‖
 *
 * where, for a dense layer z = a·W + b with W of shape [in, out] (our layout), the filter f is
 * output neuron j: the column W[:, j] (the weights feeding that neuron). Biases are vectors,
 * which Li et al. do not perturb by default: their direction is zero ('zero'), or a copy of
 * the bias itself ('copy', their alternative). A step of t along d then moves every neuron by
 * t times its own weight norm, so plots of networks with different scales compare.
 */
import { Rng } from '../engine/rng';

export interface ParameterBlock {
  rows: number;
  cols: number;
  kind: 'weight' | 'bias';
}

export type BiasDirection = 'zero' | 'copy';

/** The blocks of our MLPs' flat parameter vector: per layer W [in, out] then b [1, out] (engine/taylorMlp parameterShapes). */
export function mlpBlocks(shapes: readonly (readonly [number, number])[]): ParameterBlock[] {
  return shapes.map(([rows, cols], i) => ({ rows, cols, kind: i % 2 === 0 ? 'weight' : 'bias' }));
}

export function blocksSize(blocks: readonly ParameterBlock[]): number {
  return blocks.reduce((n, b) => n + b.rows * b.cols, 0);
}

/** Rescales `direction` in place so each filter has the norm of θ's filter; biases per `biases`. */
export function filterNormalise(direction: Float64Array, theta: ArrayLike<number>, blocks: readonly ParameterBlock[], biases: BiasDirection = 'zero'): Float64Array {
  if (direction.length !== theta.length || blocksSize(blocks) !== theta.length) {
    throw new Error(`filter normalisation: direction (${direction.length}), parameters (${theta.length}) and blocks (${blocksSize(blocks)}) differ in size`);
  }
  let offset = 0;
  for (const { rows, cols, kind } of blocks) {
    if (kind === 'bias') {
      for (let i = 0; i < rows * cols; i++) direction[offset + i] = biases === 'copy' ? theta[offset + i] : 0;
    } else {
      for (let j = 0; j < cols; j++) {
        let dd = 0;
        let tt = 0;
        for (let i = 0; i < rows; i++) {
          const k = offset + i * cols + j;
          dd += direction[k] * direction[k];
          tt += theta[k] * theta[k];
        }
        const scale = dd > 0 ? Math.sqrt(tt / dd) : 0;
        for (let i = 0; i < rows; i++) direction[offset + i * cols + j] *= scale;
      }
    }
    offset += rows * cols;
  }
  return direction;
}

/** A seeded Gaussian direction, filter-normalised to θ. */
export function filterNormalisedDirection(theta: ArrayLike<number>, blocks: readonly ParameterBlock[], rng: Rng, biases: BiasDirection = 'zero'): Float64Array {
  const d = Float64Array.from({ length: theta.length }, () => rng.normal());
  return filterNormalise(d, theta, blocks, biases);
}
