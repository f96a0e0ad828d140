/**
 * The float64 Taylor-mode MLP and its reverse pass, on one flat parameter vector
 * θ = [W0, b0, W1, b1, ...] (W row-major, inputs × outputs, as in engine/taylorMlp.ts).
 *
 * Forward (channels stacked per layer: value, first derivatives i, second derivatives ij):
 *   x̂ = (x − c)·s,  z⁰ = x̂ W0 + b0,  z⁰_i = s_i W0[i, :],  z⁰_ij = 0
 *   a = σ(z),  a_i = σ'(z) z_i,  a_ij = σ''(z) z_i z_j + σ'(z) z_ij
 *   zˡ = a Wl + bl (bias on the value channel only),  zˡ_i = a_i Wl,  zˡ_ij = a_ij Wl
 *   the jet is the last layer's z (linear output).
 *
 * Reverse (jetBackward, the vector–Jacobian product θ ↦ jet), with bars for adjoints:
 *   W̄l += Σ_channels aᵀ z̄,  b̄l += Σ_points z̄ (value channel),  ā = z̄ Wlᵀ
 *   z̄   = ā σ' + Σ_i ā_i σ'' z_i + Σ_ij ā_ij (σ''' z_i z_j + σ'' z_ij)
 *   z̄_i = ā_i σ' + Σ_(i,j) ā_ij σ'' z_j + Σ_(j,i) ā_ji σ'' z_j   (a pair (i, i) counts twice)
 *   z̄_ij = ā_ij σ'
 *   first layer: W̄0[r, :] += Σ_p x̂[p, r] z̄[p, :] + s_r Σ_p z̄_r[p, :]
 *
 * Tangent (jetTangent, the Jacobian–vector product θ ↦ jet along θ̇), with dots:
 *   ż⁰ = x̂ Ẇ0 + ḃ0,  ż⁰_i = s_i Ẇ0[i, :],  ż⁰_ij = 0
 *   ȧ = σ' ż,  ȧ_i = σ'' ż z_i + σ' ż_i
 *   ȧ_ij = σ''' ż z_i z_j + σ''(ż_i z_j + z_i ż_j + ż z_ij) + σ' ż_ij
 *   żˡ = ȧ Wl + a Ẇl + ḃl (value channel only)
 *
 * Layout: a layer's channels are one row-major array of (channel, point) rows, index
 * (c·n + p)·width + j, so each layer is one matrix product over all channels (denseKernels.ts,
 * WebAssembly SIMD where available). Points do not interact, so the passes run over chunks of
 * points (DEFAULT_POINTS_PER_CHUNK) whose layers stay in cache; the jet and the gradient are the
 * same as for one chunk up to rounding.
 * Cost per pass: about 2·C·n·Σ_l w_l w_{l+1} flops (C = 1 + k + m channels) forward, twice that
 * backward; memory C·n·Σ_l w_l doubles per stored layer quantity (z, a, σ', σ'', σ''').
 */
import type { DerivativeRequest, InputMap, MlpShape } from '../engine/taylorMlp';
import { inputWidth, requirePlainInputs } from '../engine/firstLayerInput';
import { activation64, evaluateActivation, type ActivationArrays } from './activations64';
import { accumulateOuter, multiplyAdd, multiplyTransposed } from './denseKernels';

/** Value and derivatives (n × outputs, row-major), keyed as in taylorMlp: '' value, '0', '0,1'. */
export type Jet64 = Map<string, Float64Array>;

/** ∂L/∂(jet entry), same keys and shapes as the jet; an absent key means a zero adjoint. */
export type JetAdjoint = ReadonlyMap<string, Float64Array>;

/** Which derivative channels are carried: value, k first derivatives, m second derivatives. */
export interface ChannelPlan {
  firstDims: number[];
  pairs: [number, number][];
  /** For each pair, the first-derivative channel slots of its two dims. */
  pairSlots: [number, number][];
  /** Jet keys in channel order: '', first dims, pairs. */
  keys: string[];
  channels: number;
}

