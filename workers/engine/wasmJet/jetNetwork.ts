/**
 * The fused Taylor-mode MLP engine: the jet passes of workers/float64/jetMlp64.ts (same formulas,
 * parameter layout, input map and jet keys) with every buffer resident in one WebAssembly memory
 * (parameters, their transposes, each point set's per-layer z / a / σ-derivative arrays, adjoint
 * scratch, gradient) and every O(n·w) or O(n·w²) loop in a SIMD kernel, in float32 (f32x4) or
 * float64 (f64x2). A step allocates nothing; JavaScript only moves the O(n) jet and its adjoint.
 *
 * Points are processed in chunks (rows of a chunk's layer matrix: channel-major, c·m + p) whose
 * layers stay in cache; the first layer's input is a constant matrix ([x̂; s_i e_i; 0], or the jet
 * of periodic features: firstLayerInput.ts) so that the input map's chain rule is an ordinary product.
 */
import type { DerivativeRequest, InputMap, MlpShape } from '../taylorMlp';
import { activation64 } from '../../float64/activations64';
import { channelPlan, layerSizes64, parameterCount64, parameterOffsets, type ChannelPlan, type Jet64, type JetAdjoint, type ParameterOffsets } from '../../float64/jetMlp64';
import type { JetEngine } from '../../float64/jetEngine64';
import { instantiateJetKernels, type JetKernels, type JetPrecision } from './kernels';
import { writeFirstLayerInput } from '../firstLayerInput';

type Ptr = number;

interface ChunkBuffers {
  start: number;
  /** Points in the chunk. */
  m: number;
  /** Layer inputs: input[0] is the constant first-layer input, input[l] = a of layer l. */
  input: Ptr[];
  /** Pre-activations of every layer, all channels. */
  z: Ptr[];
  /** σ', σ'', σ''' at the value channel of z[l], l = 0..L−2 (s3 only with second-derivative channels). */
  s1: Ptr[];
  s2: Ptr[];
  s3: Ptr[];
}

/** A fixed set of points with its derivative request and all its buffers. */
export interface WasmPointSet {
  readonly n: number;
  readonly plan: ChannelPlan;
  /** The last forward pass's jet: key → n × outputs (row-major), overwritten by every forward. */
  readonly jet: Jet64;
  readonly chunks: ChunkBuffers[];
  readonly pairs: Ptr;
  /** Two adjoint buffers of C · chunk · max width. */
  readonly scratch: [Ptr, Ptr];
}

export interface JetNetworkOptions {
  /** Points per chunk (cache blocking); results do not depend on it beyond rounding. */
  pointsPerChunk?: number;
}

export const WASM_POINTS_PER_CHUNK = 64;

const PAGE = 65536;

export class JetNetworkWasm implements JetEngine<WasmPointSet> {
  readonly parameterCount: number;
  readonly precision: JetPrecision;
  private readonly k: JetKernels;
  private readonly sizes: number[];
  private readonly offsets: ParameterOffsets[];
  private readonly chunkSize: number;
  private top = 16;
  private readonly theta: Ptr;
  private readonly grad: Ptr;
  /** Wᵀ of every layer (cols × inner), refreshed when θ changes. */
  private readonly transposed: Ptr[];
  /** Transposed weight gradients of the narrow layers (too few columns for the tiled kernel). */
  private readonly narrowGrad: (Ptr | undefined)[];
  private readonly nonTanh: ((z: number) => [number, number, number, number, number]) | undefined;
  private buffer: ArrayBuffer | undefined;
  private view: Float32Array | Float64Array | undefined;

