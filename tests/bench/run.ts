/**
 * `npm run bench [-- --quick] [-- --steps N] [-- --backends wasm,cpu] [-- --skip-steps] [-- <example id> ...]`
 * (--skip-steps: keep the step-time tables of the existing bench/results.json, run only part 2;
 *  --single-thread-peer: time PyTorch with 1 thread only, the setting the ratios use)
 * `npm run bench -- soak` (soak.ts); `npm run bench -- cpinn [--steps N]` (cpinnBench.ts); `npm run bench -- ns`
 * (the Navier–Stokes figures, navierStokes.ts); `npm run bench -- analysis` (analysisBench.ts)
 *
 * 1. Step time: one PINN Adam step (2D Poisson, MLP 2-w-w-w-1 tanh, float32) for width ∈ {32, 64}
 *    × N ∈ {1000, 4000} interior points (N/5 boundary), ours on the fused jet engine
 *    (jet-wasm-f32, what 'wasm' / 'auto' runs train on) and on every tfjs backend this process
 *    has, against PyTorch (bench/pytorch_pinn_step.py) single-threaded and with its default threads;
 *    then the same in float64 (jet-wasm-f64 and the jetMlp64 API) against PyTorch float64.
 * 2. Unless --quick: time to relL2 ≤ 1e-3 on assets/examples/poisson2d-pinn.json, ours (workbench,
 *    jet-wasm-f32) against PyTorch (bench/pytorch_pinn_train.py), and every example config trained to the end.
 * 3. Writes bench/results.json atomically and prints Markdown tables for the README.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { writeFileAtomic } from '../../main/runs/atomicWrite';
import { PROJECT_ROOT } from '../../main/runs/examples';
import { resolveConfig } from '../../workers/config/validate';
import { pinnSpec, type AdamSpec, type LbfgsSpec } from '../../workers/config/schema';
import { runConfig, runExamples, type ExampleRun } from './examples';
import { findFloat64Engine } from './float64Path';
import { timeSteps64, type JetEngine64 } from './float64Step';
import { markdownReport } from './report';
import { navierStokesBench } from './navierStokes';
import { peerProblem, poissonExample, stepConfig, type StepCase } from './poissonCase';
import { ensureTorch, runPeer } from './pytorchPeer';
import type { BenchResults, StepCaseResult } from './results';
import { loadBackends, timeSteps, useBackend } from './stepTime';
import { runSoak } from './soak';
import { timeToAccuracy } from './timeToAccuracy';

interface PeerStepOutput {
  threads: number;
  cases: { name: string; medianMs: number; firstLoss: number }[];
}

interface PeerTrainOutput {
  threads: number;
  rows: { iteration: number; seconds: number; relL2: number }[];
}

const TARGET_REL_L2 = 1e-3;
const WARMUP = 5;
const PEER_STEP_TIMEOUT_MS = 600_000;
const PEER_TRAIN_TIMEOUT_MS = 3_600_000;

interface Args {
  quick: boolean;
  skipSteps: boolean;
  singleThreadPeer: boolean;
  steps: number;
  /** Only these tfjs backends (all available ones when absent). */
  backends?: string[];
  examples: string[];
}

