/**
 * One run as the main process holds it: its worker, its growing metrics history, its latest
 * field, and its folder, which it keeps current (manifest, metrics, parameters, exports).
 */
import * as Comlink from 'comlink';
import type { RunConfig } from '../../workers/config/schema';
import type { TrajectoryData } from '../../workers/analysis/thinnedTrajectory';
import { encodeTrajectory, TRAJECTORY_HEADER, TRAJECTORY_VALUES } from '../../workers/analysis/trajectoryFile';
import { renderExport } from '../../workers/export/index';
import { movedMeshExports } from '../../workers/export/movedMesh';
import type { RunInputs } from '../../workers/mesh/runFieldData';
import { FieldSeriesWriter, writeMeshSeries } from './fieldSeries';
import type { RunResult, RunSink } from '../../workers/run/runner';
import type { RunCheckpoint } from '../../workers/run/checkpoint';
import {
  FINISHED_STATUSES,
  type ExportFormat,
  type ExportResult,
  type FieldSnapshot,
  type FieldView,
  type MetricsRow,
  type RunStatus,
  type RunSummary,
  type RunUpdate,
} from '../../workers/protocol/service';
import { CHECKPOINT_FILE, saveCheckpoint, type ResumePoint } from './checkpointStore';
import type { ComputeWorker } from './computeWorker';
import { plannedIterations } from '../../workers/methods/plannedIterations';
import { softwareVersions, type Manifest } from './manifest';
import type { RunFolder } from './runFolder';
import { TIME_FRAMES_HEADER, TIME_FRAMES_VALUES, TimeFrames } from './timeFrames';

const METRICS_FLUSH_MS = 5000;
/** Exports written into every finished run folder. */
const FINAL_EXPORTS: [ExportFormat, FieldView][] = [
  ['field.vtu', 'prediction'],
  ['surface.gltf', 'prediction'],
  ['surface.stl', 'prediction'],
  ['surface.obj', 'prediction'],
  ['loss.svg', 'prediction'],
  ['loss.png', 'prediction'],
  ['field.svg', 'prediction'],
  ['field.png', 'prediction'],
  ['field.png', 'error'],
  ['metrics.csv', 'prediction'],
];

export class LiveRun {
  status: RunStatus = 'starting';
  message: string | undefined;
  backend = 'starting';
  readonly rows: MetricsRow[] = [];
  snapshot: FieldSnapshot | undefined;
  private readonly fieldSeries: FieldSeriesWriter | undefined;
  snapshotVersion = 0;
  /** Time-stepping runs: the field at each saved time. */
  readonly timeFrames = new TimeFrames();
  result: RunResult | undefined;
  readonly done: Promise<void>;
  private readonly startedAt: Date;
  /** The iteration of the newest checkpoint on disk, if any. */
  checkpointIteration: number | undefined;
  private endedAt: Date | undefined;
  private lastFlush = 0;
  private writing: Promise<void> = Promise.resolve();
  private files = new Set<string>(['manifest.json']);

  constructor(
    readonly id: string,
    readonly config: RunConfig,
    readonly folder: RunFolder,
    private readonly worker: ComputeWorker,
    private readonly resumed?: ResumePoint,
    private readonly inputs: RunInputs = {},
  ) {
    // A time-stepping run keeps its field at each new time (field-series.pvd).
    this.fieldSeries = config.method.name === 'teng' ? new FieldSeriesWriter(folder) : undefined;
    this.startedAt = resumed ? new Date(resumed.startedAt) : new Date();
    if (resumed) {
      this.rows.push(...resumed.rows);
      resumed.files.forEach((file) => this.files.add(file));
      this.checkpointIteration = resumed.checkpoint.iteration;
    }
    this.done = this.start();
  }

  private get totalIterations(): number {
    // A mesh following a series sweeps `iterations` times per saved time.
    return plannedIterations(this.config) * (this.inputs.meshField?.frames.length ?? 1);
  }