  constructor(
    readonly shape: MlpShape,
    private readonly map: InputMap,
    precision: JetPrecision,
    options: JetNetworkOptions = {},
  ) {
    this.precision = precision;
    this.k = instantiateJetKernels(precision);
    this.sizes = layerSizes64(shape);
    this.offsets = parameterOffsets(shape);
    this.parameterCount = parameterCount64(shape);
    this.chunkSize = options.pointsPerChunk ?? WASM_POINTS_PER_CHUNK;
    if (!Number.isInteger(this.chunkSize) || this.chunkSize < 1) throw new Error(`options.pointsPerChunk: ${this.chunkSize} is not a positive integer`);
    const f = activation64(shape.activation); // throws on unknown names
    this.nonTanh = shape.activation === 'tanh' ? undefined : f;
    this.theta = this.reserve(this.parameterCount);
    this.grad = this.reserve(this.parameterCount);
    this.transposed = this.sizes.slice(0, -1).map((inner, l) => this.reserve(inner * this.sizes[l + 1]));
    this.narrowGrad = this.sizes.slice(0, -1).map((inner, l) => (this.isNarrow(this.sizes[l + 1]) ? this.reserve(inner * this.sizes[l + 1]) : undefined));
  }

  private isNarrow(cols: number): boolean {
    return cols < 2 * this.k.lanes;
  }

  /** Element offset → typed view of the whole memory (recreated after the memory grows). */
  private memory(): Float32Array | Float64Array {
    const buffer = this.k.memory.buffer;
    if (buffer !== this.buffer || !this.view) {
      this.buffer = buffer;
      this.view = this.precision === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
    }
    return this.view;
  }

  /** Reserves `length` elements, 16-byte aligned and zeroed; returns the byte offset. */
  private reserve(length: number): Ptr {
    const ptr = this.top;
    this.top += Math.ceil((length * this.k.bytes) / 16) * 16;
    const missing = this.top - this.k.memory.buffer.byteLength;
    if (missing > 0) this.k.memory.grow(Math.ceil(missing / PAGE));
    return ptr;
  }

  private elements(ptr: Ptr, length: number): Float32Array | Float64Array {
    const e = ptr / this.k.bytes;
    return this.memory().subarray(e, e + length);
  }

  /** Bytes of WebAssembly memory this network holds (it only grows; memory tests watch it). */
  get memoryBytes(): number {
    return this.k.memory.buffer.byteLength;
  }

  /** The arena's fill level: sets created after `mark()` are dropped by `release(mark)`. */
  mark(): number {
    return this.top;
  }

  /** Frees everything reserved since `mark` (memory is kept for reuse); sets created since are invalid. */
  release(mark: number): void {
    if (mark < 16 || mark > this.top) throw new Error(`release: ${mark} is not a mark of this network`);
    this.top = mark;
    new Uint8Array(this.k.memory.buffer, mark).fill(0);
  }

  /** Copies θ in (converting to this engine's precision). */
  setTheta(theta: ArrayLike<number>): void {
    if (theta.length !== this.parameterCount) throw new Error(`theta: length ${theta.length}, the network has ${this.parameterCount} parameters`);
    this.elements(this.theta, this.parameterCount).set(theta);
    const S = this.k.bytes;
    this.offsets.forEach((off, l) => this.k.transpose(this.theta + off.weight * S, this.sizes[l], this.sizes[l + 1], this.transposed[l]));
  }

  /** θ as held by the engine (float32 rounding included). */
  getTheta(): Float64Array {
    return Float64Array.from(this.elements(this.theta, this.parameterCount));
  }

