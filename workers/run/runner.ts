/**
 * Drives one method through its life cycle under a time budget, with pause / resume / cancel,
 * NaN detection, periodic error measurement and field snapshots. Yields to the event loop every
 * few tens of milliseconds so control messages (and cancel) take effect promptly.
 */
import type { ErrorAtTime, FieldSnapshot, MetricsRow, RunStatus } from '../protocol/service';
import type { RunConfig } from '../config/schema';
import { Rng } from '../engine/rng';
import { DivergenceError, type SavedParameters, type SolverMethod } from '../methods/method';
import { createPinn } from '../methods/pinnEngine';
import { MeshMoverMethod, type MeshExport } from '../methods/meshMover';
import type { RunInputs } from '../mesh/runFieldData';
import { CpinnMethod } from '../methods/cpinn/cpinnMethod';
import { buildProblemModel, type ProblemModel } from '../problems/problemModel';
import { Checkpoints, type RunCheckpoint } from './checkpoint';
import { ErrorGrid, SnapshotGrid } from './evaluation';
import { ThinnedTrajectory, type TrajectoryData } from '../analysis/thinnedTrajectory';
import { problemMetrics } from './problemMetrics';
import { TengMethod } from '../methods/teng/tengMethod';
import { errorInTime, finalTimeMetrics, TimeSliceErrors, timeSliceSnapshot } from './timeSlice';

export interface RunSink {
  rows(rows: MetricsRow[]): void;
  snapshot(snapshot: FieldSnapshot): void;
  status(status: RunStatus, message?: string): void;
  /** A time-stepping run's field at a saved time (t in snapshot.fixed); one at the same t as the last replaces it. */
  frame?(snapshot: FieldSnapshot): void;
  /** A checkpoint to keep (checkpoint.ts); rows up to its iteration have been sent before it. */
  checkpoint?(checkpoint: RunCheckpoint): void;
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
  /** The moved mesh of a mesh-mover run. */
  mesh?: MeshExport;
  /** A mesh mover following a time series: the moved mesh at each time. */
  meshSeries?: MeshExport[];
  /** A space–time run of a time-dependent problem: its final error at evenly spaced times (timeSlice.ts). */
  errorInTime?: ErrorAtTime[];
  /** The thinned parameter trajectory (config `trajectory`), where the method gives its flat parameters. */
  trajectory?: TrajectoryData;
}

const YIELD_MS = 25;
const SNAPSHOT_MS = 300;
const ROWS_MS = 200;
const FINAL_SNAPSHOT_POINTS = 128;
/** Space points per axis of a time-stepping method's error grid (the TENG targets' 128²). */
const TIME_SLICE_GRID = 128;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createMethod(config: RunConfig, model: ProblemModel, rng: Rng, inputs: RunInputs = {}): SolverMethod {
  const method = config.method;
  switch (method.name) {
    case 'pinn':
      return createPinn({ ...config, method }, model, rng);
    case 'mesh-mover':
      return new MeshMoverMethod({ ...config, method }, model, rng, inputs.meshField);
    case 'cpinn':
      return new CpinnMethod({ ...config, method }, model, rng);
    case 'teng':
      return new TengMethod({ ...config, method }, model, rng);
  }
}

export class Runner {
  /** `create` is a seam for tests (a method that diverges on cue); runs use createMethod. */
  constructor(private readonly create: typeof createMethod = createMethod) {}

  private paused = false;
  private cancelled = false;
  private wake: (() => void) | undefined;
  private recorder: ThinnedTrajectory | undefined;

  /** The trajectory recorded so far (for the live trajectory view). */
  trajectory(): TrajectoryData | undefined {
    return this.recorder?.data();
  }

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

  /** Trains one config; with `resumeFrom`, continues from that checkpoint instead of the start. */
  async run(config: RunConfig, sink: RunSink, resumeFrom?: RunCheckpoint, inputs?: RunInputs): Promise<RunResult> {
    const model = buildProblemModel(config.problem);
    const rng = new Rng(config.seed);
    const method = this.create(config, model, rng, inputs);
    try {
      const checkpoints = new Checkpoints(config.checkpoint, method, rng, (checkpoint) => sink.checkpoint?.(checkpoint));
      const startSeconds = resumeFrom ? checkpoints.restore(resumeFrom) : 0;
      return await this.loop(config, model, method, sink, checkpoints, startSeconds);
    } finally {
      method.dispose();
    }
  }

