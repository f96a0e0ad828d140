/**
 * `npm run bench -- soak [--steps N] [--methods a,b,…] [--out file.json]`: trains every method on a tiny problem for
 * N steps (default 10,000) with checkpoints on, and samples memory after a forced full GC (RSS, JS
 * heap + external, WebAssembly memory, tfjs tensors) and step time as it goes. Writes
 * bench/soak.json or --out (the series and the verdicts) and says whether each series stayed flat within
 * 5% from the second tenth of its steady phase to its last tenth. Memory may fall (warm-up buffers
 * released) but not grow; step time is training time only, and moves with the machine's load, so
 * a loaded machine can fail that part without any fault of the workbench.
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
  /** The iterations of the steady phase the verdict compares (Adam for the PINNs, the time steps of TENG). */
  steady: [number, number];
}

const FLAT = 0.05;
// Rows arrive every 200 ms: a sample (after a full GC, outside the timed steps) per delivery at most.
const SAMPLE_MS = 200;
const MiB = 2 ** 20;

const poisson1d = { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)' };
const front = { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [1, 1] }, equation: 'u = tanh((x - 0.5)/0.1)', exact: 'tanh((x - 0.5)/0.1)' };
const common = (steps: number) => ({ evaluation: { every: Math.max(1, Math.round(steps / 20)), snapshot: 8, grid: 32 }, checkpoint: { every: Math.max(1, Math.round(steps / 10)) }, budget: { seconds: 36_000 } });

function cases(steps: number): SoakCase[] {
  const lbfgs = Math.round(steps / 10);
  const pinn = (precision: 'float32' | 'float64'): SoakCase => ({
    name: `pinn-${precision === 'float32' ? 'f32' : 'f64'}`,
    config: resolveConfig({
      name: `soak-pinn-${precision}`,
      problem: { kind: 'poisson2d' },
      method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.002, iterations: steps - lbfgs }, { name: 'lbfgs', iterations: lbfgs, history: 20, maxEvaluations: 5, gradientTolerance: 0, changeTolerance: 0 }] },
      network: { hidden: [16, 16] },
      sampling: { interior: 400, boundary: 80 },
      ...common(steps),
      precision,
      backend: 'wasm',
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
      config: resolveConfig({ name: 'soak-cpinn', problem: poisson1d, method: { name: 'cpinn', discriminator: { hidden: [8] }, optimizer: { name: 'acgd', lr: 0.01, iterations: steps, warmStart: true } }, network: { hidden: [8, 8] }, sampling: { interior: 32, boundary: 2 }, ...common(steps), precision: 'float64' }),
      steady: [0, steps],
    },
    {
      name: 'teng',
      config: resolveConfig({
        name: 'soak-teng',
        problem: { kind: 'custom', domain: { type: 'box', min: [0], max: [2 * Math.PI], time: [0, timeSteps / 1000], periodic: true }, equation: 'u_t = 0.1*u_xx', initial: { value: 'sin(x) + 0.5*cos(2*x)' }, exact: 'exp(-0.1*t)*sin(x) + 0.5*exp(-0.4*t)*cos(2*x)' },
        method: { name: 'teng', integrator: 'heun', dt: 0.001, iterations: 2, subset: 24, points: 16, fitIterations: fit, fitSubset: 40 },
        network: { hidden: [6] },
        ...common(steps),
        evaluation: { every: Math.max(1, Math.round(steps / 20)), snapshot: 8, grid: 32 },
      }),
      steady: [fit, steps],
    },
    {
      name: 'mesh-classical',
      config: resolveConfig({ name: 'soak-mesh-classical', problem: front, method: { name: 'mesh-mover', mesh: { cells: [32, 32] }, iterations: steps, errorGrid: 32 }, ...common(steps) }),
      steady: [0, steps],
    },
    {
      name: 'mesh-neural',
      config: resolveConfig({ name: 'soak-mesh-neural', problem: front, method: { name: 'mesh-mover', mover: 'neural', mesh: { cells: [6, 6] }, iterations: steps, points: 32, smoothing: [0.1], errorGrid: 32 }, network: { hidden: [6] }, ...common(steps) }),
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

type Drifts = { rss: number; heap: number; wasm: number; tensors: number; stepMs: number };

/** null where the run was too short to have samples in both tenths compared. */
function verdict(drifts: Drifts): { memoryFlat: boolean | null; stepTimeFlat: boolean | null } {
  const memory = [drifts.rss, drifts.heap, drifts.wasm, drifts.tensors];
  if (memory.some(Number.isNaN)) return { memoryFlat: null, stepTimeFlat: null };
  return { memoryFlat: memory.every((d) => d <= FLAT), stepTimeFlat: Math.abs(drifts.stepMs) <= FLAT };
}

const says = (flat: boolean | null) => (flat === null ? 'too few samples' : flat ? 'flat' : 'NOT flat');

async function soak({ name, config, steady }: SoakCase) {
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
  const runner = new Runner((c, model, rng) => (method = createMethod(c, model, rng)));
  const result = await runner.run(config, { rows: sample, snapshot: () => undefined, status: () => undefined, checkpoint: () => undefined });
  const perStep = (s: Sample, p: Sample) => ((s.seconds - p.seconds) * 1000) / (s.iteration - p.iteration);
  const drifts: Drifts = {
    rss: drift(samples, (s) => s.rssMiB, steady),
    heap: drift(samples, (s) => s.heapMiB, steady),
    wasm: drift(samples, (s) => s.wasmMiB, steady),
    tensors: drift(samples, (s) => s.tensors, steady),
    stepMs: drift(samples, perStep, steady),
  };
  const tensorsAfter = memoryUse().tensors;
  return { method: name, iterations: result.iterations, status: result.status, message: result.message, relL2: result.metrics.relL2, seconds: result.seconds, steady, drifts, ...verdict(drifts), tensorsAfter, samples };
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
        `step time ${pct(drifts.stepMs)} → ${says(run.stepTimeFlat)} within ${FLAT * 100}%\n`,
    );
  }
  const out = option(argv, '--out');
  const file = out ? path.resolve(out) : path.join(PROJECT_ROOT, 'bench', 'soak.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify({ date: new Date().toISOString(), backend, steps, loadAverage: { start: loadStart, end: os.loadavg() }, cpus: os.cpus().length, runs }, null, 1) + '\n');
  process.stderr.write(`soak: wrote ${path.relative(process.cwd(), file)}\n`);
}