  createPointSet(x: Float64Array, request: DerivativeRequest): WasmPointSet {
    const d = this.shape.inputs;
    if (x.length % d !== 0) throw new Error(`x: length ${x.length} is not a multiple of inputs = ${d}`);
    for (const dim of [...request.first, ...request.second.flat()]) {
      if (!Number.isInteger(dim) || dim < 0 || dim >= d) throw new Error(`request: input dimension ${dim} outside 0..${d - 1}`);
    }
    // One channel per distinct pair (two equations may both read u_xx).
    const distinctPairs = [...new Map(request.second.map(([i, j]) => (i <= j ? [i, j] : [j, i]) as [number, number]).map((p) => [p.join(','), p])).values()];
    const plan = channelPlan({ first: request.first, second: distinctPairs });
    const n = x.length / d;
    const C = plan.channels;
    const L = this.sizes.length - 1;
    const Q = this.shape.outputs;
    const pairs = this.reserve(Math.max(1, (2 * plan.pairSlots.length * 4) / this.k.bytes));
    const pairView = new Int32Array(this.k.memory.buffer, pairs, 2 * plan.pairSlots.length);
    plan.pairSlots.forEach(([si, sj], q) => pairView.set([si, sj], 2 * q));
    const widest = Math.max(...this.sizes);
    const scratch: [Ptr, Ptr] = [this.reserve(C * this.chunkSize * widest), this.reserve(C * this.chunkSize * widest)];
    const chunks: ChunkBuffers[] = [];
    for (let start = 0; start < n; start += this.chunkSize) {
      const m = Math.min(this.chunkSize, n - start);
      const input = [this.reserve(C * m * this.sizes[0])];
      const z: Ptr[] = [];
      const s1: Ptr[] = [];
      const s2: Ptr[] = [];
      const s3: Ptr[] = [];
      for (let l = 0; l < L; l++) {
        z.push(this.reserve(C * m * this.sizes[l + 1]));
        if (l + 1 < L) {
          input.push(this.reserve(C * m * this.sizes[l + 1]));
          s1.push(this.reserve(m * this.sizes[l + 1]));
          s2.push(this.reserve(m * this.sizes[l + 1]));
          s3.push(plan.pairs.length > 0 ? this.reserve(m * this.sizes[l + 1]) : 0);
        }
      }
      writeFirstLayerInput(this.elements(input[0], C * m * this.sizes[0]), x, start, m, this.shape, this.map, plan);
      chunks.push({ start, m, input, z, s1, s2, s3 });
    }
    const jet: Jet64 = new Map(plan.keys.map((key) => [key, new Float64Array(n * Q)]));
    return { n, plan, jet, chunks, pairs, scratch };
  }

  /** The jet at the set's points for the current θ (set.jet, overwritten). */
  forward(set: WasmPointSet): Jet64 {
    const { k } = this;
    const S = k.bytes;
    const L = this.sizes.length - 1;
    const Q = this.shape.outputs;
    const C = set.plan.channels;
    const kFirst = set.plan.firstDims.length;
    const npairs = set.plan.pairSlots.length;
    const outputs = set.plan.keys.map((key) => set.jet.get(key)!);
    for (const chunk of set.chunks) {
      const { m } = chunk;
      const rows = C * m;
      for (let l = 0; l < L; l++) {
        const inner = this.sizes[l];
        const cols = this.sizes[l + 1];
        const z = chunk.z[l];
        k.fillBias(z, rows, m, cols, this.theta + this.offsets[l].bias * S);
        if (this.isNarrow(cols)) k.mmNarrow(chunk.input[l], rows, inner, this.transposed[l], cols, z);
        else k.mm(chunk.input[l], rows, inner, this.theta + this.offsets[l].weight * S, cols, z, true);
        if (l + 1 === L) break;
        const a = chunk.input[l + 1];
        this.activation(z, m * cols, a, chunk.s1[l], chunk.s2[l], chunk.s3[l]);
        k.activateForward(z, a, chunk.s1[l], chunk.s2[l], m * cols, kFirst, set.pairs, npairs);
      }
      const out = chunk.z[L - 1];
      for (let c = 0; c < C; c++) outputs[c].set(this.elements(out + c * m * Q * S, m * Q), chunk.start * Q);
    }
    return set.jet;
  }

