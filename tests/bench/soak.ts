/**
 * `npm run bench -- soak [--steps N] [--methods a,b,…] [--out file.json]`: trains every method on a tiny problem for
 * N steps (default 10,000) with checkpoints on, and samples memory after a forced full GC (RSS, JS
 * heap + external, WebAssembly memory, tfjs tensors) as it goes, and times every step. Writes
 * bench/soak.json or --out (the series and the verdicts).
 * - Memory is flat when the median of the last tenth of the steady phase is within 5% of the
 *   second tenth's (the first holds warm-up); it may fall (warm-up buffers released) but not grow.
 * - Step time is flat when, after those steps, the aged method's steps take within 5% of those of
 *   a fresh twin restored from its checkpoint, the two stepping alternately through N/20 more
 *   steps doing the same work (twinTiming.ts): on this VM a series over time moves with the
 *   machine by tens of percent. The series is written too: the 10th percentile of single steps'
 *   wall time per tenth (only the steps doing the most common amount of work, where steps report
 *   `evaluations` or Krylov iterations), beside that of a fixed computation timed after each step.
 * The runs use one compute thread.
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
import { median } from './statistics';
import { agedOverFresh, freshTwin, pairedStep, type Twin } from './twinTiming';
import { periodicHeat1d, poisson1d, tanhFront as front } from '../smallProblems';

interface Sample {
  iteration: number;
  /** Training seconds so far. */
  seconds: number;
  rssMiB: number;
  heapMiB: number;
  wasmMiB: number;
  tensors: number;
}

interface SoakCase {
  name: string;
  config: RunConfig;
  /**
   * The iterations of the steady phase whose memory is compared (Adam for the PINNs, the time steps
   * of TENG); the phase then goes on for pairSteps() more, where step time is judged.
   */
  steady: [number, number];
  /** Steps after the steady phase in which the aged method and its fresh twin alternate. */
  pairs: number;
}

const pairSteps = (steps: number) => Math.round(steps / 20);

const FLAT = 0.05;
// Rows arrive every 200 ms: a sample (after a full GC, outside the timed steps) per delivery at most.
const SAMPLE_MS = 200;
const MiB = 2 ** 20;

const common = (steps: number) => ({ evaluation: { every: Math.max(1, Math.round(steps / 20)), snapshot: 8, grid: 32 }, checkpoint: { every: Math.max(1, Math.round(steps / 10)) }, budget: { seconds: 36_000 } });

function cases(steps: number): SoakCase[] {
  const lbfgs = Math.round(steps / 10);
  // The steady phase goes on for `pair` more steps, in which the aged method and its fresh twin alternate.
  const pair = pairSteps(steps);
  const pinn = (precision: 'float32' | 'float64'): SoakCase => ({
    name: `pinn-${precision === 'float32' ? 'f32' : 'f64'}`,
    config: resolveConfig({
      name: `soak-pinn-${precision}`,
      problem: { kind: 'poisson2d' },
      method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.002, iterations: steps - lbfgs + pair }, { name: 'lbfgs', iterations: lbfgs, history: 20, maxEvaluations: 5, gradientTolerance: 0, changeTolerance: 0 }] },
      network: { hidden: [32, 32] },
      sampling: { interior: 1000, boundary: 200 },
      ...common(steps),
      precision,
      backend: 'wasm',
      // One compute thread: a soak looks for leaks and slowdowns, which a second thread sharing the cores would blur.
      threads: 1,
    }),
    steady: [0, steps - lbfgs],
    pairs: pair,
  });
  // TENG: a tenth of the steps fits the initial condition, the rest are time steps of dt = 1e-3.
  const fit = Math.round(steps / 10);
  const timeSteps = steps - fit;
  return [
    pinn('float32'),
    pinn('float64'),
    {
      name: 'cpinn',
      config: resolveConfig({ name: 'soak-cpinn', problem: poisson1d, method: { name: 'cpinn', discriminator: { hidden: [16] }, optimizer: { name: 'acgd', lr: 0.01, iterations: steps + pair, warmStart: true } }, network: { hidden: [16, 16] }, sampling: { interior: 256, boundary: 2 }, ...common(steps), precision: 'float64', threads: 1 }),
      steady: [0, steps],
      pairs: pair,
    },
    {
      name: 'teng',
      config: resolveConfig({
        name: 'soak-teng',
        problem: periodicHeat1d((timeSteps + pair) / 1000),
        method: { name: 'teng', integrator: 'heun', dt: 0.001, iterations: 2, subset: 48, points: 128, fitIterations: fit, fitSubset: 64 },
        network: { hidden: [16] },
        ...common(steps),
        evaluation: { every: Math.max(1, Math.round(steps / 20)), snapshot: 8, grid: 32 },
      }),
      steady: [fit, steps],
      pairs: pair,
    },
    {
      name: 'mesh-classical',
      config: resolveConfig({ name: 'soak-mesh-classical', problem: front, method: { name: 'mesh-mover', mesh: { cells: [48, 48] }, iterations: steps + pair, errorGrid: 32 }, ...common(steps) }),
      steady: [0, steps],
      pairs: pair,
    },
    {
      name: 'mesh-neural',
      config: resolveConfig({ name: 'soak-mesh-neural', problem: front, method: { name: 'mesh-mover', mover: 'neural', mesh: { cells: [8, 8] }, iterations: steps + pair, points: 128, smoothing: [0.1], errorGrid: 32 }, network: { hidden: [12] }, ...common(steps) }),
      steady: [0, steps],
      pairs: pair,
    },
  ];
}