function parseArgs(argv: string[]): Args {
  const valueOf = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const steps = Number(valueOf('--steps') ?? 30);
  if (!Number.isInteger(steps) || steps < 30) throw new Error(`--steps: must be an integer of at least 30, got ${valueOf('--steps')}`);
  const backends = valueOf('--backends')?.split(',');
  const unknownBackend = backends?.find((b) => !['wasm', 'cpu', 'tensorflow'].includes(b));
  if (unknownBackend !== undefined) throw new Error(`--backends: unknown backend '${unknownBackend}'; known: wasm, cpu, tensorflow`);
  const takesValue = (i: number) => argv[i - 1] === '--steps' || argv[i - 1] === '--backends';
  const unknown = argv.filter((a, i) => a.startsWith('--') && !['--quick', '--skip-steps', '--single-thread-peer', '--steps', '--backends'].includes(a) && !takesValue(i));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(', ')}; known: --quick, --skip-steps, --single-thread-peer, --steps N, --backends wasm,cpu,tensorflow, example ids`);
  if (argv.includes('--quick') && argv.includes('--skip-steps')) throw new Error('--quick and --skip-steps together leave nothing to run');
  return { quick: argv.includes('--quick'), skipSteps: argv.includes('--skip-steps'), singleThreadPeer: argv.includes('--single-thread-peer'), steps, backends, examples: argv.filter((a, i) => !a.startsWith('--') && !takesValue(i)) };
}

const CASES: StepCase[] = [32, 64].flatMap((width) => [1000, 4000].map((interior) => ({ name: `w${width}-n${interior}`, width, interior })));

async function stepTimeBench(steps: number, only: string[] | undefined, notes: string[], torchReady: boolean, singleThreadPeer: boolean): Promise<BenchResults['stepTime']> {
  const example = await poissonExample();
  const { backends: loaded, notes: backendNotes } = await loadBackends();
  notes.push(...backendNotes);
  const cases: StepCaseResult[] = CASES.map((c) => ({ ...c, boundary: c.interior / 5, oursMs: {}, pytorchMs: {}, ratio: {}, firstLoss: {} }));
  // The jet engine on one thread, and data-parallel on every core (workers/parallel).
  const cores = os.availableParallelism();
  const jetRows: [string, number][] = [['jet-wasm-f32', 1], ...(cores > 1 ? [[`jet-wasm-f32 ×${cores}`, cores] as [string, number]] : [])];
  const backends: string[] = jetRows.map(([row]) => row);
  // Ours and PyTorch (1 thread, and every core) case by case, back to back: on a loaded machine
  // the two then see about the same load, which a whole table of one and then of the other would not.
  const pairedPeer: Record<string, Record<number, number>> = {};
  for (const c of cases) {
    const config = stepConfig(example, c, 'wasm');
    for (const [row, threads] of jetRows) {
      process.stderr.write(`bench: step time, ours ${row} ${c.name} …\n`);
      const timing = timeSteps({ ...config, threads }, WARMUP, steps, 'jet-wasm-f32');
      c.oursMs[row] = timing.medianMs;
      c.firstLoss[row] = timing.firstLoss;
    }
    if (!torchReady) continue;
    pairedPeer[c.name] = {};
    for (const [, threads] of jetRows) {
      process.stderr.write(`bench: step time, PyTorch threads=${threads} ${c.name} …\n`);
      try {
        const out = await runPeer<PeerStepOutput>('pytorch_pinn_step.py', { warmup: WARMUP, steps, cases: [{ ...peerProblem(config), lr: 1e-3 }] }, ['--threads', String(threads), '--dtype', 'float32'], PEER_STEP_TIMEOUT_MS);
        pairedPeer[c.name][threads] = out.cases[0].medianMs;
      } catch (error) {
        // The one-thread run carries the main ratios; a multi-thread run may time out on a loaded machine.
        if (threads === 1) throw error;
        notes.push(`PyTorch threads=${threads} on ${c.name}: ${(error as Error).message}; compared with its one-thread run only`);
      }
    }
  }
  for (const backend of loaded) {
    if (only && !only.includes(backend)) {
      notes.push(`${backend}: left out by --backends`);
      continue;
    }
    if (!(await useBackend(backend))) {
      notes.push(`${backend}: tf.setBackend('${backend}') did not switch (tf.getBackend() is '${tf.getBackend()}'); skipped`);
      continue;
    }
    backends.push(`tfjs-${backend}`);
    for (const c of cases) {
      process.stderr.write(`bench: step time, ours tfjs-${backend} ${c.name} …\n`);
      const timing = timeSteps(stepConfig(example, c, backend), WARMUP, steps);
      c.oursMs[`tfjs-${backend}`] = timing.medianMs;
      c.firstLoss[`tfjs-${backend}`] = timing.firstLoss;
    }
  }

  const pytorchRuns: { label: string; threads: number }[] = [];
  if (torchReady) {
    const input = { warmup: WARMUP, steps, cases: CASES.map((c) => ({ ...peerProblem(stepConfig(example, c, 'wasm')), lr: 1e-3 })) };
    for (const [, threads] of jetRows) pytorchRuns.push({ label: `${threads} thread${threads === 1 ? '' : 's'}, paired with jet-wasm-f32`, threads });
    const settings = singleThreadPeer ? ['1'] : ['1', 'default'];
    for (let i = 0; i < settings.length; i++) {
      process.stderr.write(`bench: step time, PyTorch threads=${settings[i]} …\n`);
      let out: PeerStepOutput;
      try {
        out = await runPeer<PeerStepOutput>('pytorch_pinn_step.py', input, ['--threads', settings[i], '--dtype', 'float32'], PEER_STEP_TIMEOUT_MS);
      } catch (error) {
        // The ratios need the single-thread run only; a multi-thread run may time out on a loaded machine.
        if (settings[i] === '1') throw error;
        notes.push(`PyTorch threads=${settings[i]}: ${(error as Error).message}; left out`);
        continue;
      }
      const label = settings[i] === '1' ? '1 thread' : settings[i] === 'default' ? `default (${out.threads} thread${out.threads === 1 ? '' : 's'})` : `${out.threads} threads`;
      pytorchRuns.push({ label, threads: out.threads });
      for (const p of out.cases) {
        const c = cases.find((x) => x.name === p.name)!;
        c.pytorchMs[label] = p.medianMs;
        if (settings[i] === '1') {
          c.firstLoss.pytorch = p.firstLoss;
          for (const b of backends) c.ratio[b] = c.oursMs[b] / p.medianMs;
          // The jet engine's ratios are against the PyTorch runs timed right after it: one thread
          // against one thread, every core against PyTorch's faster of one thread and every core.
          for (const [row, threads] of jetRows) {
            const paired = pairedPeer[c.name][threads];
            if (paired !== undefined) c.pytorchMs[`${threads} thread${threads === 1 ? '' : 's'}, paired with jet-wasm-f32`] = paired;
            c.ratio[row] = c.oursMs[row] / (threads === 1 ? paired : Math.min(paired ?? Infinity, pairedPeer[c.name][1]));
          }
        }
      }
      // Where torch's default is one thread on a multi-core machine, also show what all cores give.
      if (settings[i] === 'default' && out.threads === 1 && os.cpus().length > 1) settings.push(String(os.cpus().length));
    }
    if (singleThreadPeer) notes.push('--single-thread-peer: PyTorch timed with 1 thread only');
  }
  return { steps, warmup: WARMUP, backends, pytorchRuns, cases };
}

async function float64Bench(steps: number, notes: string[], torchReady: boolean): Promise<BenchResults['float64']> {
  const { engine: api, note } = await findFloat64Engine();
  if (note) notes.push(note);
  if (api) notes.push(`float64 jetMlp64: ${api.file}, the jetForward / jetBackward API with a hand-written Poisson loss (tests/bench/float64Step.ts)`);
  const example = await poissonExample();
  const cases: BenchResults['float64']['cases'] = CASES.map((c) => ({ width: c.width, interior: c.interior, oursMs: {}, ratio: {}, firstLoss: {} }));
  const cores = os.availableParallelism();
  const multi = cores > 1 ? `jet-wasm-f64 ×${cores}` : undefined;
  const engines = ['jet-wasm-f64', ...(multi ? [multi] : []), ...(api ? ['jetMlp64'] : [])];
  // Case by case, PyTorch right after ours (see stepTimeBench).
  for (const [i, c] of CASES.entries()) {
    const config = stepConfig(example, c, 'wasm');
    const problem = { ...peerProblem(config), lr: 1e-3 };
    for (const [engine, threads] of [['jet-wasm-f64', 1], ...(multi ? [[multi, cores]] : [])] as [string, number][]) {
      process.stderr.write(`bench: step time, ours float64 ${engine} ${c.name} …\n`);
      const timing = timeSteps({ ...config, threads }, WARMUP, steps, 'jet-wasm-f64');
      cases[i].oursMs[engine] = timing.medianMs;
      cases[i].firstLoss[engine] = timing.firstLoss;
    }
    if (torchReady) {
      process.stderr.write(`bench: step time, PyTorch float64 threads=1 ${c.name} …\n`);
      const peer = (await runPeer<PeerStepOutput>('pytorch_pinn_step.py', { warmup: WARMUP, steps, cases: [problem] }, ['--threads', '1', '--dtype', 'float64'], PEER_STEP_TIMEOUT_MS)).cases[0];
      cases[i].pytorchMs = peer.medianMs;
      cases[i].firstLoss.pytorch = peer.firstLoss;
      if (multi) {
        process.stderr.write(`bench: step time, PyTorch float64 threads=${cores} ${c.name} …\n`);
        try {
          const all = await runPeer<PeerStepOutput>('pytorch_pinn_step.py', { warmup: WARMUP, steps, cases: [problem] }, ['--threads', String(cores), '--dtype', 'float64'], PEER_STEP_TIMEOUT_MS);
          cases[i].pytorchAllCoresMs = all.cases[0].medianMs;
        } catch (error) {
          notes.push(`PyTorch float64 threads=${cores} on ${c.name}: ${(error as Error).message}; compared with its one-thread run only`);
        }
      }
    }
    if (api) {
      process.stderr.write(`bench: step time, ours float64 jetMlp64 ${c.name} …\n`);
      try {
        const old = timeSteps64(api.module as unknown as JetEngine64, problem, c.width, WARMUP, steps);
        cases[i].oursMs.jetMlp64 = old.medianMs;
        cases[i].firstLoss.jetMlp64 = old.firstLoss;
      } catch (error) {
        notes.push(`float64: ${api.file} failed on ${c.name} (${(error as Error).message}); skipped`);
      }
    }
    const peerMs = cases[i].pytorchMs;
    if (peerMs !== undefined) {
      for (const [engine, value] of Object.entries(cases[i].oursMs)) {
        cases[i].ratio[engine] = value / (engine === multi ? Math.min(peerMs, cases[i].pytorchAllCoresMs ?? peerMs) : peerMs);
      }
    }
  }
  return { engines, cases };
}

async function timeToAccuracyBench(examples: Map<string, ExampleRun>, scratch: string, torchReady: boolean, notes: string[]): Promise<BenchResults['timeToAccuracy']> {
  const example = await poissonExample();
  let ours = examples.get('poisson2d-pinn');
  if (!ours || ours.result.backend !== 'jet-wasm-f32') ours = await runConfig('poisson2d-pinn-wasm', { ...example, backend: 'wasm' }, scratch);
  const every = resolveConfig(example).evaluation.every;
  const solvers: Record<string, ReturnType<typeof timeToAccuracy>> = { [`ours (workbench, ${ours.result.backend})`]: timeToAccuracy(ours.rows, TARGET_REL_L2) };
  let pytorchThreads = 0;
  if (torchReady) {
    const config = resolveConfig(example);
    const [adam, lbfgs] = pinnSpec(config.method).optimizers as [AdamSpec, LbfgsSpec];
    process.stderr.write('bench: time to accuracy, PyTorch threads=1 (minutes) …\n');
    const out = await runPeer<PeerTrainOutput>('pytorch_pinn_train.py', { ...peerProblem(config), adam, lbfgs, every, grid: 256 }, ['--threads', '1'], PEER_TRAIN_TIMEOUT_MS);
    pytorchThreads = out.threads;
    solvers[`PyTorch (${out.threads} thread${out.threads === 1 ? '' : 's'})`] = timeToAccuracy(out.rows, TARGET_REL_L2);
  }
  if (ours.result.backend !== 'jet-wasm-f32') notes.push(`time to accuracy: the workbench ran on '${ours.result.backend}', not jet-wasm-f32`);
  return { config: 'assets/examples/poisson2d-pinn.json', target: TARGET_REL_L2, pytorchThreads, solvers };
}

async function main(): Promise<void> {
  // `npm run bench -- ns [example ids]`: the Navier–Stokes figures only (tests/bench/navierStokes.ts).
  if (process.argv[2] === 'ns') return navierStokesBench(process.argv.slice(3));
  const args = parseArgs(process.argv.slice(2));
  const notes: string[] = [];
  const loadStart = os.loadavg();
  const torch = ensureTorch();
  if (torch.note) notes.push(torch.note);
  const torchReady = torch.version !== undefined;
  if (torchReady) {
    notes.push(
      'ratio: ours on one thread (the jet engine with "threads": 1, tfjs-wasm) / PyTorch with torch.set_num_threads(1); ours ×N (the jet engine data-parallel on N cores, "threads": N) / the faster of PyTorch with 1 and with N threads, timed right after ours.',
    );
  }

  const dir = path.join(PROJECT_ROOT, 'bench');
  let stepTime: BenchResults['stepTime'];
  let float64: BenchResults['float64'];
  if (args.skipSteps) {
    const previous = JSON.parse(await fs.readFile(path.join(dir, 'results.json'), 'utf8')) as BenchResults;
    ({ stepTime, float64 } = previous);
    notes.push(`--skip-steps: step-time tables kept from the run of ${previous.date}`);
  } else {
    stepTime = await stepTimeBench(args.steps, args.backends, notes, torchReady, args.singleThreadPeer);
    float64 = await float64Bench(args.steps, notes, torchReady);
  }
  let examples: Map<string, ExampleRun> | undefined;
  let accuracy: BenchResults['timeToAccuracy'];
  if (!args.quick) {
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-'));
    examples = await runExamples(args.examples, scratch);
    accuracy = await timeToAccuracyBench(examples, scratch, torchReady, notes);
  } else {
    notes.push('--quick: time to accuracy and the example runs skipped');
  }

  const cpus = os.cpus();
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      node: process.versions.node,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: { start: loadStart, end: os.loadavg() },
      // The flag exists only once tfjs-wasm is loaded (not with --skip-steps).
      wasmThreads: (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT').catch(() => undefined)) as boolean | undefined,
      torch: torch.version,
    },
    stepTime,
    float64,
    timeToAccuracy: accuracy,
    examples: examples && [...examples.values()].map((e) => e.result),
    notes,
  };
  await fs.mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(markdownReport(results));
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), path.join(dir, 'results.json'))}\n`);
}

// `npm run bench -- soak`: the memory and step-time soak (soak.ts); `npm run bench -- cpinn [--steps N]`: the CPINN step bench (cpinnBench.ts);
// `npm run bench -- analysis [--grid N] [--alone S]`: landscape times and the step rate beside a landscape (analysisBench.ts).
const entries: Record<string, () => Promise<void>> = {
  soak: () => runSoak(process.argv.slice(3)),
  cpinn: () => import('./cpinnBench').then(() => undefined),
  analysis: () => import('./analysisBench').then((bench) => bench.analysisBench(process.argv.slice(3))),
};
const entry = entries[process.argv[2]] ?? main;
entry().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
