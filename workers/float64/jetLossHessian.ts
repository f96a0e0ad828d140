/**
 * Exact Hessian–vector products of a loss of the jet, L(θ) = ℓ(jet(θ)), by forward-over-reverse:
 * the reverse pass that gives ∇L = Jᵀ ḡ (ḡ = ∂ℓ/∂jet) is differentiated along v, so
 *
 *   H v = Jᵀ (∇²ℓ · J v) + (∂/∂θ [Jᵀ ḡ] with ḡ held fixed) · v
 *
 * both terms from one tangent pass (ż, ȧ of every layer), one reverse pass (z̄) and its tangent
 * (dot-bars, ż̄), with layer rules (the tangents of those in jetMlp64.ts):
 *   ǡ = ż̄ Wᵀ + z̄ Vᵀ   (V: the weight part of v)
 *   ż̄   = ǡ σ' + ā σ'' ż
 *         + Σ_i [ǡ_i σ'' z_i + ā_i (σ''' ż z_i + σ'' ż_i)]
 *         + Σ_ij [ǡ_ij (σ''' z_i z_j + σ'' z_ij) + ā_ij (σ'''' ż z_i z_j + σ'''(ż_i z_j + z_i ż_j + ż z_ij) + σ'' ż_ij)]
 *   ż̄_i = ǡ_i σ' + ā_i σ'' ż + Σ_ij [ǡ_ij σ'' z_o + ā_ij (σ''' ż z_o + σ'' ż_o)]   (o: the pair's other dim)
 *   ż̄_ij = ǡ_ij σ' + ā_ij σ'' ż
 *   (H v)[Wl] = Σ aᵀ ż̄ + Σ ȧᵀ z̄,  (H v)[bl] = Σ_points ż̄ (value channel)
 * Cost: about three jetForward+jetBackward passes; needs σ'''' with second-derivative channels.
 */
import type { DerivativeRequest, InputMap, MlpShape } from '../engine/taylorMlp';
import { accumulateOuter, multiplyTransposed } from './denseKernels';
import {
  accumulateGradient,
  backpropagateChannels,
  chunkOfPacked,
  gatherChunks,
  jetBackward,
  jetForward,
  jetForwardOfOrder,
  jetOfPacked,
  packAdjoint,
  tangentChannels,
  type ChunkCache,
  type Jet64,
  type JetAdjoint,
  type JetOptions,
} from './jetMlp64';

/** A scalar loss of the jet, through its first two derivatives in jet space. */
export interface JetLoss {
  /** ∂ℓ/∂(every jet entry) at `jet`. */
  gradient(jet: Jet64): JetAdjoint;
  /** (∂²ℓ/∂jet²) · jetDot at `jet`. */
  hessianVector(jet: Jet64, jetDot: Jet64): JetAdjoint;
}

/** ∇L(θ) = Jᵀ ∂ℓ/∂jet: one forward and one reverse pass. */
export function jetLossGradient(
  shape: MlpShape,
  map: InputMap,
  theta: Float64Array,
  x: Float64Array,
  request: DerivativeRequest,
  loss: JetLoss,
  options: JetOptions = {},
): Float64Array {
  const { jet, cache } = jetForward(shape, map, theta, x, request, options);
  return jetBackward(cache, loss.gradient(jet));
}

/** H v for L(θ) = ℓ(jet(θ)), exact to rounding (forward-over-reverse). */
export function jetLossHvp(
  shape: MlpShape,
  map: InputMap,
  theta: Float64Array,
  x: Float64Array,
  request: DerivativeRequest,
  loss: JetLoss,
  v: Float64Array,
  options: JetOptions = {},
): Float64Array {
  const { jet, cache } = jetForwardOfOrder(shape, map, theta, x, request, 1, options);
  const tangents = new Map(cache.chunks.map((chunk) => [chunk, tangentChannels(chunk, v)]));
  const jetDot = jetOfPacked(gatherChunks(cache, (chunk) => tangents.get(chunk)!.zDot.at(-1)!), cache);
  const block = cache.n * shape.outputs;
  const adjoint = packAdjoint(loss.gradient(jet), cache.plan, block);
  const adjointDot = packAdjoint(loss.hessianVector(jet, jetDot), cache.plan, block);
  const hv = new Float64Array(theta.length);
  for (const chunk of cache.chunks) {
    const { zDot, aDot } = tangents.get(chunk)!;
    const zBar = backpropagateChannels(chunk, chunkOfPacked(adjoint, cache, chunk));
    accumulateGradient(chunk, reverseTangent(chunk, zDot, zBar, chunkOfPacked(adjointDot, cache, chunk), v), hv);
    const { sizes, offsets, n, plan } = chunk;
    for (let l = 1; l < sizes.length - 1; l++) accumulateOuter(aDot[l], plan.channels * n, sizes[l], zBar[l], sizes[l + 1], hv, offsets[l].weight);
  }
  return hv;
}

