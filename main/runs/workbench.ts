/**
 * The WorkbenchService the UI and the CLI talk to: validates configs, starts each run in its
 * own compute worker with its own folder under the runs root, and answers polls and exports.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RunConfig } from '../../workers/config/schema';
import { resolveConfig, validateConfig } from '../../workers/config/validate';
import type { ExportFormat, FieldView, RunSummary, WorkbenchInfo, WorkbenchService } from '../../workers/protocol/service';
import { loadResumePoint, type ResumePoint } from './checkpointStore';
import { startComputeWorker } from './computeWorker';
import { loadExamples } from './examples';
import { LiveRun } from './liveRun';
import { softwareVersions } from './manifest';
import { RunFolder } from './runFolder';
import { RunAnalyst } from './runAnalyst';
import { readManifest } from './runRecord';
import { loadRunInputs } from './runField';
import { newRunFolderName, runFolderIn, runFolderNames } from './runsRoot';

export interface Workbench extends WorkbenchService {
  /** Starts a run into a given folder (the CLI's --out); the service's startRun picks one. */
  startRunIn(config: unknown, folder: string): Promise<LiveRun>;
  /** Continues the run in a folder from its last checkpoint (the CLI's --resume). */
  resumeRunIn(folder: string): Promise<LiveRun>;
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

const DISK_SCAN_MS = 5000;

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

  const launch = async (config: RunConfig, dir: string, resume?: ResumePoint): Promise<LiveRun> => {
    // A mesh mover's field from a saved run is read first: a bad name fails before any folder is made.
    const inputs = await loadRunInputs(config, options.runsRoot);
    const folder = resume ? await RunFolder.open(dir) : await RunFolder.create(dir);
    const id = path.basename(folder.dir);
    const run = new LiveRun(id, config, folder, startComputeWorker(), resume, inputs);
    runs.set(id, run);
    return run;
  };

  // The UI asks for the list every second or two: the runs folder is read again at most every few seconds.
  let scanned: { at: number; found: Promise<RunSummary[]> } | undefined;
  const interruptedOnDisk = (): Promise<RunSummary[]> => {
    if (!scanned || Date.now() - scanned.at > DISK_SCAN_MS) scanned = { at: Date.now(), found: scanRunsRoot() };
    return scanned.found.then((found) => found.filter((summary) => !runs.has(summary.id)));
  };
  const scanRunsRoot = async (): Promise<RunSummary[]> => {
    const found: RunSummary[] = [];
    for (const name of await runFolderNames(options.runsRoot)) {
      if (runs.has(name)) continue;
      const manifest = await readManifest(path.join(options.runsRoot, name)).catch(() => undefined);
      if (manifest?.status !== 'interrupted' || manifest.checkpoint === undefined) continue;
      const { status, problem, method, backend, iterations, totalIterations, seconds, metrics } = manifest;
      found.push({ id: name, name: manifest.name, status, message: `interrupted; resumable from iteration ${manifest.checkpoint}`, problem, method, backend, iteration: iterations, totalIterations, seconds, relL2: metrics.relL2, folder: path.resolve(options.runsRoot, name) });
    }
    return found;
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
      const run = await launch(config, path.join(options.runsRoot, newRunFolderName(config.name, id)));
      return run.summary();
    },
    startRunIn: (input, dir) => launch(resolveConfig(input), dir),
    async resumeRunIn(dir) {
      const live = [...runs.values()].find((run) => run.folder.dir === path.resolve(dir));
      if (live && !live.finished) throw new Error(`the run in ${live.folder.dir} is still ${live.status}`);
      await live?.done; // its final files (manifest, exports) are written before the folder is read
      const { config, resume } = await loadResumePoint(dir);
      return launch(config, dir, resume);
    },
    async resumeRun(id) {
      const dir = runs.get(id)?.folder.dir ?? (await runFolderIn(options.runsRoot, id));
      return (await workbench.resumeRunIn(dir)).summary();
    },
    pause: async (id) => get(id).pause(),
    resume: async (id) => get(id).resume(),
    cancel: async (id) => get(id).cancel(),
    // This session's runs, and interrupted runs left in the runs folder by an earlier process (to resume).
    runs: async () => [...[...runs.values()].map((run) => run.summary()), ...(await interruptedOnDisk())],
    async poll(id, cursor, snapshotVersion) {
      if (runs.has(id)) return get(id).update(cursor, snapshotVersion);
      // An interrupted run on disk: its summary, for the Resume button (its rows come back when it resumes).
      const summary = (await interruptedOnDisk()).find((s) => s.id === id);
      if (!summary) throw new Error(`no run with id '${id}'`);
      return { summary, rows: [], cursor: 0, snapshotVersion: 0 };
    },
    exportRun: async (id: string, format: ExportFormat, view?: FieldView) => get(id).export(format, view),
    trajectory: async (id) => analyst(id).trajectory(),
    trajectories: async (ids) => {
      if (ids.length === 0) throw new Error('trajectories: no run ids');
      // Runs of earlier sessions (interrupted, on disk) have no trajectory here: listed as left out.
      const elsewhere = ids.slice(1).filter((id) => !runs.has(id));
      return analyst(ids[0]).joint(ids.filter((id) => runs.has(id)).map(get), elsewhere);
    },
    timeFrames: async (id, from) => get(id).timeFrames.from(from),
    startAnalysis: async (id, request) => analyst(id).start(request),
    analysisState: async (id) => analyst(id).state(),
    cancelAnalysis: async (id) => analyst(id).cancel(),
    async dispose() {
      await Promise.all([...analysts.values()].map((a) => a.dispose()));
      const live = [...runs.values()];
      await Promise.all(live.map((run) => run.cancel()));
      await Promise.all(live.map((run) => run.done));
    },
  };
  return workbench;
}