/** What the reverse pass needs for one chunk of n points, starting at point `start`. */
export interface ChunkCache {
  start: number;
  shape: MlpShape;
  map: InputMap;
  theta: Float64Array;
  n: number;
  plan: ChannelPlan;
  sizes: number[];
  offsets: ParameterOffsets[];
  xHat: Float64Array;
  /** Pre-activations of every layer, all channels. */
  z: Float64Array[];
  /** Inputs of layers 1..L−1 (a[0] unused), all channels. */
  a: Float64Array[];
  /** σ and derivatives at the value channel of z[l], for l = 0..L−2. */
  sigma: ActivationArrays[];
}

/** The forward pass's record; points are processed in chunks that stay in cache. */
export interface JetCache {
  shape: MlpShape;
  plan: ChannelPlan;
  /** Number of points. */
  n: number;
  chunks: ChunkCache[];
}

export interface JetOptions {
  /** Points per chunk of the passes (cache blocking); results do not depend on it beyond rounding. */
  pointsPerChunk?: number;
}

/** Chunks of this many points keep a width-64 layer's channels within L2. */
export const DEFAULT_POINTS_PER_CHUNK = 128;

export interface JetForwardResult {
  jet: Jet64;
  cache: JetCache;
}

export interface ParameterOffsets {
  weight: number;
  bias: number;
}

const EMPTY_REQUEST: DerivativeRequest = { first: [], second: [] };

export const jetKey = (dims: readonly number[]): string => dims.join(',');

export function layerSizes64(shape: MlpShape): number[] {
  return [inputWidth(shape), ...shape.hidden, shape.outputs];
}

/** Where W_l and b_l start in θ; the last entry's `bias + outputs` is P. */
export function parameterOffsets(shape: MlpShape): ParameterOffsets[] {
  const sizes = layerSizes64(shape);
  const offsets: ParameterOffsets[] = [];
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    offsets.push({ weight: at, bias: at + sizes[l] * sizes[l + 1] });
    at += sizes[l] * sizes[l + 1] + sizes[l + 1];
  }
  return offsets;
}

export function parameterCount64(shape: MlpShape): number {
  const sizes = layerSizes64(shape);
  const last = parameterOffsets(shape).at(-1)!;
  return last.bias + sizes[sizes.length - 1];
}

/** Channels in the order taylorForward returns them: first dims include those of the pairs. */
export function channelPlan(request: DerivativeRequest): ChannelPlan {
  const pairs = request.second.map(([i, j]) => (i <= j ? [i, j] : [j, i]) as [number, number]);
  const firstDims = [...new Set([...request.first, ...pairs.flat()])].sort((a, b) => a - b);
  const slot = new Map(firstDims.map((d, c) => [d, c]));
  const pairSlots = pairs.map(([i, j]) => [slot.get(i)!, slot.get(j)!] as [number, number]);
  const keys = ['', ...firstDims.map((d) => jetKey([d])), ...pairs.map((p) => jetKey(p))];
  return { firstDims, pairs, pairSlots, keys, channels: keys.length };
}

function checkInputs(shape: MlpShape, theta: Float64Array, x: Float64Array, request: DerivativeRequest): void {
  requirePlainInputs(shape, 'the plain-JavaScript float64 engine');
  const p = parameterCount64(shape);
  if (theta.length !== p) throw new Error(`theta: length ${theta.length}, the network has ${p} parameters`);
  if (x.length % shape.inputs !== 0) throw new Error(`x: length ${x.length} is not a multiple of inputs = ${shape.inputs}`);
  for (const d of [...request.first, ...request.second.flat()]) {
    if (!Number.isInteger(d) || d < 0 || d >= shape.inputs) throw new Error(`request: input dimension ${d} outside 0..${shape.inputs - 1}`);
  }
}

/** Value and requested input derivatives of every output at every point, in one pass. */
export function jetForward(
  shape: MlpShape,
  map: InputMap,
  theta: Float64Array,
  x: Float64Array,
  request: DerivativeRequest = EMPTY_REQUEST,
  options: JetOptions = {},
): JetForwardResult {
  return jetForwardOfOrder(shape, map, theta, x, request, 0, options);
}