/** The last tenth of [from, to] against its second tenth (the first holds warm-up), as a relative change. */
function drift(samples: Sample[], value: (s: Sample, prev: Sample) => number, [from, to]: [number, number]): number {
  const span = to - from;
  const window = (lo: number, hi: number) => samples.flatMap((s, i) => (i > 0 && s.iteration > lo && s.iteration <= hi && samples[i - 1].iteration >= lo ? [value(s, samples[i - 1])] : []));
  const early = median(window(from + span * 0.1, from + span * 0.2));
  const late = median(window(from + span * 0.9, to));
  return late === early ? 0 : (late - early) / early;
}

/**
 * The 10th percentile of the per-step times of steps (from, to]. Scheduling noise on a shared
 * machine (another process, a timer, a page fault) only ever adds time to a step, so a mean or a
 * median of millisecond steps wanders by ±15% with no trend; a low quantile sees the time a step
 * needs, and a leak or a growing data structure raises it as surely as it raises the median.
 */
function stepQuantile(stepMs: Float64Array, from: number, to: number, q = 0.1): number {
  const window = Array.from(stepMs.subarray(Math.floor(from), Math.floor(to))).filter(Number.isFinite).sort((a, b) => a - b);
  return window.length < 10 ? NaN : window[Math.floor(q * (window.length - 1))];
}

/** The work count most steps of [from, to) did, and how many did it. */
function commonWork(work: Int32Array, [from, to]: [number, number]): { work: number; steps: number } {
  const counts = new Map<number, number>();
  for (const w of work.subarray(from, to)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const [common, steps] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [0, 0]);
  return { work: common, steps };
}

/**
 * A fixed computation (about half a millisecond here) timed after every step, to show the
 * machine's own drift beside the method's: on this VM the same loop alone for 40 s had a 10th
 * percentile flat for seven tenths, then 20–25% higher (median +40%). Dividing by it removes only
 * part of that drift (a step and this loop slow down by different factors), so the verdict on step
 * time is the fresh-twin comparison (twinTiming.ts), not this series.
 */
const reference = new Float64Array(4096).map((_, i) => Math.sin(i));
function machineSpeed(): number {
  let sum = 0;
  for (let r = 0; r < 60; r++) for (let i = 0; i < reference.length; i++) sum += reference[i] * reference[(i * 7) & 4095];
  return sum;
}

/** Step time per tenth of the steady phase, raw and over the reference's, then the last tenth against the second (the first holds warm-up). */
function stepTimeDrift(stepMs: Float64Array, referenceMs: Float64Array, [from, to]: [number, number]) {
  const span = to - from;
  const tenth = (times: Float64Array, k: number) => stepQuantile(times, from + (span * k) / 10, from + (span * (k + 1)) / 10);
  const tenthsMs = Array.from({ length: 10 }, (_, k) => tenth(stepMs, k));
  const referenceTenthsMs = Array.from({ length: 10 }, (_, k) => tenth(referenceMs, k));
  const relative = tenthsMs.map((ms, k) => ms / referenceTenthsMs[k]);
  const change = (series: number[]) => (series[9] === series[1] ? 0 : (series[9] - series[1]) / series[1]);
  return { tenthsMs, referenceTenthsMs, drift: change(relative), rawDrift: change(tenthsMs) };
}

type Drifts = { rss: number; heap: number; wasm: number; tensors: number; stepMs: number; stepMsRaw: number; agedOverFresh: number };

/** null where the run was too short to have samples in both tenths compared. */
function verdict(drifts: Drifts): { memoryFlat: boolean | null; stepTimeFlat: boolean | null } {
  const memory = [drifts.rss, drifts.heap, drifts.wasm, drifts.tensors];
  if (memory.some(Number.isNaN)) return { memoryFlat: null, stepTimeFlat: null };
  return { memoryFlat: memory.every((d) => d <= FLAT), stepTimeFlat: Math.abs(drifts.agedOverFresh) <= FLAT };
}

