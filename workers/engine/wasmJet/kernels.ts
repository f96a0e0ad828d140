/**
 * Loads the fused jet engine's WebAssembly kernels (assembly/jetKernels.ts) and exposes those of
 * one precision under precision-free names. Each network gets its own instance, so its buffers
 * live in a memory of their own; the compiled module is shared.
 */
import { JET_KERNELS_WASM_BASE64 } from './generated/jetKernelsWasm';

export type JetPrecision = 'float32' | 'float64';

type Ptr = number;

/** The kernels of one precision (see assembly/jetKernels.ts for what each computes). */
export interface JetKernels {
  memory: WebAssembly.Memory;
  /** Bytes per element. */
  bytes: 4 | 8;
  /** Elements per SIMD vector. */
  lanes: 2 | 4;
  mm(a: Ptr, rows: number, inner: number, w: Ptr, cols: number, out: Ptr, accumulate: boolean): void;
  mmNarrow(a: Ptr, rows: number, inner: number, wT: Ptr, cols: number, out: Ptr): void;
  atb(a: Ptr, rows: number, inner: number, g: Ptr, cols: number, out: Ptr): void;
  atbNarrow(a: Ptr, rows: number, inner: number, g: Ptr, cols: number, outT: Ptr): void;
  columnSum(g: Ptr, rows: number, cols: number, out: Ptr): void;
  fillBias(out: Ptr, rows: number, biasRows: number, cols: number, bias: Ptr): void;
  /** dots[r] = Σ_j x[r, j]·y[r, j] */
  rowDot(x: Ptr, y: Ptr, rows: number, cols: number, dots: Ptr): void;
  /** out[r, :] = s[r]·x[r, :] */
  scaleRows(x: Ptr, rows: number, cols: number, s: Ptr, out: Ptr): void;
  transpose(src: Ptr, rows: number, cols: number, dst: Ptr): void;
  addTransposed(src: Ptr, rows: number, cols: number, dst: Ptr): void;
  activateForward(z: Ptr, a: Ptr, s1: Ptr, s2: Ptr, block: number, k: number, pairs: Ptr, npairs: number): void;
  activateBackward(aBar: Ptr, z: Ptr, s1: Ptr, s2: Ptr, s3: Ptr, zBar: Ptr, block: number, k: number, pairs: Ptr, npairs: number): void;
  /** tanh and three derivatives; s3 = 0 skips the third. */
  tanhJet(z: Ptr, length: number, s0: Ptr, s1: Ptr, s2: Ptr, s3: Ptr): void;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let compiled: WebAssembly.Module | null | undefined;

function module(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (typeof WebAssembly === 'undefined') return compiled;
  const bytes = decodeBase64(JET_KERNELS_WASM_BASE64);
  if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  return compiled;
}

/** Whether this JavaScript engine runs the kernels (WebAssembly with SIMD). */
export function jetKernelsAvailable(): boolean {
  return module() !== null;
}

/** A fresh instance (its own memory) of the kernels of one precision. */
export function instantiateJetKernels(precision: JetPrecision): JetKernels {
  const compiledModule = module();
  if (!compiledModule) throw new Error('the fused jet engine needs WebAssembly with SIMD, which this JavaScript engine lacks');
  const e = new WebAssembly.Instance(compiledModule, {}).exports as Record<string, unknown>;
  const suffix = precision === 'float32' ? 'F32' : 'F64';
  const f = <F>(name: string) => e[name + suffix] as F;
  return {
    memory: e.memory as WebAssembly.Memory,
    bytes: precision === 'float32' ? 4 : 8,
    lanes: precision === 'float32' ? 4 : 2,
    mm: f('mm'),
    mmNarrow: f('mmNarrow'),
    atb: f('atb'),
    atbNarrow: f('atbNarrow'),
    columnSum: f('columnSum'),
    fillBias: f('fillBias'),
    rowDot: f('rowDot'),
    scaleRows: f('scaleRows'),
    transpose: f('transpose'),
    addTransposed: f('addTransposed'),
    activateForward: f('activateForward'),
    activateBackward: f('activateBackward'),
    tanhJet: f('tanhJet'),
  };
}