/**
 * jetForward keeping σ derivatives up to what the reverse pass needs (σ''' with second-derivative
 * channels), plus `extraOrder` more (1 for the tangent of the reverse pass, jetLossHvp).
 */
export function jetForwardOfOrder(
  shape: MlpShape,
  map: InputMap,
  theta: Float64Array,
  x: Float64Array,
  request: DerivativeRequest,
  extraOrder: 0 | 1,
  options: JetOptions = {},
): JetForwardResult {
  checkInputs(shape, theta, x, request);
  const plan = channelPlan(request);
  const d = shape.inputs;
  const n = x.length / d;
  const size = options.pointsPerChunk ?? DEFAULT_POINTS_PER_CHUNK;
  if (!Number.isInteger(size) || size < 1) throw new Error(`options.pointsPerChunk: ${size} is not a positive integer`);
  const chunks: ChunkCache[] = [];
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    chunks.push(chunkForward(shape, map, theta, x.subarray(start * d, end * d), plan, extraOrder, start));
  }
  const cache: JetCache = { shape, plan, n, chunks };
  const outputs = gatherChunks(cache, (chunk) => chunk.z[chunk.z.length - 1]);
  return { jet: unpackJet(outputs, plan, n * shape.outputs), cache };
}

/** Concatenates per-chunk packed output arrays (channel-major) into one packed array for all points. */
export function gatherChunks(cache: JetCache, part: (chunk: ChunkCache) => Float64Array): Float64Array {
  const Q = cache.shape.outputs;
  const block = cache.n * Q;
  const packed = new Float64Array(cache.plan.channels * block);
  for (const chunk of cache.chunks) {
    const values = part(chunk);
    const m = chunk.n * Q;
    for (let c = 0; c < cache.plan.channels; c++) packed.set(values.subarray(c * m, (c + 1) * m), c * block + chunk.start * Q);
  }
  return packed;
}

/** The chunk's share of a packed array over all points (channel-major). */
export function chunkOfPacked(packed: Float64Array, cache: JetCache, chunk: ChunkCache): Float64Array {
  const Q = cache.shape.outputs;
  const block = cache.n * Q;
  const m = chunk.n * Q;
  const part = new Float64Array(cache.plan.channels * m);
  for (let c = 0; c < cache.plan.channels; c++) part.set(packed.subarray(c * block + chunk.start * Q, c * block + chunk.start * Q + m), c * m);
  return part;
}

function chunkForward(shape: MlpShape, map: InputMap, theta: Float64Array, x: Float64Array, plan: ChannelPlan, extraOrder: 0 | 1, start: number): ChunkCache {
  const sizes = layerSizes64(shape);
  const offsets = parameterOffsets(shape);
  const layers = sizes.length - 1;
  const d = shape.inputs;
  const n = x.length / d;
  const C = plan.channels;
  const f = activation64(shape.activation);
  const order = ((plan.pairs.length > 0 ? 3 : 2) + extraOrder) as 2 | 3 | 4;

  const xHat = new Float64Array(n * d);
  for (let p = 0; p < n; p++) for (let r = 0; r < d; r++) xHat[p * d + r] = (x[p * d + r] - map.center[r]) * map.invHalfWidth[r];

  const z: Float64Array[] = [];
  const a: Float64Array[] = [new Float64Array(0)];
  const sigma: ActivationArrays[] = [];
  z.push(firstLayer(theta, offsets[0], xHat, n, d, sizes[1], plan, map, C));
  for (let l = 1; l < layers; l++) {
    const width = sizes[l];
    const block = n * width;
    const s = evaluateActivation(f, z[l - 1], block, order);
    sigma.push(s);
    const act = activateChannels(z[l - 1], s, block, plan);
    a.push(act);
    const out = new Float64Array(C * n * sizes[l + 1]);
    addBias(out, theta, offsets[l].bias, n, sizes[l + 1]);
    multiplyAdd(act, C * n, width, theta, offsets[l].weight, sizes[l + 1], out);
    z.push(out);
  }
  return { start, shape, map, theta, n, plan, sizes, offsets, xHat, z, a, sigma };
}