  private sink(): RunSink {
    return Comlink.proxy({
      rows: (rows: MetricsRow[]) => {
        this.rows.push(...rows);
        // The manifest goes with the metrics: its pid and heartbeat say the run is alive.
        if (Date.now() - this.lastFlush > METRICS_FLUSH_MS) this.queueWrite(() => this.writeMetrics().then(() => this.writeManifest()));
      },
      checkpoint: (checkpoint: RunCheckpoint) => {
        // Metrics first: after a kill, metrics.jsonl holds every row up to the checkpoint's iteration.
        this.queueWrite(async () => {
          await this.writeMetrics();
          await saveCheckpoint(this.folder, checkpoint);
          this.files.add(CHECKPOINT_FILE);
          this.checkpointIteration = checkpoint.iteration;
          await this.writeManifest();
        });
      },
      snapshot: (snapshot: FieldSnapshot) => {
        this.snapshot = snapshot;
        this.snapshotVersion++;
        if (this.fieldSeries) this.queueWrite(() => this.addToSeries(snapshot));
      },
      frame: (frame: FieldSnapshot) => this.timeFrames.add(frame),
      status: (status: RunStatus, message?: string) => {
        if (FINISHED_STATUSES.includes(this.status)) return;
        const changed = status !== this.status;
        this.status = status;
        if (message) this.message = message;
        if (changed) this.queueWrite(() => this.writeManifest());
      },
    });
  }

  private async start(): Promise<void> {
    await this.writeManifest();
    try {
      const prepared = await Promise.race([this.worker.service.prepare(this.config.backend, this.config.precision, this.config.method.name), this.worker.exited.then((why) => new Error(why))]);
      if (prepared instanceof Error) throw prepared;
      this.backend = prepared;
      await this.writeManifest();
      const outcome = await Promise.race([
        this.worker.service.run(this.config, this.sink(), this.resumed?.checkpoint, this.inputs),
        this.worker.exited.then((why) => new Error(why)),
      ]);
      if (outcome instanceof Error) throw outcome;
      this.result = outcome;
      this.status = outcome.status;
      this.message = outcome.message;
      this.snapshot = outcome.finalSnapshot;
      this.snapshotVersion++;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      // A dead worker interrupts the run; with a checkpoint on disk it can go on from there.
      const resumable = why.startsWith('compute worker') && this.checkpointIteration !== undefined;
      this.status = resumable ? 'interrupted' : 'failed';
      this.message = resumable ? `${why}; resume to continue from the checkpoint of iteration ${this.checkpointIteration}` : why;
    } finally {
      this.endedAt = new Date();
      await this.worker.terminate().catch(() => undefined);
    }
    await this.queueWrite(() => this.writeFinalFiles());
  }

  private queueWrite(write: () => Promise<void>): Promise<void> {
    this.writing = this.writing.then(write).catch((error: Error) => {
      this.message = `${this.message ? `${this.message}; ` : ''}${error.message}`;
    });
    return this.writing;
  }

  private async writeMetrics(): Promise<void> {
    this.lastFlush = Date.now();
    await this.folder.write('metrics.jsonl', this.rows.map((row) => JSON.stringify(row)).join('\n') + (this.rows.length ? '\n' : ''));
    this.files.add('metrics.jsonl');
  }

  private async writeFinalFiles(): Promise<void> {
    await this.writeMetrics();
    if (this.result) {
      await this.folder.writeJson('parameters.json', { format: 'mlp-parameters/1', network: this.config.network, ...this.result.parameters });
      this.files.add('parameters.json');
      if (this.result.trajectory) {
        const { header, bytes } = encodeTrajectory(this.result.trajectory, this.result.parameters.shapes);
        await this.folder.write(TRAJECTORY_VALUES, bytes);
        await this.folder.writeJson(TRAJECTORY_HEADER, header);
        this.files.add(TRAJECTORY_VALUES).add(TRAJECTORY_HEADER);
      }
    }
    if (this.timeFrames.count > 0) {
      const { header, values } = this.timeFrames.files();
      await this.folder.write(TIME_FRAMES_VALUES, values);
      await this.folder.writeJson(TIME_FRAMES_HEADER, header);
      this.files.add(TIME_FRAMES_VALUES).add(TIME_FRAMES_HEADER);
    }
    for (const [format, view] of FINAL_EXPORTS) {
      if (view === 'error' && !this.snapshot?.exact) continue;
      if (!this.snapshot && !format.startsWith('loss') && format !== 'metrics.csv') continue;
      await this.export(format, view);
    }
    for (const [fileName, bytes] of this.result?.mesh ? movedMeshExports(this.result.mesh, this.config.name) : []) {
      await this.folder.write(fileName, bytes);
      this.files.add(fileName);
    }
    if (this.snapshot) await this.addToSeries(this.snapshot);
    if (this.result?.meshSeries) (await writeMeshSeries(this.folder, this.result.meshSeries, this.config.name)).forEach((file) => this.files.add(file));
    await this.writeManifest();
  }

