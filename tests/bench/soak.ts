/**
 * `npm run bench -- soak [--steps N] [--methods a,b,…] [--out file.json]`: trains every method on a tiny problem for
 * N steps (default 10,000) with checkpoints on, and samples memory after a forced full GC (RSS, JS
 * heap + external, WebAssembly memory, tfjs tensors) and step time as it goes. Writes
 * bench/soak.json or --out (the series and the verdicts) and says whether each series stayed flat within
 * 5% from the second tenth of its steady phase to its last tenth (memory: the medians of those tenths;
 * step time: a line fitted over the steady phase, see trend()). Memory may fall (warm-up buffers
 * released) but not grow. Step time is the CPU time the process spends inside step(), which other
 * programs on a shared machine do not inflate; wall time moves with the machine's load and is
 * reported beside it. Where steps do different amounts of work by design (Winslow's backtracking,
 * L-BFGS line searches: rows carry `evaluations`), the time compared is per objective evaluation,
 * the unit of work that stays. The runs use one compute thread, so CPU time is one thread's.
 *
 * Methods: pinn-f32 (the PINN on the float32 wasm jet engine: tfjs backend 'wasm'), pinn-f64,
 * cpinn (ACGD, warm start), teng (Heun), mesh-classical, mesh-neural.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../main/runs/atomicWrite';
import { PROJECT_ROOT } from '../../main/runs/examples';
import type { RunConfig } from '../../workers/config/schema';
import { resolveConfig } from '../../workers/config/validate';
import { initBackend } from '../../workers/engine/backend';
import type { SolverMethod } from '../../workers/methods/method';
import type { MetricsRow } from '../../workers/protocol/service';
import { createMethod, Runner } from '../../workers/run/runner';
import { memoryUse } from './memoryProbe';
import { periodicHeat1d, poisson1d, tanhFront as front } from '../smallProblems';

interface Sample {
  iteration: number;
  /** Training seconds so far. */
  seconds: number;
  /** CPU seconds (user + system) the process spent inside step() so far. */
  cpuSeconds: number;
  /** Work units so far: objective evaluations where a method's steps vary in work (row.evaluations), else steps. */
  work: number;
  rssMiB: number;
  heapMiB: number;
  wasmMiB: number;
  tensors: number;
}

interface SoakCase {
  name: string;
  config: RunConfig;
  /** The iterations of the steady phase the verdict compares (Adam for the PINNs, the time steps of TENG). */
  steady: [number, number];
}

const FLAT = 0.05;
// Rows arrive every 200 ms: a sample (after a full GC, outside the timed steps) per delivery at most.
const SAMPLE_MS = 200;
const MiB = 2 ** 20;

const common = (steps: number) => ({ evaluation: { every: Math.max(1, Math.round(steps / 20)), snapshot: 8, grid: 32 }, checkpoint: { every: Math.max(1, Math.round(steps / 10)) }, budget: { seconds: 36_000 } });