function addBias(out: Float64Array, theta: Float64Array, biasOffset: number, n: number, width: number): void {
  for (let p = 0; p < n; p++) for (let j = 0; j < width; j++) out[p * width + j] = theta[biasOffset + j];
}

function firstLayer(theta: Float64Array, off: ParameterOffsets, xHat: Float64Array, n: number, d: number, width: number, plan: ChannelPlan, map: InputMap, C: number): Float64Array {
  const z = new Float64Array(C * n * width);
  addBias(z, theta, off.bias, n, width);
  multiplyAdd(xHat, n, d, theta, off.weight, width, z);
  plan.firstDims.forEach((dim, c) => {
    const scale = map.invHalfWidth[dim];
    const base = (1 + c) * n * width;
    for (let p = 0; p < n; p++) for (let j = 0; j < width; j++) z[base + p * width + j] = scale * theta[off.weight + dim * width + j];
  });
  return z;
}

/** a = σ(z), a_i = σ' z_i, a_ij = σ'' z_i z_j + σ' z_ij over all channels of one layer. */
function activateChannels(z: Float64Array, s: ActivationArrays, block: number, plan: ChannelPlan): Float64Array {
  const k = plan.firstDims.length;
  const { d1, d2 } = s;
  const a = new Float64Array(plan.channels * block);
  a.set(s.value);
  for (let c = 1; c <= k; c++) {
    const ac = a.subarray(c * block, (c + 1) * block);
    const zc = z.subarray(c * block, (c + 1) * block);
    for (let e = 0; e < block; e++) ac[e] = d1[e] * zc[e];
  }
  for (let q = 0; q < plan.pairSlots.length; q++) {
    const [si, sj] = plan.pairSlots[q];
    const base = (1 + k + q) * block;
    const aq = a.subarray(base, base + block);
    const zq = z.subarray(base, base + block);
    const zi = z.subarray((1 + si) * block, (2 + si) * block);
    const zj = z.subarray((1 + sj) * block, (2 + sj) * block);
    for (let e = 0; e < block; e++) aq[e] = d2[e] * zi[e] * zj[e] + d1[e] * zq[e];
  }
  return a;
}

function unpackJet(z: Float64Array, plan: ChannelPlan, block: number): Jet64 {
  return new Map(plan.keys.map((key, c) => [key, z.slice(c * block, (c + 1) * block)]));
}

export function packAdjoint(adjoint: JetAdjoint, plan: ChannelPlan, block: number): Float64Array {
  const packed = new Float64Array(plan.channels * block);
  for (const [key, values] of adjoint) {
    const c = plan.keys.indexOf(key);
    if (c < 0) throw new Error(`adjoint: key '${key}' is not in the jet (keys: ${plan.keys.map((k) => `'${k}'`).join(', ')})`);
    if (values.length !== block) throw new Error(`adjoint['${key}']: length ${values.length}, expected ${block}`);
    packed.set(values, c * block);
  }
  return packed;
}

/**
 * Adjoints z̄ of every layer's pre-activations (all channels) for a packed output adjoint.
 * Points do not interact, so one pass seeded at every point gives each point's own adjoints.
 */
