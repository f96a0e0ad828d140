/**
 * `npm run analyse -- <run-dir> [--landscape] [--roughness] [options]`: the loss landscape and the
 * roughness index of a run around any of its saved parameters (final, newest checkpoint, or a
 * trajectory snapshot), from its saved config, parameters, checkpoint and trajectory. Writes
 * landscape.json, landscape.png/.svg/.vtu, roughness.json and roughness.svg/.png into the run
 * folder. Exit codes: 0 done, 1 failed, 2 bad input.
 */
import path from 'node:path';
import { landscapeOutputs, roughnessOutputs } from '../../workers/analysis/analysisFiles';
import { analyseLandscape, analyseRoughness, analysisTarget, type AnalysisPoint } from '../../workers/analysis/runAnalysis';
import { initBackend } from '../../workers/engine/backend';
import { readAnalysisInputs } from '../runs/analysisInputs';
import { writeFileAtomic } from '../runs/atomicWrite';

const USAGE = `usage: npm run analyse -- <run folder> [--landscape] [--roughness] [--at final|checkpoint|<iteration>]
  --at:       the parameters both are centred on: the final ones (default), the newest checkpoint, or the trajectory snapshot of that iteration
  landscape:  --directions random|pca (random)  --grid N (41)  --range R (α, β ∈ [−R, R]; default 1, or the trajectory's extent for pca)  --seed S (1)
  roughness:  --rough-directions K (16)  --samples N (41)  --radius R (1)  --points M (12 trajectory points)
  with neither --landscape nor --roughness, both are computed`;

class UsageError extends Error {}

interface Args {
  dir: string;
  at: AnalysisPoint;
  landscape: boolean;
  roughness: boolean;
  directions: 'random' | 'pca';
  grid: number;
  range?: number;
  seed: number;
  roughDirections: number;
  samples: number;
  radius: number;
  points: number;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = {};
  const numbers: Record<string, keyof Args> = {
    '--grid': 'grid',
    '--range': 'range',
    '--seed': 'seed',
    '--rough-directions': 'roughDirections',
    '--samples': 'samples',
    '--radius': 'radius',
    '--points': 'points',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--landscape') args.landscape = true;
    else if (arg === '--roughness') args.roughness = true;
    else if (arg === '--directions') {
      const value = argv[++i];
      if (value !== 'random' && value !== 'pca') throw new UsageError(`--directions must be 'random' or 'pca', got '${value ?? ''}'`);
      args.directions = value;
    } else if (arg === '--at') {
      const value = argv[++i] ?? '';
      if (value === 'final' || value === 'checkpoint') args.at = value;
      else if (/^\d+$/.test(value)) args.at = Number(value);
      else throw new UsageError(`--at must be 'final', 'checkpoint' or an iteration (a non-negative integer), got '${value}'`);
    } else if (arg in numbers) {
      const value = Number(argv[++i]);
      if (!(Number.isFinite(value) && value > 0)) throw new UsageError(`${arg} needs a positive number, got '${argv[i] ?? ''}'`);
      (args as Record<string, unknown>)[numbers[arg]] = value;
    } else if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'\n${USAGE}`);
    else if (args.dir) throw new UsageError(`only one run folder, got '${args.dir}' and '${arg}'`);
    else args.dir = arg;
  }
  if (!args.dir) throw new UsageError(`no run folder given\n${USAGE}`);
  for (const key of ['grid', 'roughDirections', 'samples', 'points', 'seed'] as const) {
    if (args[key] !== undefined && !Number.isInteger(args[key])) throw new UsageError(`--${key === 'roughDirections' ? 'rough-directions' : key} must be an integer`);
  }
  const both = !args.landscape && !args.roughness;
  return {
    dir: args.dir,
    at: args.at ?? 'final',
    landscape: both || Boolean(args.landscape),
    roughness: both || Boolean(args.roughness),
    directions: args.directions ?? 'random',
    grid: args.grid ?? 41,
    range: args.range,
    seed: args.seed ?? 1,
    roughDirections: args.roughDirections ?? 16,
    samples: args.samples ?? 41,
    radius: args.radius ?? 1,
    points: args.points ?? 12,
  };
}

function progress(what: string): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    if (Date.now() - last < 1000 && done < total) return;
    last = Date.now();
    process.stderr.write(`${what}: ${done}/${total} loss evaluations\n`);
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const dir = path.resolve(args.dir);
  const inputs = await readAnalysisInputs(dir, { checkpoint: args.at === 'checkpoint' });
  const backend = await initBackend(inputs.config.backend);
  const target = analysisTarget(inputs.config, inputs, args.at);
  const write = (name: string, data: string | Uint8Array) => writeFileAtomic(path.join(dir, name), data);
  try {
    process.stderr.write(`centred on ${target.centre.label}: ${target.theta.length} parameters, ${inputs.config.precision} on ${inputs.config.precision === 'float64' ? 'the float64 engine' : backend}\n`);
    if (args.landscape) {
      const range = args.range ?? 1;
      const axis = { min: -range, max: range, n: args.grid };
      const request = { directions: args.directions, alpha: axis, beta: axis, seed: args.seed, fitTrajectory: args.range === undefined };
      const report = await analyseLandscape(target, request, { onProgress: progress('landscape') });
      for (const [name, data] of Object.entries(landscapeOutputs(report))) await write(name, data);
      process.stderr.write(`landscape: ${args.grid}×${args.grid} grid in ${report.seconds.toFixed(1)} s; loss at the centre ${report.lossAtCentre.toExponential(3)}\n`);
    }
    if (args.roughness) {
      const report = await analyseRoughness(
        target,
        { directions: args.roughDirections, samples: args.samples, radius: args.radius, seed: args.seed, points: args.points },
        { onProgress: progress('roughness') },
      );
      for (const [name, data] of Object.entries(roughnessOutputs(report))) await write(name, data);
      process.stderr.write(`roughness index ${report.roughnessIndex.toFixed(4)} (variance ${report.variance.toExponential(3)}) in ${report.seconds.toFixed(1)} s\n`);
    }
  } finally {
    target.dispose();
  }
  process.stdout.write(`${dir}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
