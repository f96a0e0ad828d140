/**
 * The analysis of one run for the app: its trajectory on the principal plane (live while it
 * trains), and one landscape or roughness job at a time, computed in a compute worker of its own
 * (so neither the UI nor the run's training thread waits), with progress, cancel, and the same
 * files as `npm run analyse` written into the run folder.
 */
import * as Comlink from 'comlink';
import { landscapeOutputs, roughnessOutputs } from '../../workers/analysis/analysisFiles';
import type { AnalysisRequest, AnalysisState, JointTrajectories, LandscapeReport, RoughnessReport, TrajectoryProjection } from '../../workers/protocol/analysis';
import type { AnalysisInput } from '../../workers/analysis/runAnalysis';
import { lossAtIterations } from '../../workers/analysis/jointTrajectories';
import type { TrajectoryData } from '../../workers/analysis/thinnedTrajectory';
import { loadCheckpoint } from './checkpointStore';
import { startComputeWorker, type ComputeWorker } from './computeWorker';
import type { LiveRun } from './liveRun';

const MAX_GRID = 201;

function checkRequest(request: AnalysisRequest): void {
  if (request.kind === 'landscape') {
    if (!(Number.isInteger(request.grid) && request.grid >= 2 && request.grid <= MAX_GRID)) throw new Error(`landscape grid must be an integer from 2 to ${MAX_GRID}, got ${request.grid}`);
    if (request.range !== undefined && !(request.range > 0 && Number.isFinite(request.range))) throw new Error(`landscape range must be a positive number, got ${request.range}`);
    if (request.directions !== 'random' && request.directions !== 'pca') throw new Error(`landscape directions must be 'random' or 'pca', got '${String(request.directions)}'`);
  } else if (request.kind !== 'roughness') {
    throw new Error(`analysis kind must be 'landscape' or 'roughness', got '${String((request as { kind?: unknown }).kind)}'`);
  }
  const at = request.at;
  if (at !== undefined && at !== 'final' && at !== 'checkpoint' && !(Number.isInteger(at) && at >= 0)) {
    throw new Error(`the centre must be 'final', 'checkpoint' or a recorded iteration, got ${JSON.stringify(at)}`);
  }
}

export class RunAnalyst {
  private worker: ComputeWorker | undefined;
  private current: AnalysisState = { status: 'idle', done: 0, total: 0 };

  constructor(private readonly run: LiveRun) {}

  private service(): ComputeWorker['service'] {
    if (!this.worker) {
      const worker = (this.worker = startComputeWorker());
      // Below the training workers: a landscape uses the cores training leaves idle.
      void worker.service.lowerPriority().catch(() => undefined);
      void worker.exited.then((why) => {
        if (this.worker === worker) this.worker = undefined;
        if (this.current.status === 'running') this.current = { ...this.current, status: 'failed', message: why };
      });
    }
    return this.worker.service;
  }

  async trajectory(): Promise<TrajectoryProjection | undefined> {
    const data = await this.run.trajectoryData();
    if (!data || data.iterations.length < 2) return undefined;
    const projection = await this.service().project(data);
    return { ...projection, saved: { final: this.run.result !== undefined, checkpoint: this.run.checkpointIteration } };
  }

  /** This run's trajectory with the others' on one PCA plane (see JointTrajectories). */
  async joint(runs: LiveRun[], elsewhere: string[] = []): Promise<JointTrajectories> {
    const reference = runs[0];
    const omitted: JointTrajectories['omitted'] = elsewhere.map((id) => ({ id, name: id, reason: 'not a run of this session (resume it to record its trajectory here)' }));
    const kept: { run: LiveRun; data: TrajectoryData }[] = [];
    for (const run of runs) {
      const data = await run.trajectoryData();
      const name = run.config.name;
      const P = kept[0]?.data.parameterCount;
      if (!data || data.iterations.length < 2) omitted.push({ id: run.id, name, reason: 'no trajectory recorded (yet)' });
      else if (run.config.problem.id !== reference.config.problem.id) omitted.push({ id: run.id, name, reason: `another problem (${run.config.problem.id})` });
      else if (P !== undefined && data.parameterCount !== P) omitted.push({ id: run.id, name, reason: `${data.parameterCount} parameters, ${kept[0].run.config.name} ${P}: not one parameter space` });
      else if (run !== reference && kept.length === 0) omitted.push({ id: run.id, name, reason: `${reference.config.name} has no trajectory to share a plane with` });
      else kept.push({ run, data });
    }
    if (kept.length === 0) return { explained: [], parameterCount: 0, runs: [], omitted };
    const projection = await this.service().projectJoint(kept.map(({ run, data }) => ({ id: run.id, data })));
    return {
      explained: projection.explained,
      parameterCount: projection.parameterCount,
      runs: projection.runs.map((planar, k) => {
        const run = kept[k].run;
        return { ...planar, name: run.config.name, live: !run.finished, loss: lossAtIterations(run.rows, planar.iterations) };
      }),
      omitted,
    };
  }

  state(): AnalysisState {
    return { ...this.current };
  }

  /** Starts the job; resolves once it runs (rejects on a bad request or parameters that are not saved). */
  async start(request: AnalysisRequest): Promise<void> {
    checkRequest(request);
    if (this.current.status === 'running') throw new Error(`a ${this.current.kind} analysis of this run is running; cancel it first`);
    const at = request.at ?? 'final';
    if (at === 'final' && !this.run.result) throw new Error('the final parameters are saved when the run ends: centre on the last checkpoint or a trajectory snapshot meanwhile');
    const state: AnalysisState = (this.current = { status: 'running', kind: request.kind, done: 0, total: 0 });
    let input: AnalysisInput;
    try {
      // While the run trains: its trajectory so far, and the checkpoint on disk.
      const trajectory = this.run.result?.trajectory ?? (await this.run.trajectoryData());
      const checkpoint = at === 'checkpoint' ? await loadCheckpoint(this.run.folder.dir) : undefined;
      input = { config: this.run.config, parameters: this.run.result?.parameters, trajectory, checkpoint };
    } catch (error) {
      Object.assign(state, { status: 'failed', message: (error as Error).message });
      throw error;
    }
    const progress = Comlink.proxy((done: number, total: number) => Object.assign(state, { done, total }));
    this.service()
      .analyse(input, request, progress)
      .then(async (report) => {
        const files = request.kind === 'landscape' ? landscapeOutputs(report as LandscapeReport) : roughnessOutputs(report as RoughnessReport);
        for (const [name, data] of Object.entries(files)) await this.run.folder.write(name, data);
        Object.assign(state, { status: 'completed', [request.kind]: report, message: `${request.kind} in ${report.seconds.toFixed(1)} s; files in ${this.run.folder.dir}` });
      })
      .catch((error: Error) => {
        const cancelled = error?.name === 'CancelledError' || /cancelled after/.test(error?.message ?? '');
        Object.assign(state, { status: cancelled ? 'cancelled' : 'failed', message: error?.message ?? String(error) });
      });
  }

  async cancel(): Promise<void> {
    if (this.current.status === 'running' && this.worker) await this.worker.service.cancelAnalysis();
  }

  async dispose(): Promise<void> {
    await this.worker?.terminate().catch(() => undefined);
    this.worker = undefined;
  }
}
