/**
 * The parameter Jacobian of per-point network outputs, kept in factored form. For an MLP whose
 * layer l maps inputs A_l (rows: channel × point) to pre-activations A_l W_l + b_l, a reverse pass
 * seeded at every point with that point's output adjoint gives each point's own adjoints Z̄_l
 * (points do not interact), and the point's Jacobian row is
 *
 *   ∂s_p/∂W_l = Σ_c A_l[c, p]ᵀ Z̄_l[c, p],   ∂s_p/∂b_l = Z̄_l[0, p]   (bias on the value channel)
 *
 * so, for a parameter direction v = (V_l, β_l) and point weights w,
 *
 *   (J v)_p = Σ_l Σ_c ⟨A_l[c, p] V_l + [c = 0] β_l, Z̄_l[c, p]⟩,    Jᵀ w = (Σ_c A_lᵀ diag(w) Z̄_l, Σ_p w_p Z̄_l[0, p]).
 *
 * Both are one pass of layer-sized matrix products (denseKernels.ts), with no propagation through
 * the layers: cheaper than a tangent or a reverse pass, and exact. CPINN's mixed Hessian–vector
 * products are products with two such Jacobians (cpinnGame.ts).
 */
import { accumulateOuter, multiplyAdd } from '../../float64/denseKernels';
import type { PointJacobian } from './pointJacobian';

export interface FactoredLayer {
  /** A_l: (channels · n) × inWidth, row-major, channel-major rows. */
  input: Float64Array;
  inWidth: number;
  /** Z̄_l: (channels · n) × outWidth. */
  adjoint: Float64Array;
  outWidth: number;
  /** Where W_l (inWidth × outWidth, row-major) and b_l start in θ. */
  weight: number;
  bias: number;
}

/** One chunk of n points. */
export interface FactoredBlock {
  n: number;
  channels: number;
  layers: FactoredLayer[];
}

export class FactoredJacobian implements PointJacobian {
  /** Points (rows of J), blocks in order. */
  readonly rows: number;
  /** Scratch for one layer's products, reused by every call. */
  private readonly scratch: Float64Array;

  constructor(
    private readonly blocks: readonly FactoredBlock[],
    readonly parameterCount: number,
  ) {
    this.rows = blocks.reduce((sum, block) => sum + block.n, 0);
    const largest = Math.max(0, ...blocks.flatMap(({ n, channels, layers }) => layers.map((layer) => channels * n * layer.outWidth)));
    this.scratch = new Float64Array(largest);
  }

  /** J v: one value per point. */
  apply(v: Float64Array): Float64Array {
    if (v.length !== this.parameterCount) throw new Error(`v: length ${v.length}, the network has ${this.parameterCount} parameters`);
    const out = new Float64Array(this.rows);
    let start = 0;
    for (const { n, channels, layers } of this.blocks) {
      for (const layer of layers) {
        const { input, inWidth, adjoint, outWidth, bias } = layer;
        const size = channels * n * outWidth;
        const t = this.scratch.subarray(0, size);
        // Bias on the value channel's rows, zero elsewhere, then += A V.
        for (let p = 0; p < n; p++) for (let j = 0; j < outWidth; j++) t[p * outWidth + j] = v[bias + j];
        t.fill(0, n * outWidth);
        multiplyAdd(input, channels * n, inWidth, v, layer.weight, outWidth, t);
        for (let c = 0; c < channels; c++) {
          for (let p = 0; p < n; p++) {
            const row = (c * n + p) * outWidth;
            let s = 0;
            for (let j = row; j < row + outWidth; j++) s += t[j] * adjoint[j];
            out[start + p] += s;
          }
        }
      }
      start += n;
    }
    return out;
  }

  /** Jᵀ w: the parameter gradient of Σ_p w_p s_p. */
  applyTransposed(w: Float64Array): Float64Array {
    if (w.length !== this.rows) throw new Error(`w: length ${w.length}, the Jacobian has ${this.rows} rows`);
    const grad = new Float64Array(this.parameterCount);
    let start = 0;
    for (const { n, channels, layers } of this.blocks) {
      for (const layer of layers) {
        const { input, inWidth, adjoint, outWidth, bias } = layer;
        const scaled = this.scratch.subarray(0, channels * n * outWidth);
        for (let c = 0; c < channels; c++) {
          for (let p = 0; p < n; p++) {
            const row = (c * n + p) * outWidth;
            const wp = w[start + p];
            for (let j = row; j < row + outWidth; j++) scaled[j] = wp * adjoint[j];
          }
        }
        accumulateOuter(input, channels * n, inWidth, scaled, outWidth, grad, layer.weight);
        for (let p = 0; p < n; p++) for (let j = 0; j < outWidth; j++) grad[bias + j] += scaled[p * outWidth + j];
      }
      start += n;
    }
    return grad;
  }
}

/** Builds a Jacobian from its factors: this file's (JavaScript products) or factoredJacobianWasm.ts's. */
export type JacobianFactory = (blocks: readonly FactoredBlock[], parameterCount: number) => PointJacobian;

export const javascriptJacobian: JacobianFactory = (blocks, parameterCount) => new FactoredJacobian(blocks, parameterCount);
