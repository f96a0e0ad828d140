/**
 * Drives one method through its life cycle under a time budget, with pause / resume / cancel,
 * NaN detection, periodic error measurement and field snapshots. Yields to the event loop every
 * few tens of milliseconds so control messages (and cancel) take effect promptly.
 */
import type { FieldSnapshot, MetricsRow, RunStatus } from '../protocol/service';
import type { RunConfig } from '../config/schema';
import { Rng } from '../engine/rng';
import { DivergenceError, type SavedParameters, type SolverMethod } from '../methods/method';
import { PinnMethod } from '../methods/pinn';
import { PinnMethod64 } from '../methods/pinn64';
import { buildProblemModel, type ProblemModel } from '../problems/problemModel';
import { ErrorGrid, SnapshotGrid } from './evaluation';
import { TengMethod } from '../methods/teng/tengMethod';
import { TimeSliceErrors, timeSliceSnapshot } from './timeSlice';

export interface RunSink {
  rows(rows: MetricsRow[]): void;
  snapshot(snapshot: FieldSnapshot): void;
  status(status: RunStatus, message?: string): void;
}

export interface RunResult {
  status: Extract<RunStatus, 'completed' | 'failed' | 'cancelled'>;
  message?: string;
  iterations: number;
  seconds: number;
  metrics: Record<string, number>;
  parameters: SavedParameters;
  /** The final field on a finer grid, for exports. */
  finalSnapshot: FieldSnapshot;
}

const YIELD_MS = 25;
const SNAPSHOT_MS = 300;
const ROWS_MS = 200;
const FINAL_SNAPSHOT_POINTS = 128;
/** Space points per axis of a time-stepping method's error grid (the TENG targets' 128²). */
const TIME_SLICE_GRID = 128;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createMethod(config: RunConfig, model: ProblemModel, rng: Rng): SolverMethod {
  switch (config.method.name) {
    case 'pinn':
      return config.precision === 'float64' ? new PinnMethod64(config, model, rng) : new PinnMethod(config, model, rng);
    case 'teng':
      return new TengMethod(config, model, rng);
  }
}

export class Runner {
  private paused = false;
  private cancelled = false;
  private wake: (() => void) | undefined;

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  async run(config: RunConfig, sink: RunSink): Promise<RunResult> {
    const model = buildProblemModel(config.problem);
    const rng = new Rng(config.seed);
    const method = createMethod(config, model, rng);
    try {
      return await this.loop(config, model, method, sink);
    } finally {
      method.dispose();
    }
  }

  private async loop(config: RunConfig, model: ProblemModel, method: SolverMethod, sink: RunSink): Promise<RunResult> {
    // A time-stepping method (TENG) is measured on the space grid at the time it has reached.
    const timeSlices = method.time !== undefined ? new TimeSliceErrors(model, config.evaluation.grid ?? TIME_SLICE_GRID) : undefined;
    const errorGrid = timeSlices ? undefined : new ErrorGrid(model, config.evaluation.grid);
    const snapshotGrid = new SnapshotGrid(model, config.evaluation.snapshot);
    const snapshotAt = (grid: SnapshotGrid) =>
      timeSlices ? timeSliceSnapshot(model, method, grid.axes[0].n) : grid.snapshot(method.iteration, method.predict(grid.points));
    const pending: MetricsRow[] = [];
    const budgetMs = config.budget.seconds * 1000;
    let trainingMs = 0;
    let lastYield = performance.now();
    let lastRows = lastYield;
    let lastSnapshot = -Infinity;
    let status: RunResult['status'] = 'completed';
    let message: string | undefined;
    // The last note of each optimizer (why L-BFGS stopped, the latest refinement) ends up in the message.
    const notes = new Map<string, string>();

    const measure = () => (timeSlices ? timeSlices.measure(method) : errorGrid!.measure(method.predict(errorGrid!.points)));
    sink.status('running');

    while (!method.finished) {
      if (this.cancelled) {
        status = 'cancelled';
        message = `cancelled at iteration ${method.iteration}`;
        break;
      }
      if (trainingMs >= budgetMs) {
        message = `time budget of ${config.budget.seconds} s reached at iteration ${method.iteration} of ${method.totalIterations}`;
        break;
      }
      const started = performance.now();
      let report;
      try {
        report = method.step();
      } catch (error) {
        if (!(error instanceof DivergenceError)) throw error;
        status = 'failed';
        message = error.message;
        break;
      }
      const now = performance.now();
      trainingMs += now - started;
      const row: MetricsRow = { iteration: method.iteration, seconds: trainingMs / 1000, optimizer: report.optimizer, loss: report.loss, terms: report.terms };
      if (report.time !== undefined) row.t = report.time;
      if (report.note) {
        notes.set(report.optimizer, report.note);
        sink.status('running', report.note);
      }
      if (method.iteration % config.evaluation.every === 0 || method.finished || report.measure) {
        const errors = measure();
        if (errors) row.relL2 = errors.relL2;
      }
      pending.push(row);
      if (now - lastRows >= ROWS_MS) {
        sink.rows(pending.splice(0));
        lastRows = now;
      }
      if (now - lastSnapshot >= SNAPSHOT_MS) {
        sink.snapshot(snapshotAt(snapshotGrid));
        lastSnapshot = performance.now();
      }
      if (now - lastYield >= YIELD_MS) {
        await yieldToEventLoop();
        if (this.paused && !this.cancelled) {
          sink.rows(pending.splice(0));
          sink.status('paused');
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
          if (!this.cancelled) sink.status('running');
        }
        lastYield = performance.now();
      }
    }

    const finalErrors = measure();
    if (finalErrors && pending.length > 0 && pending[pending.length - 1].relL2 === undefined) {
      pending[pending.length - 1].relL2 = finalErrors.relL2;
    }
    sink.rows(pending.splice(0));
    const finalGrid = new SnapshotGrid(model, Math.max(FINAL_SNAPSHOT_POINTS, config.evaluation.snapshot));
    const finalSnapshot = snapshotAt(finalGrid);
    sink.snapshot(snapshotAt(snapshotGrid));
    const metrics: Record<string, number> = {};
    if (finalErrors) Object.assign(metrics, { relL2: finalErrors.relL2 }, model.unknowns.length > 1 ? finalErrors.perUnknown : {});
    // A time-stepping method may stop early (budget, cancel): say which time its final error is at.
    if (timeSlices) metrics.t = method.time!;
    const summary = [message, ...notes.values()].filter(Boolean).join('; ') || undefined;
    return { status, message: summary, iterations: method.iteration, seconds: trainingMs / 1000, metrics, parameters: method.parameters(), finalSnapshot };
  }
}