/** ż̄ of every layer: the tangent along v of backpropagateChannels, with output adjoint tangent ġ. */
function reverseTangent(cache: ChunkCache, zDot: Float64Array[], zBar: Float64Array[], outputAdjointDot: Float64Array, v: Float64Array): Float64Array[] {
  const { n, plan, sizes, offsets, theta, z, sigma } = cache;
  const layers = sizes.length - 1;
  const C = plan.channels;
  const k = plan.firstDims.length;
  const zBarDot: Float64Array[] = new Array(layers);
  zBarDot[layers - 1] = outputAdjointDot;
  for (let l = layers - 1; l >= 1; l--) {
    const width = sizes[l];
    const block = n * width;
    const rows = C * n;
    const aBar = new Float64Array(C * block);
    multiplyTransposed(zBar[l], rows, sizes[l + 1], theta, offsets[l].weight, width, aBar);
    const aBarDot = new Float64Array(C * block);
    const viaV = new Float64Array(C * block);
    multiplyTransposed(zBarDot[l], rows, sizes[l + 1], theta, offsets[l].weight, width, aBarDot);
    multiplyTransposed(zBar[l], rows, sizes[l + 1], v, offsets[l].weight, width, viaV);
    for (let e = 0; e < aBarDot.length; e++) aBarDot[e] += viaV[e];

    const { d1, d2 } = sigma[l - 1];
    const zl = z[l - 1];
    const zd = zDot[l - 1];
    const out = new Float64Array(C * block);
    for (let e = 0; e < block; e++) out[e] = aBarDot[e] * d1[e] + aBar[e] * d2[e] * zd[e];
    if (k > 0) {
      const d3 = sigma[l - 1].d3!;
      for (let c = 1; c <= k; c++) {
        const base = c * block;
        for (let e = 0; e < block; e++) {
          out[e] += aBarDot[base + e] * d2[e] * zl[base + e] + aBar[base + e] * (d3[e] * zd[e] * zl[base + e] + d2[e] * zd[base + e]);
          out[base + e] = aBarDot[base + e] * d1[e] + aBar[base + e] * d2[e] * zd[e];
        }
      }
    }
    plan.pairSlots.forEach(([si, sj], q) => {
      const base = (1 + k + q) * block;
      const bi = (1 + si) * block;
      const bj = (1 + sj) * block;
      const d3 = sigma[l - 1].d3!;
      const d4 = sigma[l - 1].d4!;
      for (let e = 0; e < block; e++) {
        const g = aBar[base + e];
        const gd = aBarDot[base + e];
        const zi = zl[bi + e];
        const zj = zl[bj + e];
        const zid = zd[bi + e];
        const zjd = zd[bj + e];
        const z0d = zd[e];
        out[e] +=
          gd * (d3[e] * zi * zj + d2[e] * zl[base + e]) +
          g * (d4[e] * z0d * zi * zj + d3[e] * (zid * zj + zi * zjd + z0d * zl[base + e]) + d2[e] * zd[base + e]);
        out[bi + e] += gd * d2[e] * zj + g * (d3[e] * z0d * zj + d2[e] * zjd);
        out[bj + e] += gd * d2[e] * zi + g * (d3[e] * z0d * zi + d2[e] * zid);
        out[base + e] = gd * d1[e] + g * d2[e] * z0d;
      }
    });
    zBarDot[l - 1] = out;
  }
  return zBarDot;
}