function cases(steps: number): SoakCase[] {
  const lbfgs = Math.round(steps / 10);
  const pinn = (precision: 'float32' | 'float64'): SoakCase => ({
    name: `pinn-${precision === 'float32' ? 'f32' : 'f64'}`,
    config: resolveConfig({
      name: `soak-pinn-${precision}`,
      problem: { kind: 'poisson2d' },
      method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.002, iterations: steps - lbfgs }, { name: 'lbfgs', iterations: lbfgs, history: 20, maxEvaluations: 5, gradientTolerance: 0, changeTolerance: 0 }] },
      network: { hidden: [32, 32] },
      sampling: { interior: 1000, boundary: 200 },
      ...common(steps),
      precision,
      backend: 'wasm',
      // One compute thread: a soak looks for leaks and slowdowns, which a second thread sharing the cores would blur.
      threads: 1,
    }),
    steady: [0, steps - lbfgs],
  });
  // TENG: a tenth of the steps fits the initial condition, the rest are time steps of dt = 1e-3.
  const fit = Math.round(steps / 10);
  const timeSteps = steps - fit;
  return [
    pinn('float32'),
    pinn('float64'),
    {
      name: 'cpinn',
      config: resolveConfig({ name: 'soak-cpinn', problem: poisson1d, method: { name: 'cpinn', discriminator: { hidden: [16] }, optimizer: { name: 'acgd', lr: 0.01, iterations: steps, warmStart: true } }, network: { hidden: [16, 16] }, sampling: { interior: 256, boundary: 2 }, ...common(steps), precision: 'float64', threads: 1 }),
      steady: [0, steps],
    },
    {
      name: 'teng',
      config: resolveConfig({
        name: 'soak-teng',
        problem: periodicHeat1d(timeSteps / 1000),
        method: { name: 'teng', integrator: 'heun', dt: 0.001, iterations: 2, subset: 48, points: 128, fitIterations: fit, fitSubset: 64 },
        network: { hidden: [16] },
        ...common(steps),
        evaluation: { every: Math.max(1, Math.round(steps / 20)), snapshot: 8, grid: 32 },
      }),
      steady: [fit, steps],
    },
    {
      name: 'mesh-classical',
      config: resolveConfig({ name: 'soak-mesh-classical', problem: front, method: { name: 'mesh-mover', mesh: { cells: [48, 48] }, iterations: steps, errorGrid: 32 }, ...common(steps) }),
      steady: [0, steps],
    },
    {
      name: 'mesh-neural',
      config: resolveConfig({ name: 'soak-mesh-neural', problem: front, method: { name: 'mesh-mover', mover: 'neural', mesh: { cells: [8, 8] }, iterations: steps, points: 128, smoothing: [0.1], errorGrid: 32 }, network: { hidden: [12] }, ...common(steps) }),
      steady: [0, steps],
    },
  ];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** The last tenth of [from, to] against its second tenth (the first holds warm-up), as a relative change. */
function drift(samples: Sample[], value: (s: Sample, prev: Sample) => number, [from, to]: [number, number]): number {
  const span = to - from;
  const window = (lo: number, hi: number) => samples.flatMap((s, i) => (i > 0 && s.iteration > lo && s.iteration <= hi && samples[i - 1].iteration >= lo ? [value(s, samples[i - 1])] : []));
  const early = median(window(from + span * 0.1, from + span * 0.2));
  const late = median(window(from + span * 0.9, to));
  return late === early ? 0 : (late - early) / early;
}

/**
 * The relative change over [from + a tenth, to] of a straight line fitted (least squares) to the
 * per-sample values: a slowdown shows as a slope, while the scheduling noise of a shared machine
 * (single 200 ms samples of millisecond steps wander by ±15% with no trend) averages out, where a
 * comparison of two short windows would read it as drift.
 */
function trend(samples: Sample[], value: (s: Sample, prev: Sample) => number, [from, to]: [number, number]): number {
  const start = from + (to - from) * 0.1;
  const points = samples.flatMap((s, i) => (i > 0 && samples[i - 1].iteration >= start && s.iteration <= to ? [[s.iteration, value(s, samples[i - 1])]] : []));
  if (points.length < 3) return NaN;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  const slope = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) / sxx;
  const atStart = meanY + slope * (start - meanX);
  return (slope * (to - start)) / atStart;
}

type Drifts = { rss: number; heap: number; wasm: number; tensors: number; stepMs: number; stepCpuMs: number };

/** null where the run was too short to have samples in both tenths compared. */
function verdict(drifts: Drifts): { memoryFlat: boolean | null; stepTimeFlat: boolean | null } {
  const memory = [drifts.rss, drifts.heap, drifts.wasm, drifts.tensors];
  if (memory.some(Number.isNaN)) return { memoryFlat: null, stepTimeFlat: null };
  return { memoryFlat: memory.every((d) => d <= FLAT), stepTimeFlat: Math.abs(drifts.stepCpuMs) <= FLAT };
}

const says = (flat: boolean | null) => (flat === null ? 'too few samples' : flat ? 'flat' : 'NOT flat');

