/**
 * The dense kernels compiled to WebAssembly SIMD (assembly/denseKernels.ts, f64x2), behind the same
 * signatures as the JavaScript ones. Operands are copied into the module's linear memory per call
 * (O(size) against the product's O(size · width)). Loads synchronously from embedded bytes, which
 * works in Node and in a browser worker; `undefined` where WebAssembly SIMD is unavailable.
 */
import { DENSE_KERNELS_WASM_BASE64 } from './generated/denseKernelsWasm';
import type { DenseKernels } from './denseKernelTypes';

interface KernelExports {
  memory: WebAssembly.Memory;
  multiplyAdd(a: number, rows: number, inner: number, w: number, cols: number, out: number): void;
  accumulateOuter(a: number, rows: number, inner: number, g: number, cols: number, out: number): void;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function instantiate(): KernelExports | undefined {
  if (typeof WebAssembly === 'undefined') return undefined;
  const bytes = decodeBase64(DENSE_KERNELS_WASM_BASE64);
  if (!WebAssembly.validate(bytes)) return undefined;
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as KernelExports;
}

const PAGE = 65536;

/** Places float64 operands one after another in linear memory, 16-byte aligned, growing it as needed. */
class Arena {
  private top = 0;
  constructor(private readonly memory: WebAssembly.Memory) {}

  reset(): void {
    this.top = 0;
  }

  reserve(length: number): number {
    const ptr = this.top;
    this.top += Math.ceil((length * 8) / 16) * 16;
    const missing = this.top - this.memory.buffer.byteLength;
    if (missing > 0) this.memory.grow(Math.ceil(missing / PAGE));
    return ptr;
  }

  put(source: Float64Array, start: number, length: number): number {
    const ptr = this.reserve(length);
    new Float64Array(this.memory.buffer, ptr, length).set(source.subarray(start, start + length));
    return ptr;
  }

  view(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }
}

function wrap(exports: KernelExports): DenseKernels {
  const arena = new Arena(exports.memory);
  const multiplyAdd: DenseKernels['multiplyAdd'] = (a, rows, inner, w, wOffset, cols, out) => {
    arena.reset();
    const pa = arena.put(a, 0, rows * inner);
    const pw = arena.put(w, wOffset, inner * cols);
    const po = arena.put(out, 0, rows * cols);
    exports.multiplyAdd(pa, rows, inner, pw, cols, po);
    out.set(arena.view(po, rows * cols));
  };
  return {
    multiplyAdd,
    multiplyTransposed(g, rows, cols, w, wOffset, inner, out) {
      const wT = new Float64Array(cols * inner);
      for (let i = 0; i < inner; i++) for (let j = 0; j < cols; j++) wT[j * inner + i] = w[wOffset + i * cols + j];
      out.fill(0, 0, rows * inner);
      multiplyAdd(g, rows, cols, wT, 0, inner, out);
    },
    accumulateOuter(a, rows, inner, g, cols, out, outOffset) {
      arena.reset();
      const pa = arena.put(a, 0, rows * inner);
      const pg = arena.put(g, 0, rows * cols);
      const po = arena.put(out, outOffset, inner * cols);
      exports.accumulateOuter(pa, rows, inner, pg, cols, po);
      out.set(arena.view(po, inner * cols), outOffset);
    },
  };
}

const exports = instantiate();

export const WASM_DENSE_KERNELS: DenseKernels | undefined = exports ? wrap(exports) : undefined;

/** Bytes of WebAssembly memory the dense kernels hold (memory tests watch it). */
export function denseKernelsMemoryBytes(): number {
  return exports?.memory.buffer.byteLength ?? 0;
}
