/**
 * `npm run bench -- cpinn [--steps N]` (or `node --import tsx tests/bench/cpinnBench.ts`): seconds per ACGD iteration on the
 * CPINN paper's Poisson setup ([−2, 2]², u = sin x cos y, 5000 interior points, 50 per side, PINN
 * 2-50-50-50-1, discriminator width 25 = 4 hidden layers of 50, lr 1e-3, tol 1e-7), ours against
 * bench/pytorch_cpinn_step.py (the authors' GACGD: GMRES, no warm start) with one thread. The two
 * run at the same time, each on one thread, so that load from elsewhere on the machine falls on
 * both alike, and both wall-clock and CPU seconds (less sensitive to time-slicing on a loaded
 * machine) are recorded; both start from a fresh initialisation. Then, on a machine with several
 * cores, each alone on all of them: ours data-parallel (`"threads"`), PyTorch with as many threads;
 * that ratio is against the faster of PyTorch's two runs. Writes bench/cpinn-results.json.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../main/runs/atomicWrite';
import { PROJECT_ROOT } from '../../main/runs/examples';
import { resolveConfig } from '../../workers/config/validate';
import { Rng } from '../../workers/engine/rng';
import { CpinnMethod } from '../../workers/methods/cpinn/cpinnMethod';
import { buildProblemModel } from '../../workers/problems/problemModel';
import { ensureTorch, PYTHON } from './pytorchPeer';

interface StepTimes {
  secondsPerStep: number[];
  cpuSecondsPerStep: number[];
  krylovPerStep: number[];
}

interface PeerOutput extends StepTimes {
  threads: number;
}

const argv = process.argv.slice(2);
const steps = Number(argv.includes('--steps') ? argv[argv.indexOf('--steps') + 1] : 10);
if (!Number.isInteger(steps) || steps < 2) throw new Error(`--steps: must be an integer of at least 2`);

async function peer(threads: number): Promise<PeerOutput> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-cpinn-'));
  const file = path.join(dir, 'input.json');
  await fs.writeFile(file, JSON.stringify({ interior: 5000, perSide: 50, hidden: [50, 50, 50], discriminatorWidth: 25, steps, lr: 1e-3, tol: 1e-7, maxKrylov: 1000, seed: 1 }));
  const child = spawn(PYTHON, ['-B', path.join(PROJECT_ROOT, 'bench', 'pytorch_cpinn_step.py'), file, '--threads', String(threads)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  await fs.rm(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`pytorch_cpinn_step.py exited with ${code}`);
  return JSON.parse(out) as PeerOutput;
}

async function ours(krylov: 'cg' | 'gmres', threads: number): Promise<StepTimes> {
  const config = resolveConfig({
    problem: { kind: 'poisson2d-sincos' },
    method: { name: 'cpinn', discriminator: { hidden: [50, 50, 50, 50] }, optimizer: { name: 'acgd', lr: 1e-3, tol: 1e-7, maxKrylov: 1000, krylov } },
    network: { hidden: [50, 50, 50] },
    sampling: { interior: 5000, boundary: 200, method: 'lhs' },
    precision: 'float64',
    threads,
  });
  const method = new CpinnMethod(config, buildProblemModel(config.problem), new Rng(1));
  try {
    return await timeSteps(method);
  } finally {
    method.dispose();
  }
}

async function timeSteps(method: CpinnMethod): Promise<StepTimes> {
  const secondsPerStep: number[] = [];
  const cpuSecondsPerStep: number[] = [];
  const krylovPerStep: number[] = [];
  for (let s = 0; s < steps; s++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const report = method.step();
    const used = process.cpuUsage(cpu);
    secondsPerStep.push((performance.now() - start) / 1000);
    cpuSecondsPerStep.push((used.user + used.system) / 1e6);
    krylovPerStep.push(report.krylovIterations ?? 0);
    // Let the event loop run so the peer's output is read while we work.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { secondsPerStep, cpuSecondsPerStep, krylovPerStep };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

const torch = ensureTorch();
const cores = os.availableParallelism();
const pending = torch.version ? peer(1) : undefined;
const cg = await ours('cg', 1);
const gmres = await ours('gmres', 1);
const theirs = pending ? await pending : undefined;
// Each alone on every core.
const cgAllCores = cores > 1 ? await ours('cg', cores) : undefined;
const theirsAllCores = cores > 1 && torch.version ? await peer(cores) : undefined;
const summary = (r: StepTimes) => ({
  medianSeconds: median(r.secondsPerStep),
  medianCpuSeconds: median(r.cpuSecondsPerStep),
  meanSeconds: mean(r.secondsPerStep),
  meanKrylov: mean(r.krylovPerStep),
  ...r,
});
const bestTheirs = theirs && Math.min(median(theirs.secondsPerStep), theirsAllCores ? median(theirsAllCores.secondsPerStep) : Infinity);
const results = {
  date: new Date().toISOString(),
  cpus: cores,
  loadAverage: os.loadavg(),
  steps,
  torch: torch.version ?? torch.note,
  ours: { cg: summary(cg), gmres: summary(gmres), ...(cgAllCores ? { cgAllCores: { threads: cores, ...summary(cgAllCores) } } : {}) },
  pytorch: theirs ? summary(theirs) : undefined,
  pytorchAllCores: theirsAllCores ? { threads: cores, ...summary(theirsAllCores) } : undefined,
  ratio: theirs ? median(theirs.secondsPerStep) / median(cg.secondsPerStep) : undefined,
  cpuRatio: theirs ? median(theirs.cpuSecondsPerStep) / median(cg.cpuSecondsPerStep) : undefined,
  /** PyTorch's faster wall-clock (1 thread or all cores) over ours on all cores. */
  ratioAllCores: bestTheirs && cgAllCores ? bestTheirs / median(cgAllCores.secondsPerStep) : undefined,
};
await writeFileAtomic(path.join(PROJECT_ROOT, 'bench', 'cpinn-results.json'), JSON.stringify(results, null, 2) + '\n');
const line = (name: string, r?: ReturnType<typeof summary>) =>
  r ? `${name}: median ${r.medianSeconds.toFixed(2)} s (CPU ${r.medianCpuSeconds.toFixed(2)} s) per iteration, ${r.meanKrylov.toFixed(1)} Krylov iterations per step` : `${name}: not run`;
console.log(
  [
    line('ours, ACGD with CG, 1 thread', results.ours.cg),
    line('ours, ACGD with GMRES, 1 thread', results.ours.gmres),
    line('PyTorch GACGD, 1 thread', results.pytorch),
    line(`ours, ACGD with CG, ${cores} threads`, cgAllCores && summary(cgAllCores)),
    line(`PyTorch GACGD, ${cores} threads`, results.pytorchAllCores),
  ].join('\n'),
);
console.log(
  `ratio (PyTorch / ours CG): 1 thread each: wall ${results.ratio?.toFixed(2)}, CPU ${results.cpuRatio?.toFixed(2)}; all cores: ${results.ratioAllCores?.toFixed(2)}; load average ${results.loadAverage.map((v) => v.toFixed(1)).join(' ')}`,
);
