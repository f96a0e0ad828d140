/**
 * The PINN's residual Jacobian ∂r_p/∂θ at every point, factored (factoredJacobian.ts), from the
 * float64 jet engine: the forward pass's layer inputs (all derivative channels) and one reverse
 * pass (backpropagateChannels) seeded at every point with that point's ∂r/∂(jet entry).
 * The first layer's input is x̂ on the value channel and sᵢ·eᵢ on the channel of ∂/∂xᵢ, since
 * there z⁰ᵢ = sᵢ W0[i, :] (jetMlp64.ts).
 */
import { backpropagateChannels, chunkOfPacked, packAdjoint, parameterCount64, type ChunkCache, type JetAdjoint, type JetCache } from '../../float64/jetMlp64';
import { javascriptJacobian, type FactoredBlock, type JacobianFactory } from './factoredJacobian';
import type { PointJacobian } from './pointJacobian';

function firstLayerInput(chunk: ChunkCache): Float64Array {
  const { n, plan, xHat, map } = chunk;
  const d = chunk.sizes[0];
  const input = new Float64Array(plan.channels * n * d);
  input.set(xHat);
  plan.firstDims.forEach((dim, c) => {
    const base = (1 + c) * n * d;
    for (let p = 0; p < n; p++) input[base + p * d + dim] = map.invHalfWidth[dim];
  });
  return input;
}

export function residualJacobian(cache: JetCache, partials: JetAdjoint, make: JacobianFactory = javascriptJacobian): PointJacobian {
  const packed = packAdjoint(partials, cache.plan, cache.n * cache.shape.outputs);
  const blocks = cache.chunks.map((chunk): FactoredBlock => {
    const adjoints = backpropagateChannels(chunk, chunkOfPacked(packed, cache, chunk));
    const { sizes, offsets, a } = chunk;
    return {
      n: chunk.n,
      channels: cache.plan.channels,
      layers: adjoints.map((adjoint, l) => ({
        input: l === 0 ? firstLayerInput(chunk) : a[l],
        inWidth: sizes[l],
        adjoint,
        outWidth: sizes[l + 1],
        weight: offsets[l].weight,
        bias: offsets[l].bias,
      })),
    };
  });
  return make(blocks, parameterCount64(cache.shape));
}
