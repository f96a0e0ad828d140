/**
 * factoredJacobian.ts's Jacobian with its factors resident in WebAssembly memory and every product
 * a kernel of the fused jet engine (engine/wasmJet, f64x2): J v is fillBias + A·V (register-tiled)
 * + row dots with Z̄; Jᵀ w is row scaling of Z̄ + Aᵀ·(w Z̄) + a column sum for the bias. The
 * factors are copied in once per game point, not once per product, and a product allocates
 * nothing but its result: CPINN's Krylov solves call these products tens of times per step.
 *
 * All Jacobians of one game point share a JacobianArena (one kernel instance and its memory),
 * handed on to the next point when the point is released (cpinnGame.ts).
 */
import { instantiateJetKernels, jetKernelsAvailable, type JetKernels } from '../../engine/wasmJet/kernels';
import type { FactoredBlock } from './factoredJacobian';
import type { PointJacobian } from './pointJacobian';

const PAGE = 65536;
const F64 = 8;

/** A bump allocator over one float64 kernel instance's memory. */
export class JacobianArena {
  readonly kernels: JetKernels;
  private top = 0;

  constructor() {
    this.kernels = instantiateJetKernels('float64');
  }

  static available(): boolean {
    return jetKernelsAvailable();
  }

  /** Frees everything: Jacobians made before are no longer valid. */
  reset(): void {
    this.top = 0;
  }

  /** Room for `length` float64 values, 16-byte aligned; returns the byte offset. */
  allocate(length: number): number {
    const ptr = this.top;
    this.top += Math.ceil((length * F64) / 16) * 16;
    const size = this.kernels.memory.buffer.byteLength;
    // Geometric growth: a point's factors arrive in many pieces, and each grow may copy the memory.
    if (this.top > size) this.kernels.memory.grow(Math.ceil(Math.max(this.top - size, size) / PAGE));
    return ptr;
  }

  /** A view of `length` values at `ptr` (fresh: growing the memory detaches older views). */
  view(ptr: number, length: number): Float64Array {
    return new Float64Array(this.kernels.memory.buffer, ptr, length);
  }

  put(values: Float64Array): number {
    const ptr = this.allocate(values.length);
    this.view(ptr, values.length).set(values);
    return ptr;
  }
}

interface ResidentLayer {
  input: number;
  inWidth: number;
  adjoint: number;
  outWidth: number;
  weight: number;
  bias: number;
}

interface ResidentBlock {
  n: number;
  channels: number;
  layers: ResidentLayer[];
}

export class FactoredJacobianWasm implements PointJacobian {
  readonly rows: number;
  private readonly blocks: ResidentBlock[];
  private readonly vector: number;
  private readonly gradient: number;
  private readonly product: number;
  private readonly rowValues: number;

  constructor(
    private readonly arena: JacobianArena,
    blocks: readonly FactoredBlock[],
    readonly parameterCount: number,
  ) {
    this.rows = blocks.reduce((sum, block) => sum + block.n, 0);
    this.blocks = blocks.map(({ n, channels, layers }) => ({
      n,
      channels,
      layers: layers.map(({ input, inWidth, adjoint, outWidth, weight, bias }) => ({
        input: arena.put(input.subarray(0, channels * n * inWidth)),
        inWidth,
        adjoint: arena.put(adjoint.subarray(0, channels * n * outWidth)),
        outWidth,
        weight,
        bias,
      })),
    }));
    const largestRows = Math.max(0, ...blocks.map(({ n, channels }) => channels * n));
    const largestProduct = Math.max(0, ...blocks.flatMap(({ n, channels, layers }) => layers.map((layer) => channels * n * layer.outWidth)));
    this.vector = arena.allocate(parameterCount);
    this.gradient = arena.allocate(parameterCount);
    this.product = arena.allocate(largestProduct);
    this.rowValues = arena.allocate(largestRows);
  }

  /** J v: one value per point. */
  apply(v: Float64Array): Float64Array {
    if (v.length !== this.parameterCount) throw new Error(`v: length ${v.length}, the network has ${this.parameterCount} parameters`);
    const { kernels } = this.arena;
    this.arena.view(this.vector, v.length).set(v);
    const out = new Float64Array(this.rows);
    let start = 0;
    for (const { n, channels, layers } of this.blocks) {
      const rows = channels * n;
      for (const layer of layers) {
        // t = bias on the value channel's rows (0 elsewhere) + A V, then each row's dot with Z̄.
        kernels.fillBias(this.product, rows, n, layer.outWidth, this.vector + layer.bias * F64);
        kernels.mm(layer.input, rows, layer.inWidth, this.vector + layer.weight * F64, layer.outWidth, this.product, true);
        kernels.rowDot(this.product, layer.adjoint, rows, layer.outWidth, this.rowValues);
        const dots = this.arena.view(this.rowValues, rows);
        for (let c = 0; c < channels; c++) for (let p = 0; p < n; p++) out[start + p] += dots[c * n + p];
      }
      start += n;
    }
    return out;
  }

  /** Jᵀ w: the parameter gradient of Σ_p w_p s_p. */
  applyTransposed(w: Float64Array): Float64Array {
    if (w.length !== this.rows) throw new Error(`w: length ${w.length}, the Jacobian has ${this.rows} rows`);
    const { kernels } = this.arena;
    this.arena.view(this.gradient, this.parameterCount).fill(0);
    let start = 0;
    for (const { n, channels, layers } of this.blocks) {
      const rows = channels * n;
      const scale = this.arena.view(this.rowValues, rows);
      for (let c = 0; c < channels; c++) scale.set(w.subarray(start, start + n), c * n);
      for (const layer of layers) {
        kernels.scaleRows(layer.adjoint, rows, layer.outWidth, this.rowValues, this.product);
        kernels.atb(layer.input, rows, layer.inWidth, this.product, layer.outWidth, this.gradient + layer.weight * F64);
        kernels.columnSum(this.product, n, layer.outWidth, this.gradient + layer.bias * F64);
      }
      start += n;
    }
    return Float64Array.from(this.arena.view(this.gradient, this.parameterCount));
  }
}