  /** σ, σ', σ'' (and σ''' where s3 ≠ 0) at z[0..length). */
  private activation(z: Ptr, length: number, s0: Ptr, s1: Ptr, s2: Ptr, s3: Ptr): void {
    if (!this.nonTanh) {
      this.k.tanhJet(z, length, s0, s1, s2, s3);
      return;
    }
    const mem = this.memory();
    const S = this.k.bytes;
    const [z0, o0, o1, o2, o3] = [z / S, s0 / S, s1 / S, s2 / S, s3 / S];
    for (let e = 0; e < length; e++) {
      const [v0, v1, v2, v3] = this.nonTanh(mem[z0 + e]);
      mem[o0 + e] = v0;
      mem[o1 + e] = v1;
      mem[o2 + e] = v2;
      if (s3 !== 0) mem[o3 + e] = v3;
    }
  }

  zeroGradient(): void {
    this.elements(this.grad, this.parameterCount).fill(0);
    this.narrowGrad.forEach((ptr, l) => ptr !== undefined && this.elements(ptr, this.sizes[l] * this.sizes[l + 1]).fill(0));
  }

  /**
   * Adds ∂L/∂θ for ∂L/∂(jet entries) of the set (an absent key is a zero adjoint) to the gradient;
   * uses the set's buffers from its last forward pass.
   */
  backward(set: WasmPointSet, adjoint: JetAdjoint): void {
    const { k } = this;
    const S = k.bytes;
    const L = this.sizes.length - 1;
    const Q = this.shape.outputs;
    const C = set.plan.channels;
    const kFirst = set.plan.firstDims.length;
    const npairs = set.plan.pairSlots.length;
    const seeds = set.plan.keys.map((key) => {
      const values = adjoint.get(key);
      if (values && values.length !== set.n * Q) throw new Error(`adjoint['${key}']: length ${values.length}, expected ${set.n * Q}`);
      return values;
    });
    for (const key of adjoint.keys()) {
      if (!set.plan.keys.includes(key)) throw new Error(`adjoint: key '${key}' is not in the jet (keys: ${set.plan.keys.map((k) => `'${k}'`).join(', ')})`);
    }
    for (const chunk of set.chunks) {
      const { m } = chunk;
      const rows = C * m;
      const [g, spare] = set.scratch;
      const seedView = this.elements(g, rows * Q);
      seeds.forEach((values, c) => {
        const part = seedView.subarray(c * m * Q, (c + 1) * m * Q);
        if (values) part.set(values.subarray(chunk.start * Q, (chunk.start + m) * Q));
        else part.fill(0);
      });
      for (let l = L - 1; l >= 0; l--) {
        const inner = this.sizes[l];
        const cols = this.sizes[l + 1];
        const narrow = this.narrowGrad[l];
        if (narrow !== undefined) k.atbNarrow(chunk.input[l], rows, inner, g, cols, narrow);
        else k.atb(chunk.input[l], rows, inner, g, cols, this.grad + this.offsets[l].weight * S);
        k.columnSum(g, m, cols, this.grad + this.offsets[l].bias * S);
        if (l === 0) break;
        k.mm(g, rows, cols, this.transposed[l], inner, spare, false);
        k.activateBackward(spare, chunk.z[l - 1], chunk.s1[l - 1], chunk.s2[l - 1], chunk.s3[l - 1], g, m * inner, kFirst, set.pairs, npairs);
        // z̄ of layer l − 1 now sits in g (its previous content was consumed by the product above)
      }
    }
  }

  /** The accumulated gradient, as float64. */
  gradient(out: Float64Array = new Float64Array(this.parameterCount)): Float64Array {
    const S = this.k.bytes;
    this.narrowGrad.forEach((ptr, l) => {
      if (ptr === undefined) return;
      this.k.addTransposed(ptr, this.sizes[l + 1], this.sizes[l], this.grad + this.offsets[l].weight * S);
      this.elements(ptr, this.sizes[l] * this.sizes[l + 1]).fill(0);
    });
    out.set(this.elements(this.grad, this.parameterCount));
    return out;
  }
}