export function backpropagateChannels(cache: ChunkCache, outputAdjoint: Float64Array): Float64Array[] {
  const { n, plan, sizes, offsets, theta, z, sigma } = cache;
  const layers = sizes.length - 1;
  const C = plan.channels;
  const k = plan.firstDims.length;
  const zBar: Float64Array[] = new Array(layers);
  zBar[layers - 1] = outputAdjoint;
  for (let l = layers - 1; l >= 1; l--) {
    const width = sizes[l];
    const block = n * width;
    const aBar = new Float64Array(C * block);
    multiplyTransposed(zBar[l], C * n, sizes[l + 1], theta, offsets[l].weight, width, aBar);
    const { d1, d2, d3 } = sigma[l - 1];
    const zl = z[l - 1];
    const out = new Float64Array(C * block);
    for (let e = 0; e < block; e++) out[e] = aBar[e] * d1[e];
    for (let c = 1; c <= k; c++) {
      const gc = aBar.subarray(c * block, (c + 1) * block);
      const zc = zl.subarray(c * block, (c + 1) * block);
      const oc = out.subarray(c * block, (c + 1) * block);
      for (let e = 0; e < block; e++) {
        out[e] += gc[e] * d2[e] * zc[e];
        oc[e] = gc[e] * d1[e];
      }
    }
    for (let q = 0; q < plan.pairSlots.length; q++) {
      const [si, sj] = plan.pairSlots[q];
      const base = (1 + k + q) * block;
      const gq = aBar.subarray(base, base + block);
      const zq = zl.subarray(base, base + block);
      const oq = out.subarray(base, base + block);
      const zi = zl.subarray((1 + si) * block, (2 + si) * block);
      const zj = zl.subarray((1 + sj) * block, (2 + sj) * block);
      const oi = out.subarray((1 + si) * block, (2 + si) * block);
      const oj = out.subarray((1 + sj) * block, (2 + sj) * block);
      for (let e = 0; e < block; e++) {
        const g = gq[e];
        out[e] += g * (d3![e] * zi[e] * zj[e] + d2[e] * zq[e]);
        oi[e] += g * d2[e] * zj[e];
        oj[e] += g * d2[e] * zi[e];
        oq[e] = g * d1[e];
      }
    }
    zBar[l - 1] = out;
  }
  return zBar;
}

/** grad += Σ over the chunk's points and channels of the per-layer outer products, given every layer's z̄. */
export function accumulateGradient(cache: ChunkCache, zBar: Float64Array[], grad: Float64Array): void {
  const { n, plan, sizes, offsets, xHat, a, map } = cache;
  const layers = sizes.length - 1;
  const C = plan.channels;
  for (let l = 0; l < layers; l++) {
    const width = sizes[l + 1];
    const g = zBar[l];
    for (let p = 0; p < n; p++) for (let j = 0; j < width; j++) grad[offsets[l].bias + j] += g[p * width + j];
    if (l > 0) {
      accumulateOuter(a[l], C * n, sizes[l], g, width, grad, offsets[l].weight);
      continue;
    }
    accumulateOuter(xHat, n, sizes[0], g, width, grad, offsets[0].weight);
    plan.firstDims.forEach((dim, c) => {
      const scale = map.invHalfWidth[dim];
      const base = (1 + c) * n * width;
      const row = offsets[0].weight + dim * width;
      for (let p = 0; p < n; p++) for (let j = 0; j < width; j++) grad[row + j] += scale * g[base + p * width + j];
    });
  }
}

/** The vector–Jacobian product of θ ↦ jet: ∂L/∂θ from ∂L/∂(every jet entry). */
export function jetBackward(cache: JetCache, adjoint: JetAdjoint): Float64Array {
  const packed = packAdjoint(adjoint, cache.plan, cache.n * cache.shape.outputs);
  const grad = new Float64Array(parameterCount64(cache.shape));
  for (const chunk of cache.chunks) accumulateGradient(chunk, backpropagateChannels(chunk, chunkOfPacked(packed, cache, chunk)), grad);
  return grad;
}

/**
 * Per-point parameter gradient: row[P] = ∂(seeded output at point p)/∂θ, written at rowOffset of
 * `out`. Cost C·P per point (the same outer products as accumulateGradient, not summed over points).
 */
