/**
 * The WorkbenchService the UI and the CLI talk to: validates configs, starts each run in its
 * own compute worker with its own folder under the runs root, and answers polls and exports.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RunConfig } from '../../workers/config/schema';
import { resolveConfig, validateConfig } from '../../workers/config/validate';
import type { ExportFormat, FieldView, WorkbenchInfo, WorkbenchService } from '../../workers/protocol/service';
import { startComputeWorker } from './computeWorker';
import { loadExamples } from './examples';
import { LiveRun } from './liveRun';
import { softwareVersions } from './manifest';
import { RunFolder } from './runFolder';
import { RunAnalyst } from './runAnalyst';

export interface Workbench extends WorkbenchService {
  /** Starts a run into a given folder (the CLI's --out); the service's startRun picks one. */
  startRunIn(config: unknown, folder: string): Promise<LiveRun>;
  /** Cancels live runs, terminates their workers, and flushes run folders. */
  dispose(): Promise<void>;
}

export interface WorkbenchOptions {
  runsRoot: string;
  shell: 'electron' | 'browser' | 'cli';
}

const require = createRequire(import.meta.url);

/** What `"backend": "auto"` will pick: the native bindings when their package is installed, else wasm. */
function defaultBackendLabel(): string {
  for (const name of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      require.resolve(name);
      return `auto: ${name.endsWith('gpu') ? 'tensorflow (GPU)' : 'tensorflow'}, else wasm`;
    } catch {
      // not installed
    }
  }
  return 'auto: wasm';
}

function folderName(name: string, id: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 60) || 'run';
  return `${stamp}-${safe}-${id.slice(0, 6)}`;
}

export async function createWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const runs = new Map<string, LiveRun>();
  const analysts = new Map<string, RunAnalyst>();
  const analyst = (id: string): RunAnalyst => {
    let found = analysts.get(id);
    if (!found) analysts.set(id, (found = new RunAnalyst(get(id))));
    return found;
  };

  const get = (id: string): LiveRun => {
    const run = runs.get(id);
    if (!run) throw new Error(`no run with id '${id}'`);
    return run;
  };

  const launch = async (config: RunConfig, dir: string): Promise<LiveRun> => {
    const folder = await RunFolder.create(dir);
    const id = path.basename(folder.dir);
    const run = new LiveRun(id, config, folder, startComputeWorker());
    runs.set(id, run);
    return run;
  };

  const workbench: Workbench = {
    async info(): Promise<WorkbenchInfo> {
      return { version: softwareVersions().workbench, backend: defaultBackendLabel(), shell: options.shell, runsRoot: path.resolve(options.runsRoot) };
    },
    examples: () => loadExamples(),
    validate: async (config) => validateConfig(config),
    async startRun(input) {
      const config = resolveConfig(input);
      const id = randomBytes(8).toString('hex');
      const run = await launch(config, path.join(options.runsRoot, folderName(config.name, id)));
      return run.summary();
    },
    startRunIn: (input, dir) => launch(resolveConfig(input), dir),
    pause: async (id) => get(id).pause(),
    resume: async (id) => get(id).resume(),
    cancel: async (id) => get(id).cancel(),
    runs: async () => [...runs.values()].map((run) => run.summary()),
    poll: async (id, cursor, snapshotVersion) => get(id).update(cursor, snapshotVersion),
    exportRun: (id: string, format: ExportFormat, view?: FieldView) => get(id).export(format, view),
    trajectory: (id) => analyst(id).trajectory(),
    startAnalysis: async (id, request) => analyst(id).start(request),
    analysisState: async (id) => analyst(id).state(),
    cancelAnalysis: (id) => analyst(id).cancel(),
    async dispose() {
      await Promise.all([...analysts.values()].map((a) => a.dispose()));
      const live = [...runs.values()];
      await Promise.all(live.map((run) => run.cancel()));
      await Promise.all(live.map((run) => run.done));
    },
  };
  return workbench;
}