  private async addToSeries(snapshot: FieldSnapshot): Promise<void> {
    for (const file of (await this.fieldSeries?.add(snapshot)) ?? []) this.files.add(file);
  }

  manifest(): Manifest {
    const { id, name, status, message, problem, method, backend, totalIterations } = this.summary();
    return {
      format: 'pde-workbench-run/1',
      id,
      name,
      status,
      message,
      problem,
      method,
      seed: this.config.seed,
      backend,
      versions: softwareVersions(),
      startedAt: this.startedAt.toISOString(),
      endedAt: this.endedAt?.toISOString(),
      iterations: this.result?.iterations ?? this.rows.at(-1)?.iteration ?? 0,
      totalIterations,
      seconds: this.result?.seconds ?? this.rows.at(-1)?.seconds ?? 0,
      metrics: this.result?.metrics ?? {},
      errorInTime: this.result?.errorInTime,
      files: [...this.files].sort(),
      pid: process.pid,
      heartbeatAt: new Date().toISOString(),
      checkpoint: this.checkpointIteration,
      config: this.config,
    };
  }

  private writeManifest(): Promise<void> {
    return this.folder.writeJson('manifest.json', this.manifest());
  }

  summary(): RunSummary {
    const last = this.rows.at(-1);
    const lastError = [...this.rows].reverse().find((r) => r.relL2 !== undefined)?.relL2;
    return {
      id: this.id,
      name: this.config.name,
      status: this.status,
      message: this.message,
      problem: this.config.problem.id,
      method: this.config.method.name,
      backend: this.backend,
      iteration: last?.iteration ?? 0,
      totalIterations: this.totalIterations,
      seconds: last?.seconds ?? 0,
      relL2: this.result?.metrics.relL2 ?? lastError,
      errorInTime: this.result?.errorInTime,
      folder: this.folder.dir,
    };
  }

  update(cursor: number, snapshotVersion: number): RunUpdate {
    const from = Math.max(0, Math.min(cursor, this.rows.length));
    return {
      summary: this.summary(),
      rows: this.rows.slice(from),
      cursor: this.rows.length,
      snapshot: snapshotVersion < this.snapshotVersion ? this.snapshot : undefined,
      snapshotVersion: this.snapshotVersion,
    };
  }

  get finished(): boolean {
    return !this.live;
  }

  private get live(): boolean {
    return !FINISHED_STATUSES.includes(this.status);
  }

  /** For analysis: the trajectory so far (asked of the worker while the run lives), else the final one. */
  async trajectoryData(): Promise<TrajectoryData | undefined> {
    if (this.live) return this.worker.service.trajectory().catch(() => undefined);
    return this.result?.trajectory;
  }

  // Control calls go to the worker only while it lives: a dead worker would never answer.
  pause = async (): Promise<void> => {
    if (this.live) await this.worker.service.pause();
  };
  resume = async (): Promise<void> => {
    if (this.live) await this.worker.service.resume();
  };
  cancel = async (): Promise<void> => {
    if (this.live) await Promise.race([this.worker.service.cancel(), this.worker.exited]);
  };

  /** Renders an export from what the run has now and writes it into the run folder. */
  async export(format: ExportFormat, view: FieldView = 'prediction'): Promise<ExportResult> {
    const rendered = renderExport(format, { snapshot: this.snapshot, rows: this.rows, view, name: this.config.name });
    await this.folder.write(rendered.fileName, rendered.bytes);
    this.files.add(rendered.fileName);
    return { ...rendered, path: this.folder.file(rendered.fileName) };
  }
}
