/**
 * What one compute worker offers the main process: run one config, with pause / resume /
 * cancel. The sink is a Comlink proxy back to the main process.
 */
import type { RunConfig } from './config/schema';
import { initBackend } from './engine/backend';
import type { RunCheckpoint } from './run/checkpoint';
import { pinnBackendName } from './methods/pinnEngine';
import { Runner, type RunResult, type RunSink } from './run/runner';
import { projectTrajectory, runAnalysisRequest, type AnalysisInput } from './analysis/runAnalysis';
import type { TrajectoryData } from './analysis/thinnedTrajectory';
import { jointProjection, type JointInput, type JointProjection } from './analysis/jointTrajectories';
import type { RunInputs } from './mesh/runFieldData';
import type { AnalysisRequest, LandscapeReport, RoughnessReport, TrajectoryProjection } from './protocol/analysis';

export interface ComputeService {
  /** Initialises what the config computes on; returns its name (the tfjs backend, or the jet engine a PINN trains on). */
  prepare(backend: RunConfig['backend'], precision: RunConfig['precision'], method?: RunConfig['method']['name']): Promise<string>;
  /** With `resumeFrom`, continues from that checkpoint. */
  run(config: RunConfig, sink: RunSink, resumeFrom?: RunCheckpoint, inputs?: RunInputs): Promise<RunResult>;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** The running run's trajectory so far. */
  trajectory(): TrajectoryData | undefined;
  /** Analysis (in a worker of its own, beside the training ones): PCA projection, landscape, roughness. */
  project(data: TrajectoryData): TrajectoryProjection;
  projectJoint(runs: JointInput[]): JointProjection;
  analyse(input: AnalysisInput, request: AnalysisRequest, progress: (done: number, total: number) => void): Promise<LandscapeReport | RoughnessReport>;
  cancelAnalysis(): void;
  /** Lowers this worker thread's scheduling priority (analysis workers); says what it did. */
  lowerPriority(): string;
}

export interface ComputeHooks {
  /** From the thread's entry (worker.ts), which may use the OS. */
  lowerPriority?: () => string;
}

export function createComputeService(hooks: ComputeHooks = {}): ComputeService {
  const runner = new Runner();
  const analysis = { cancelled: false };
  return {
    async prepare(backend, precision, method = 'pinn') {
      const tfjs = await initBackend(backend); // also used for exports and snapshots
      return method === 'pinn' ? pinnBackendName(precision, tfjs) : tfjs;
    },
    run: (config, sink, resumeFrom, inputs) => runner.run(config, sink, resumeFrom, inputs),
    pause: () => runner.pause(),
    resume: () => runner.resume(),
    cancel: () => runner.cancel(),
    trajectory: () => runner.trajectory(),
    project: (data) => projectTrajectory(data),
    projectJoint: (runs) => jointProjection(runs),
    async analyse(input, request, progress) {
      analysis.cancelled = false;
      await initBackend(input.config.backend);
      return runAnalysisRequest(input, request, { cancel: analysis, onProgress: progress });
    },
    cancelAnalysis: () => void (analysis.cancelled = true),
    lowerPriority: () => hooks.lowerPriority?.() ?? 'priority unchanged: not available here',
  };
}