const says = (flat: boolean | null) => (flat === null ? 'too few samples' : flat ? 'flat' : 'NOT flat');

async function soak({ name, config, steady, pairs }: SoakCase) {
  const samples: Sample[] = [];
  let method: SolverMethod | undefined;
  let lastSample = 0;
  const sample = (rows: MetricsRow[]) => {
    const last = rows.at(-1);
    if (!last || performance.now() - lastSample < SAMPLE_MS) return;
    const use = memoryUse(method);
    lastSample = performance.now();
    samples.push({ iteration: last.iteration, seconds: last.seconds, rssMiB: use.rssBytes / MiB, heapMiB: use.heapBytes / MiB, wasmMiB: use.wasmBytes / MiB, tensors: use.tensors });
  };
  // Wall time and work (evaluations or Krylov iterations, else 1) of every step of the steady phase (index k: iteration k + 1).
  const stepMs = new Float64Array(steady[1]).fill(NaN);
  const stepWork = new Int32Array(steady[1]);
  const referenceMs = new Float64Array(steady[1]).fill(NaN);
  let checksum = 0;
  let stepsTaken = 0;
  const twin: Twin = { agedMs: [], twinMs: [], sameLoss: true };
  const runner = new Runner((c, model, rng) => {
    const created = createMethod(c, model, rng);
    const step = created.step.bind(created);
    const timed = () => {
      const start = performance.now();
      const report = step();
      return { report, ms: performance.now() - start };
    };
    created.step = () => {
      if (stepsTaken === steady[1]) twin.method = freshTwin(c, model, rng, created);
      if (stepsTaken === steady[1] + pairs) {
        twin.method?.dispose();
        twin.method = undefined;
      }
      if (twin.method) return pairedStep(twin, timed, stepsTaken++);
      const { report, ms } = timed();
      if (stepsTaken < stepMs.length) {
        stepMs[stepsTaken] = ms;
        stepWork[stepsTaken] = report.evaluations ?? report.krylovIterations ?? 1;
        const referenceStart = performance.now();
        checksum += machineSpeed();
        referenceMs[stepsTaken] = performance.now() - referenceStart;
      }
      stepsTaken++;
      return report;
    };
    return (method = created);
  });
  const result = await runner.run(config, { rows: sample, snapshot: () => undefined, status: () => undefined, checkpoint: () => undefined });
  twin.method?.dispose();
  // Only the steps that did the most common amount of work count; the others' times are set aside.
  const common = commonWork(stepWork, steady);
  stepMs.forEach((_, k) => (stepWork[k] !== common.work ? (stepMs[k] = NaN) : undefined));
  const stepTime = stepTimeDrift(stepMs, referenceMs, steady);
  if (!Number.isFinite(checksum)) throw new Error('soak: the reference computation is not finite');
  const drifts: Drifts = {
    rss: drift(samples, (s) => s.rssMiB, steady),
    heap: drift(samples, (s) => s.heapMiB, steady),
    wasm: drift(samples, (s) => s.wasmMiB, steady),
    tensors: drift(samples, (s) => s.tensors, steady),
    stepMs: stepTime.drift,
    stepMsRaw: stepTime.rawDrift,
    agedOverFresh: agedOverFresh(twin),
  };
  const tensorsAfter = memoryUse().tensors;
  return { method: name, iterations: result.iterations, status: result.status, message: result.message, relL2: result.metrics.relL2, seconds: result.seconds, steady, commonWork: common, drifts, ...verdict(drifts), stepTenthsMs: stepTime.tenthsMs, referenceTenthsMs: stepTime.referenceTenthsMs, pairs: twin.agedMs.length, twinSameLoss: twin.sameLoss, tensorsAfter, samples };
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
        `step time, aged over fresh twin (median of ${run.pairs} pairs${run.twinSameLoss ? ', same losses' : ', LOSSES DIFFER'}) ${pct(drifts.agedOverFresh)} → ${says(run.stepTimeFlat)} within ${FLAT * 100}% ` +
        `(series, steps of work ${run.commonWork.work}: last tenth vs second ${pct(drifts.stepMsRaw)}, over the reference's ${pct(drifts.stepMs)}; per tenth ${run.stepTenthsMs.map((ms) => ms.toFixed(3)).join(' ')} ms, reference ${run.referenceTenthsMs.map((ms) => ms.toFixed(3)).join(' ')} ms)\n`,
    );
  }
  const out = option(argv, '--out');
  const file = out ? path.resolve(out) : path.join(PROJECT_ROOT, 'bench', 'soak.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify({ date: new Date().toISOString(), backend, steps, loadAverage: { start: loadStart, end: os.loadavg() }, cpus: os.cpus().length, runs }, null, 1) + '\n');
  process.stderr.write(`soak: wrote ${path.relative(process.cwd(), file)}\n`);
}
