/**
 * The CPINN discriminator: a plain float64 MLP of the coordinates with one output per residual
 * kind (PDE equations, boundary pieces, periodic pairs), ReLU by default as in the authors' code
 * (comp-physics/CPINN, networks.py). Only its values are needed, so this is a value-only network
 * (the jet engine has no ReLU); its parameter layout is the engine's, θ = [W0, b0, W1, b1, …].
 *
 *   x̂ = (x − c)·s,  a₀ = x̂,  z_l = a_l W_l + b_l,  a_{l+1} = σ(z_l),  D(x) = z_{L−1}
 *   reverse, seeded with output q at every point: z̄_{L−1} = e_q,  z̄_{l−1} = (z̄_l W_lᵀ) ∘ σ'(z_{l−1})
 */
import type { InputMap, MlpShape } from '../../engine/taylorMlp';
import { multiplyAdd, multiplyTransposed } from '../../float64/denseKernels';
import { DEFAULT_POINTS_PER_CHUNK, layerSizes64, parameterOffsets, type ParameterOffsets } from '../../float64/jetMlp64';
import { javascriptJacobian, type FactoredBlock, type JacobianFactory } from './factoredJacobian';
import type { PointJacobian } from './pointJacobian';

export type DiscriminatorActivation = 'relu' | 'tanh';

/** a = σ(z) and σ'(z), elementwise. */
function activate(activation: DiscriminatorActivation, z: Float64Array): { a: Float64Array; slope: Float64Array } {
  const a = new Float64Array(z.length);
  const slope = new Float64Array(z.length);
  if (activation === 'relu') {
    for (let e = 0; e < z.length; e++) {
      const positive = z[e] > 0;
      a[e] = positive ? z[e] : 0;
      slope[e] = positive ? 1 : 0;
    }
  } else {
    for (let e = 0; e < z.length; e++) {
      const t = Math.tanh(z[e]);
      a[e] = t;
      slope[e] = 1 - t * t;
    }
  }
  return { a, slope };
}

/** The forward pass at one point set: values and what the Jacobian needs. */
export interface DiscriminatorPass {
  n: number;
  /** n × outputs, row-major. */
  values: Float64Array;
  /** Layer inputs a_l (a₀ = x̂), n × width_l. */
  inputs: Float64Array[];
  /** σ'(z_l) for the hidden layers. */
  slopes: Float64Array[];
}

export class Discriminator {
  readonly sizes: number[];
  readonly offsets: ParameterOffsets[];
  readonly parameterCount: number;

  constructor(
    readonly shape: MlpShape & { activation: DiscriminatorActivation },
    private readonly map: InputMap,
  ) {
    this.sizes = layerSizes64(shape);
    this.offsets = parameterOffsets(shape);
    const last = this.offsets.at(-1)!;
    this.parameterCount = last.bias + shape.outputs;
  }

  forward(theta: Float64Array, x: Float64Array): DiscriminatorPass {
    const { sizes, offsets } = this;
    const d = sizes[0];
    const n = x.length / d;
    const xHat = new Float64Array(n * d);
    for (let p = 0; p < n; p++) for (let r = 0; r < d; r++) xHat[p * d + r] = (x[p * d + r] - this.map.center[r]) * this.map.invHalfWidth[r];
    const inputs: Float64Array[] = [xHat];
    const slopes: Float64Array[] = [];
    let values: Float64Array = new Float64Array(0);
    for (let l = 0; l + 1 < sizes.length; l++) {
      const width = sizes[l + 1];
      const z = new Float64Array(n * width);
      for (let p = 0; p < n; p++) z.set(theta.subarray(offsets[l].bias, offsets[l].bias + width), p * width);
      multiplyAdd(inputs[l], n, sizes[l], theta, offsets[l].weight, width, z);
      if (l + 2 === sizes.length) {
        values = z;
        break;
      }
      const { a, slope } = activate(this.shape.activation, z);
      inputs.push(a);
      slopes.push(slope);
    }
    return { n, values, inputs, slopes };
  }

  /** Values of output q at every point of the pass (a column of `values`). */
  output(pass: DiscriminatorPass, q: number): Float64Array {
    const Q = this.shape.outputs;
    return Float64Array.from({ length: pass.n }, (_, p) => pass.values[p * Q + q]);
  }

  /** ∂(output q at each point)/∂θ, factored (one reverse pass). */
  jacobian(theta: Float64Array, pass: DiscriminatorPass, q: number, make: JacobianFactory = javascriptJacobian): PointJacobian {
    const { sizes, offsets } = this;
    const { n } = pass;
    const layers = sizes.length - 1;
    const adjoints: Float64Array[] = new Array(layers);
    const seed = new Float64Array(n * sizes[layers]);
    for (let p = 0; p < n; p++) seed[p * sizes[layers] + q] = 1;
    adjoints[layers - 1] = seed;
    for (let l = layers - 1; l >= 1; l--) {
      const back = new Float64Array(n * sizes[l]);
      multiplyTransposed(adjoints[l], n, sizes[l + 1], theta, offsets[l].weight, sizes[l], back);
      const slope = pass.slopes[l - 1];
      for (let e = 0; e < back.length; e++) back[e] *= slope[e];
      adjoints[l - 1] = back;
    }
    // Blocks of points small enough for a layer's products to stay in cache.
    const blocks: FactoredBlock[] = [];
    for (let start = 0; start < n; start += DEFAULT_POINTS_PER_CHUNK) {
      const end = Math.min(n, start + DEFAULT_POINTS_PER_CHUNK);
      blocks.push({
        n: end - start,
        channels: 1,
        layers: adjoints.map((adjoint, l) => ({
          input: pass.inputs[l].subarray(start * sizes[l], end * sizes[l]),
          inWidth: sizes[l],
          adjoint: adjoint.subarray(start * sizes[l + 1], end * sizes[l + 1]),
          outWidth: sizes[l + 1],
          weight: offsets[l].weight,
          bias: offsets[l].bias,
        })),
      });
    }
    return make(blocks, this.parameterCount);
  }
}