export function writePointGradient(cache: ChunkCache, zBar: Float64Array[], p: number, out: Float64Array, rowOffset: number): void {
  const { n, plan, sizes, offsets, xHat, a, map } = cache;
  const layers = sizes.length - 1;
  const C = plan.channels;
  for (let l = 0; l < layers; l++) {
    const width = sizes[l + 1];
    const inner = sizes[l];
    const g = zBar[l];
    const wRow = rowOffset + offsets[l].weight;
    const bRow = rowOffset + offsets[l].bias;
    for (let j = 0; j < width; j++) out[bRow + j] = g[p * width + j];
    const input = l > 0 ? a[l] : xHat;
    const channels = l > 0 ? C : 1;
    for (let i = 0; i < inner * width; i++) out[wRow + i] = 0;
    for (let c = 0; c < channels; c++) {
      const ar = (c * n + p) * inner;
      const gr = (c * n + p) * width;
      for (let i = 0; i < inner; i++) {
        const s = input[ar + i];
        if (s === 0) continue;
        for (let j = 0; j < width; j++) out[wRow + i * width + j] += s * g[gr + j];
      }
    }
    if (l > 0) continue;
    plan.firstDims.forEach((dim, c) => {
      const scale = map.invHalfWidth[dim];
      const gr = ((1 + c) * n + p) * width;
      for (let j = 0; j < width; j++) out[wRow + dim * width + j] += scale * g[gr + j];
    });
  }
}

/** The Jacobian–vector product of θ ↦ jet along the parameter direction v (one tangent pass). */
export function jetTangent(cache: JetCache, v: Float64Array): Jet64 {
  const packed = gatherChunks(cache, (chunk) => tangentChannels(chunk, v).zDot.at(-1)!);
  return unpackJet(packed, cache.plan, cache.n * cache.shape.outputs);
}

/** Reassembles a jet from a channel-major array over all points. */
export function jetOfPacked(packed: Float64Array, cache: JetCache): Jet64 {
  return unpackJet(packed, cache.plan, cache.n * cache.shape.outputs);
}

export interface ChannelTangents {
  /** ż of every layer, all channels. */
  zDot: Float64Array[];
  /** ȧ, the tangents of the inputs of layers 1..L−1 (aDot[0] unused). */
  aDot: Float64Array[];
}

/** Tangents of every layer's pre-activations and activations along v. */
export function tangentChannels(cache: ChunkCache, v: Float64Array): ChannelTangents {
  const { n, plan, sizes, offsets, xHat, a, z, sigma, map, theta } = cache;
  if (v.length !== theta.length) throw new Error(`v: length ${v.length}, the network has ${theta.length} parameters`);
  const layers = sizes.length - 1;
  const C = plan.channels;
  const k = plan.firstDims.length;
  const zDots = [firstLayer(v, offsets[0], xHat, n, sizes[0], sizes[1], plan, map, C)];
  const aDots = [new Float64Array(0)];
  for (let l = 1; l < layers; l++) {
    const width = sizes[l];
    const block = n * width;
    const s = sigma[l - 1];
    const zl = z[l - 1];
    const zDot = zDots[l - 1];
    const aDot = new Float64Array(C * block);
    for (let e = 0; e < block; e++) aDot[e] = s.d1[e] * zDot[e];
    for (let c = 1; c <= k; c++) {
      const base = c * block;
      for (let e = 0; e < block; e++) aDot[base + e] = s.d2[e] * zDot[e] * zl[base + e] + s.d1[e] * zDot[base + e];
    }
    plan.pairSlots.forEach(([si, sj], q) => {
      const base = (1 + k + q) * block;
      const bi = (1 + si) * block;
      const bj = (1 + sj) * block;
      const d3 = s.d3!;
      for (let e = 0; e < block; e++) {
        const zi = zl[bi + e];
        const zj = zl[bj + e];
        aDot[base + e] =
          d3[e] * zDot[e] * zi * zj + s.d2[e] * (zDot[bi + e] * zj + zi * zDot[bj + e] + zDot[e] * zl[base + e]) + s.d1[e] * zDot[base + e];
      }
    });
    const out = new Float64Array(C * n * sizes[l + 1]);
    addBias(out, v, offsets[l].bias, n, sizes[l + 1]);
    multiplyAdd(aDot, C * n, width, theta, offsets[l].weight, sizes[l + 1], out);
    multiplyAdd(a[l], C * n, width, v, offsets[l].weight, sizes[l + 1], out);
    zDots.push(out);
    aDots.push(aDot);
  }
  return { zDot: zDots, aDot: aDots };
}