async function soak({ name, config, steady }: SoakCase) {
  const samples: Sample[] = [];
  let method: SolverMethod | undefined;
  let lastSample = 0;
  let work = 0;
  let timeUnit: 'step' | 'evaluation' = 'step';
  const sample = (rows: MetricsRow[]) => {
    for (const row of rows) work += row.evaluations ?? 1;
    if (rows.some((row) => row.evaluations !== undefined)) timeUnit = 'evaluation';
    const last = rows.at(-1);
    if (!last || performance.now() - lastSample < SAMPLE_MS) return;
    const use = memoryUse(method);
    lastSample = performance.now();
    samples.push({ iteration: last.iteration, seconds: last.seconds, cpuSeconds: cpuMicros / 1e6, work, rssMiB: use.rssBytes / MiB, heapMiB: use.heapBytes / MiB, wasmMiB: use.wasmBytes / MiB, tensors: use.tensors });
  };
  // CPU time inside step(): unlike wall time, other programs on the machine do not inflate it, so the
  // verdict on step time holds on a shared machine (the wall-clock trend is reported beside it).
  let cpuMicros = 0;
  const runner = new Runner((c, model, rng) => {
    const created = createMethod(c, model, rng);
    const step = created.step.bind(created);
    created.step = () => {
      const before = process.cpuUsage();
      try {
        return step();
      } finally {
        const spent = process.cpuUsage(before);
        cpuMicros += spent.user + spent.system;
      }
    };
    return (method = created);
  });
  const result = await runner.run(config, { rows: sample, snapshot: () => undefined, status: () => undefined, checkpoint: () => undefined });
  const perWork = (s: Sample, p: Sample) => ((s.seconds - p.seconds) * 1000) / (s.work - p.work);
  const cpuPerWork = (s: Sample, p: Sample) => ((s.cpuSeconds - p.cpuSeconds) * 1000) / (s.work - p.work);
  const drifts: Drifts = {
    rss: drift(samples, (s) => s.rssMiB, steady),
    heap: drift(samples, (s) => s.heapMiB, steady),
    wasm: drift(samples, (s) => s.wasmMiB, steady),
    tensors: drift(samples, (s) => s.tensors, steady),
    stepMs: trend(samples, perWork, steady),
    stepCpuMs: trend(samples, cpuPerWork, steady),
  };
  const tensorsAfter = memoryUse().tensors;
  return { method: name, iterations: result.iterations, status: result.status, message: result.message, relL2: result.metrics.relL2, seconds: result.seconds, steady, timeUnit, drifts, ...verdict(drifts), tensorsAfter, samples };
}

function option(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

export async function runSoak(argv: string[]): Promise<void> {
  const stepsText = option(argv, '--steps') ?? '10000';
  const steps = Number(stepsText);
  if (!Number.isInteger(steps) || steps < 100) throw new Error(`--steps: must be an integer of at least 100, got ${stepsText}`);
  const all = cases(steps);
  const wanted = option(argv, '--methods')?.split(',') ?? all.map((c) => c.name);
  const unknown = wanted.filter((name) => !all.some((c) => c.name === name));
  if (unknown.length > 0) throw new Error(`--methods: unknown ${unknown.join(', ')} (known: ${all.map((c) => c.name).join(', ')})`);
  const backend = await initBackend('wasm');
  const loadStart = os.loadavg();
  const runs = [];
  const pct = (d: number) => `${(d * 100).toFixed(1)}%`;
  for (const soakCase of all.filter((c) => wanted.includes(c.name))) {
    const run = await soak(soakCase);
    runs.push(run);
    const { drifts } = run;
    process.stdout.write(
      `${run.method}: ${run.iterations} steps in ${run.seconds.toFixed(0)} s (${run.status}), relL2 ${run.relL2?.toExponential(2)}; late vs early: ` +
        `RSS ${pct(drifts.rss)}, heap ${pct(drifts.heap)}, wasm ${pct(drifts.wasm)}, tensors ${pct(drifts.tensors)} → memory ${says(run.memoryFlat)}; ` +
        `CPU time per ${run.timeUnit} ${pct(drifts.stepCpuMs)} → ${says(run.stepTimeFlat)} within ${FLAT * 100}% (wall time ${pct(drifts.stepMs)})\n`,
    );
  }
  const out = option(argv, '--out');
  const file = out ? path.resolve(out) : path.join(PROJECT_ROOT, 'bench', 'soak.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify({ date: new Date().toISOString(), backend, steps, loadAverage: { start: loadStart, end: os.loadavg() }, cpus: os.cpus().length, runs }, null, 1) + '\n');
  process.stderr.write(`soak: wrote ${path.relative(process.cwd(), file)}\n`);
}
