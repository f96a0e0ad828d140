/**
 * The analysis of one run for the app: its trajectory on the principal plane (live while it
 * trains), and one landscape or roughness job at a time, computed in a compute worker of its own
 * (so neither the UI nor the run's training thread waits), with progress, cancel, and the same
 * files as `npm run analyse` written into the run folder.
 */
import * as Comlink from 'comlink';
import { landscapeOutputs, roughnessOutputs } from '../../workers/analysis/analysisFiles';
import type { AnalysisRequest, AnalysisState, LandscapeReport, RoughnessReport, TrajectoryProjection } from '../../workers/protocol/analysis';
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
}

export class RunAnalyst {
  private worker: ComputeWorker | undefined;
  private current: AnalysisState = { status: 'idle', done: 0, total: 0 };

  constructor(private readonly run: LiveRun) {}

  private service(): ComputeWorker['service'] {
    if (!this.worker) {
      const worker = (this.worker = startComputeWorker());
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
    return this.service().project(data);
  }

  state(): AnalysisState {
    return { ...this.current };
  }

  start(request: AnalysisRequest): void {
    checkRequest(request);
    if (this.current.status === 'running') throw new Error(`a ${this.current.kind} analysis of this run is running; cancel it first`);
    const result = this.run.result;
    if (!result) throw new Error('the landscape and roughness need the final parameters: wait until the run has finished');
    const input = { config: this.run.config, parameters: result.parameters, trajectory: result.trajectory };
    const state: AnalysisState = (this.current = { status: 'running', kind: request.kind, done: 0, total: 0 });
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
