/**
 * One run as the main process holds it: its worker, its growing metrics history, its latest
 * field, and its folder, which it keeps current (manifest, metrics, parameters, exports).
 */
import * as Comlink from 'comlink';
import type { RunConfig } from '../../workers/config/schema';
import { renderExport } from '../../workers/export/index';
import type { RunResult, RunSink } from '../../workers/run/runner';
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
import type { ComputeWorker } from './computeWorker';
import { plannedIterations } from '../../workers/methods/plannedIterations';
import { softwareVersions, type Manifest } from './manifest';
import type { RunFolder } from './runFolder';

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
  snapshotVersion = 0;
  result: RunResult | undefined;
  readonly done: Promise<void>;
  private readonly startedAt = new Date();
  private endedAt: Date | undefined;
  private lastFlush = 0;
  private writing: Promise<void> = Promise.resolve();
  private files = new Set<string>(['manifest.json']);

  constructor(
    readonly id: string,
    readonly config: RunConfig,
    readonly folder: RunFolder,
    private readonly worker: ComputeWorker,
  ) {
    this.done = this.start();
  }

  private get totalIterations(): number {
    return plannedIterations(this.config);
  }

  private sink(): RunSink {
    return Comlink.proxy({
      rows: (rows: MetricsRow[]) => {
        this.rows.push(...rows);
        if (Date.now() - this.lastFlush > METRICS_FLUSH_MS) this.queueWrite(() => this.writeMetrics());
      },
      snapshot: (snapshot: FieldSnapshot) => {
        this.snapshot = snapshot;
        this.snapshotVersion++;
      },
      status: (status: RunStatus, message?: string) => {
        if (FINISHED_STATUSES.includes(this.status)) return;
        this.status = status;
        if (message) this.message = message;
      },
    });
  }

  private async start(): Promise<void> {
    await this.writeManifest();
    try {
      const prepared = await Promise.race([this.worker.service.prepare(this.config.backend, this.config.precision), this.worker.exited.then((why) => new Error(why))]);
      if (prepared instanceof Error) throw prepared;
      this.backend = prepared;
      await this.writeManifest();
      const outcome = await Promise.race([
        this.worker.service.run(this.config, this.sink()),
        this.worker.exited.then((why) => new Error(why)),
      ]);
      if (outcome instanceof Error) throw outcome;
      this.result = outcome;
      this.status = outcome.status;
      this.message = outcome.message;
      this.snapshot = outcome.finalSnapshot;
      this.snapshotVersion++;
    } catch (error) {
      this.status = 'failed';
      this.message = error instanceof Error ? error.message : String(error);
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
    }
    for (const [format, view] of FINAL_EXPORTS) {
      if (view === 'error' && !this.snapshot?.exact) continue;
      if (!this.snapshot && !format.startsWith('loss') && format !== 'metrics.csv') continue;
      await this.export(format, view);
    }
    await this.writeManifest();
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
      files: [...this.files].sort(),
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

  private get live(): boolean {
    return !FINISHED_STATUSES.includes(this.status);
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
