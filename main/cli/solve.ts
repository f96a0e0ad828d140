/**
 * `npm run solve -- <config.json> [--out <dir>]`: trains one config headless, with a progress bar
 * on stderr, and writes the run folder. Exit codes: 0 completed, 1 failed, 2 bad input, 130 cancelled.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../workers/config/validate';
import { FINISHED_STATUSES } from '../../workers/protocol/service';
import { createWorkbench } from '../runs/workbench';
import { formatProgress, ProgressBar } from './progressBar';

const USAGE = 'usage: npm run solve -- <config.json> [--out <run folder>]\n       npm run solve -- --resume <run folder>';

class UsageError extends Error {}

type Args = { configPath: string; out?: string; resume?: undefined } | { resume: string; configPath?: undefined; out?: undefined };

function parseArgs(argv: string[]): Args {
  let configPath: string | undefined;
  let out: string | undefined;
  let resume: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--resume') {
      resume = argv[++i];
      if (!resume) throw new UsageError('--resume needs a run folder');
    } else if (arg === '--out') {
      out = argv[++i];
      if (!out) throw new UsageError('--out needs a folder');
    } else if (arg === '--help' || arg === '-h') {
      throw new UsageError(USAGE);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option '${arg}'\n${USAGE}`);
    } else if (configPath) {
      throw new UsageError(`only one config file, got '${configPath}' and '${arg}'\n${USAGE}`);
    } else {
      configPath = arg;
    }
  }
  if (resume !== undefined) {
    if (configPath || out) throw new UsageError(`--resume takes the run folder only: the config and folder are the run's own\n${USAGE}`);
    return { resume };
  }
  if (!configPath) throw new UsageError(`no config file given\n${USAGE}`);
  return { configPath, out };
}

async function readConfig(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `config file not found: ${file}` : `cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function defaultOut(name: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return path.join('runs', `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}-${stamp}`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const workbench = await createWorkbench({ runsRoot: 'runs', shell: 'cli' });
  let run;
  if (args.resume !== undefined) {
    run = await workbench.resumeRunIn(args.resume);
    process.stderr.write(`run folder: ${run.folder.dir} (resumed at iteration ${run.checkpointIteration})\n`);
  } else {
    const input = await readConfig(args.configPath);
    const name = typeof input === 'object' && input && typeof (input as { name?: unknown }).name === 'string' ? (input as { name: string }).name : 'run';
    run = await workbench.startRunIn(input, args.out ?? defaultOut(name));
    process.stderr.write(`run folder: ${run.folder.dir}\n`);
  }

  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\ncancelling (press Ctrl-C again to abort without saving)…\n');
    void run.cancel();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const bar = new ProgressBar();
  const line = () => {
    const last = run.rows.at(-1);
    return formatProgress(run.summary(), last?.optimizer ?? run.status, last?.loss);
  };
  const timer = setInterval(() => bar.update(line()), 250);
  await run.done;
  clearInterval(timer);
  bar.finish(line());

  const manifest = run.manifest();
  const truth = manifest.config.problem.reference ? 'the reference solution' : 'exact';
  const error = manifest.metrics.relL2 !== undefined ? `, relL2 ${manifest.metrics.relL2.toExponential(3)} vs ${truth}` : '';
  process.stderr.write(`${manifest.status}: ${manifest.iterations} iterations in ${manifest.seconds.toFixed(1)} s on ${manifest.backend}${error}\n`);
  if (manifest.message) process.stderr.write(`${manifest.message}\n`);
  process.stdout.write(`${run.folder.dir}\n`);
  if (!FINISHED_STATUSES.includes(manifest.status)) return 1;
  return manifest.status === 'completed' ? 0 : manifest.status === 'cancelled' ? 130 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`invalid config:\n${error.issues.map((i) => `  ${i.path || '(config)'}: ${i.message}`).join('\n')}\n`);
      process.exit(2);
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
