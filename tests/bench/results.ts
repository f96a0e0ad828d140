/** The shape of bench/results.json. */
import type { ExampleResult } from './examples';
import type { TimeToAccuracy } from './timeToAccuracy';

export interface StepCaseResult {
  name: string;
  width: number;
  interior: number;
  boundary: number;
  /** Median ms per step, ours, by engine: 'jet-wasm-f32' (the fused jet engine) or a tfjs backend. */
  oursMs: Record<string, number>;
  /** Median ms per step, PyTorch, by thread setting (labels as in pytorchRuns). */
  pytorchMs: Record<string, number>;
  /** ours / PyTorch single-thread, by backend. */
  ratio: Record<string, number>;
  /** Loss at the initial parameters, ours (by backend) and PyTorch: equal to float32 rounding when both solve the same problem. */
  firstLoss: Record<string, number>;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverage: { start: number[]; end: number[] }; wasmThreads?: boolean; torch?: string };
  stepTime: { steps: number; warmup: number; backends: string[]; pytorchRuns: { label: string; threads: number }[]; cases: StepCaseResult[] };
  /**
   * Ours in float64 against PyTorch float64 by engine: 'jet-wasm-f64' (the PINN's engine, one
   * thread), 'jet-wasm-f64 ×N' (data-parallel on N cores, against PyTorch's faster of one thread
   * and N: `pytorchAllCoresMs`) and 'jetMlp64' (workers/float64's jetForward / jetBackward API,
   * hand-written loss).
   */
  float64: {
    engines: string[];
    cases: { width: number; interior: number; oursMs: Record<string, number>; pytorchMs?: number; pytorchAllCoresMs?: number; ratio: Record<string, number>; firstLoss: Record<string, number> }[];
  };
  timeToAccuracy?: { config: string; target: number; pytorchThreads: number; solvers: Record<string, TimeToAccuracy> };
  examples?: ExampleResult[];
  notes: string[];
}
