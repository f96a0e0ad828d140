import type { MeshComparisonEntry, MeshOverlay } from '../mesh/meshOverlay';
/**
 * The service contract between the UI (renderer, browser) and compute (main process + workers).
 * Declarations only: both transports (Electron MessagePort, serve-mode WebSocket) carry these
 * calls through Comlink, and the renderer imports nothing else from `workers/`.
 */

export type RunStatus =
  | 'starting'
  | 'running'
  | 'paused'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'interrupted';

export const FINISHED_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled', 'interrupted'];

/** One row of a run's metrics history: the loss terms at an iteration, and the error where measured. */
export interface MetricsRow {
  iteration: number;
  /** Wall-clock seconds since the run started (training time only). */
  seconds: number;
  /** The optimizer that produced this step, e.g. `adam`, `lbfgs`. */
  optimizer: string;
  /** Weighted total loss. */
  loss: number;
  /** Each loss term, unweighted mean square: `pde`, `bc:all`, `bc:x=0`, ... */
  terms: Record<string, number>;
  /** Relative L2 error against the exact solution on the evaluation grid, where measured this step. */
  relL2?: number;
  /** Krylov iterations of this step's linear solve (CPINN with CGD/ACGD). */
  krylovIterations?: number;
  /** Objective evaluations this step spent, for optimizers whose steps vary in work (line searches, backtracking). */
  evaluations?: number;
  /** The problem's own figures where measured this step (cD, cL, ghiaMaxAbsDev; see problem.metrics). */
  problemMetrics?: Record<string, number>;
  /** Time-stepping methods (TENG): the time the solution has reached at this step. */
  t?: number;
}

/** The error of a run's final network at one time of a time-dependent problem (relL2 on the space grid at that t). */
export interface ErrorAtTime {
  t: number;
  relL2: number;
}

export interface AxisInfo {
  name: string;
  min: number;
  max: number;
  n: number;
}

/**
 * A field sampled on a regular 2D grid (a slice of the domain when it has more than two
 * coordinates). Values are row-major with the first axis fastest: index = j * axes[0].n + i.
 */
export interface FieldSnapshot {
  iteration: number;
  unknown: string;
  axes: [AxisInfo, AxisInfo];
  /** Coordinates held fixed for the slice, e.g. `{ z: 0.5 }`. */
  fixed: Record<string, number>;
  prediction: Float32Array;
  exact?: Float32Array;
  /** Other fields a method shows on the same grid, e.g. CPINN's discriminator outputs. */
  auxiliary?: AuxiliaryField[];
  /** Every unknown's prediction on the same grid (systems such as u, v, p; final snapshots only). */
  fields?: Record<string, Float32Array>;
  /** 1 where the node lies in the domain, 0 inside a hole (domains with holes only). */
  inDomain?: Uint8Array;
  /** Mesh movers: the moved mesh now, drawn over the field. */
  mesh?: MeshOverlay;
  /** Mesh movers, final snapshot: uniform, classical and neural meshes with their interpolation errors. */
  meshComparison?: MeshComparisonEntry[];
}

export interface AuxiliaryField {
  name: string;
  values: Float32Array;
}

export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  /** A human line for the status: why it failed, how L-BFGS stopped, ... */
  message?: string;
  problem: string;
  method: string;
  backend: string;
  iteration: number;
  totalIterations: number;
  seconds: number;
  relL2?: number;
  /** A space–time run (PINN) of a time-dependent problem: its final error at evenly spaced times, to compare with a time-stepping run's. */
  errorInTime?: ErrorAtTime[];
  folder?: string;
}

export interface RunUpdate {
  summary: RunSummary;
  /** Rows after the cursor the caller passed. */
  rows: MetricsRow[];
  cursor: number;
  /** Present when a newer snapshot than the caller's version exists. */
  snapshot?: FieldSnapshot;
  snapshotVersion: number;
}

export interface ConfigIssue {
  /** Dotted path of the offending field, e.g. `network.hidden[1]`; empty for the whole config. */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; config: unknown } | { ok: false; issues: ConfigIssue[] };

export interface ExampleEntry {
  id: string;
  title: string;
  description: string;
  config: unknown;
}

export type FieldView = 'prediction' | 'exact' | 'error';

export const EXPORT_FORMATS = [
  'field.vtu',
  'surface.gltf',
  'surface.stl',
  'surface.obj',
  'loss.svg',
  'loss.png',
  'field.svg',
  'field.png',
  'metrics.csv',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  /** Where the file was written in the run folder, when the run has one. */
  path?: string;
}

export interface WorkbenchInfo {
  version: string;
  backend: string;
  shell: 'electron' | 'browser' | 'cli';
  runsRoot: string;
}

import type { AnalysisRequest, AnalysisState, JointTrajectories, TrajectoryProjection } from './analysis';
export type { AnalysisPoint, AnalysisRequest, AnalysisState, JointTrajectories, LandscapeReport, RoughnessReport, TrajectoryProjection } from './analysis';

/** What the renderer may ask of compute. Every method is async across the transport. */
export interface WorkbenchService {
  info(): Promise<WorkbenchInfo>;
  examples(): Promise<ExampleEntry[]>;
  validate(config: unknown): Promise<ValidationResult>;
  /** Starts a run in its own worker. Rejects with the config issues when the config is invalid. */
  startRun(config: unknown): Promise<RunSummary>;
  /** Continues an interrupted, cancelled or failed run from its last checkpoint, in its folder (id: a run of this session or a folder name in the runs root). */
  resumeRun(id: string): Promise<RunSummary>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
  runs(): Promise<RunSummary[]>;
  poll(id: string, cursor: number, snapshotVersion: number): Promise<RunUpdate>;
  exportRun(id: string, format: ExportFormat, view?: FieldView): Promise<ExportResult>;
  /** A time-stepping run's (TENG) field at each saved time (t in `fixed`), from index `from` on; the last one may be replaced while the run lives. */
  timeFrames(id: string, from: number): Promise<FieldSnapshot[]>;
  // Analysis (workers/analysis).
  /** The run's recorded trajectory on its principal plane; undefined before two snapshots exist. */
  trajectory(id: string): Promise<TrajectoryProjection | undefined>;
  /** Several runs' trajectories on the PCA plane of all of them (ids[0] is the reference). */
  trajectories(ids: string[]): Promise<JointTrajectories>;
  /** Starts a landscape or roughness job around saved parameters of the run (request.at; final by default), in a worker. */
  startAnalysis(id: string, request: AnalysisRequest): Promise<void>;
  analysisState(id: string): Promise<AnalysisState>;
  cancelAnalysis(id: string): Promise<void>;
}