  private async loop(config: RunConfig, model: ProblemModel, method: SolverMethod, sink: RunSink, checkpoints: Checkpoints, startSeconds: number): Promise<RunResult> {
    // A time-stepping method (TENG) is measured on the space grid at the time it has reached.
    const timeSlices = method.time !== undefined ? new TimeSliceErrors(model, config.evaluation.grid ?? TIME_SLICE_GRID) : undefined;
    const errorGrid = timeSlices ? undefined : new ErrorGrid(model, config.evaluation.grid);
    const snapshotGrid = new SnapshotGrid(model, config.evaluation.snapshot);
    const pending: MetricsRow[] = [];
    const budgetMs = config.budget.seconds * 1000;
    let trainingMs = startSeconds * 1000;
    let lastYield = performance.now();
    let lastRows = lastYield;
    let lastSnapshot = -Infinity;
    let status: RunResult['status'] = 'completed';
    let message: string | undefined;
    // The last note of each optimizer (why L-BFGS stopped, the latest refinement) ends up in the message.
    const notes = new Map<string, string>();

    const measure = () => (timeSlices ? timeSlices.measure(method) : errorGrid!.measure(method.predict(errorGrid!.points)));
    const flat = method.flatParameters?.bind(method);
    const trajectory = (this.recorder = flat && new ThinnedTrajectory(method.parameters().values.reduce((n, v) => n + v.length, 0), config.trajectory));
    trajectory?.record(method.iteration, flat!());
    const snapshotOn = (grid: SnapshotGrid) => {
      const snapshot = timeSlices ? timeSliceSnapshot(model, method, grid.axes[0].n) : grid.fullSnapshot(method.iteration, method.predict(grid.points));
      const auxiliary = method.auxiliaryFields?.(grid.points);
      const mesh = method.meshOverlay?.();
      const meshComparison = method.finished ? method.meshComparison?.() : undefined;
      return { ...snapshot, ...(auxiliary && { auxiliary }), ...(mesh && { mesh }), ...(meshComparison && { meshComparison }) };
    };
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
        message = error.message + (checkpoints.saved !== undefined ? `; the checkpoint of iteration ${checkpoints.saved} (the last finite one) is kept` : '');
        break;
      }
      const now = performance.now();
      trainingMs += now - started;
      const row: MetricsRow = { iteration: method.iteration, seconds: trainingMs / 1000, optimizer: report.optimizer, loss: report.loss, terms: report.terms };
      if (report.krylovIterations !== undefined) row.krylovIterations = report.krylovIterations;
      if (report.evaluations !== undefined) row.evaluations = report.evaluations;
      if (report.time !== undefined) row.t = report.time;
      if (report.note) {
        notes.set(report.optimizer, report.note);
        sink.status('running', report.note);
      }
      if (method.iteration % config.evaluation.every === 0 || method.finished || report.measure) {
        const errors = measure();
        if (errors) row.relL2 = errors.relL2;
        if (model.metrics.length > 0) row.problemMetrics = problemMetrics(model, (points) => method.predict(points));
        if (timeSlices) sink.frame?.(snapshotOn(snapshotGrid));
      }
      if (trajectory?.wants(method.iteration)) trajectory.record(method.iteration, flat!());
      pending.push(row);
      if (now - lastRows >= ROWS_MS) {
        sink.rows(pending.splice(0));
        lastRows = now;
      }
      if (checkpoints.due()) {
        sink.rows(pending.splice(0));
        checkpoints.take(trainingMs / 1000);
      }
      if (now - lastSnapshot >= SNAPSHOT_MS) {
        sink.snapshot(snapshotOn(snapshotGrid));
        lastSnapshot = performance.now();
      }
      if (now - lastYield >= YIELD_MS) {
        await yieldToEventLoop();
        if (this.paused && !this.cancelled) {
          sink.rows(pending.splice(0));
          checkpoints.take(trainingMs / 1000);
          sink.status('paused');
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
          if (!this.cancelled) sink.status('running');
        }
        lastYield = performance.now();
      }
    }

    trajectory?.recordFinal(method.iteration, flat!());
    const finalErrors = measure();
    if (finalErrors && pending.length > 0 && pending[pending.length - 1].relL2 === undefined) {
      pending[pending.length - 1].relL2 = finalErrors.relL2;
    }
    sink.rows(pending.splice(0));
    if (status === 'cancelled') checkpoints.take(trainingMs / 1000);
    const finalGrid = new SnapshotGrid(model, Math.max(FINAL_SNAPSHOT_POINTS, config.evaluation.snapshot));
    const finalSnapshot = snapshotOn(finalGrid);
    const liveSnapshot = snapshotOn(snapshotGrid);
    sink.snapshot(liveSnapshot);
    if (timeSlices) sink.frame?.(liveSnapshot);
    const metrics: Record<string, number> = {};
    if (finalErrors) Object.assign(metrics, { relL2: finalErrors.relL2 }, model.unknowns.length > 1 ? finalErrors.perUnknown : {});
    // A time-stepping method may stop early (budget, cancel): say which time its final error is at.
    if (timeSlices) metrics.t = method.time!;
    // A space–time method's error at the final time alone (relL2_final, relL2_u_final, …): what a transient target asks for.
    if (!timeSlices && model.domain.time) Object.assign(metrics, finalTimeMetrics(model, method, TIME_SLICE_GRID));
    Object.assign(metrics, method.finalMetrics?.());
    Object.assign(metrics, problemMetrics(model, (points) => method.predict(points)));
    const summary = [message, ...notes.values()].filter(Boolean).join('; ') || undefined;
    return {
      status,
      message: summary,
      iterations: method.iteration,
      seconds: trainingMs / 1000,
      metrics,
      parameters: method.parameters(),
      finalSnapshot,
      mesh: method.meshExport?.(),
      meshSeries: method.meshSeries?.(),
      trajectory: trajectory?.data(),
      errorInTime: !timeSlices && model.domain.time ? errorInTime(model, method, TIME_SLICE_GRID) : undefined,
    };
  }
}
