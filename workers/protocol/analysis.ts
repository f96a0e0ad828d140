/**
 * The analysis part of the service contract (declarations only): a run's trajectory projected
 * on its principal plane, and landscape / roughness jobs computed in a worker with progress and
 * cancel. The reports are also the JSON written to the run folder (landscape.json, roughness.json).
 */

/** A run's recorded trajectory on the plane of its top two principal directions (centred on the last snapshot). */
export interface TrajectoryProjection {
  iterations: number[];
  alpha: number[];
  beta: number[];
  /** Share of the squared distance to the centre along each direction. */
  explained: number[];
  parameterCount: number;
  /** What an analysis can be centred on now: whether the final parameters are saved, and the newest checkpoint's iteration. */
  saved?: { final: boolean; checkpoint?: number };
}

/**
 * Several runs of one problem on one plane: the PCA of all their snapshots together, centred on
 * the first run's latest one. `loss` is the training loss the metrics recorded at each snapshot's
 * iteration (for the 3D view's height); runs that cannot share the plane are listed with the reason.
 */
export interface JointTrajectories {
  explained: number[];
  parameterCount: number;
  runs: { id: string; name: string; live: boolean; iterations: number[]; alpha: number[]; beta: number[]; loss: (number | null)[] }[];
  omitted: { id: string; name: string; reason: string }[];
}

/** The saved parameters an analysis is centred on: the final ones, the newest checkpoint, or a recorded trajectory snapshot (its iteration). */
export type AnalysisPoint = 'final' | 'checkpoint' | number;

export interface AnalysisCentre {
  kind: 'final' | 'checkpoint' | 'trajectory';
  /** The iteration of those parameters, where known. */
  iteration?: number;
  label: string;
}

export interface LandscapeReport {
  format: 'pde-workbench-landscape/1';
  centre: AnalysisCentre;
  parameterCount: number;
  directions: Record<string, unknown>;
  alpha: number[];
  beta: number[];
  /** Row-major, α fastest: losses[j·alpha.length + i] = loss(θ + alpha[i]·d₁ + beta[j]·d₂); null where not finite. */
  losses: (number | null)[];
  lossAtCentre: number;
  /** The trajectory in the plane (PCA only): coordinates and the loss at each snapshot itself. */
  trajectory?: { iterations: number[]; alpha: number[]; beta: number[]; loss: number[] };
  seconds: number;
}

export interface RoughnessHistory {
  iterations: number[];
  roughnessIndex: number[];
  variance: number[];
}

export interface RoughnessReport {
  format: 'pde-workbench-roughness/1';
  centre: AnalysisCentre;
  definition: string;
  directions: number;
  samples: number;
  radius: number;
  seed: number;
  biases: 'zero' | 'copy';
  /** At the centre. */
  roughnessIndex: number;
  variance: number;
  perDirection: number[];
  /** Along the recorded trajectory, where there is one. */
  history?: RoughnessHistory;
  seconds: number;
}

export type AnalysisRequest =
  | { kind: 'landscape'; directions: 'random' | 'pca'; grid: number; range?: number; seed?: number; at?: AnalysisPoint }
  | { kind: 'roughness'; directions?: number; samples?: number; radius?: number; points?: number; seed?: number; at?: AnalysisPoint };

export interface AnalysisState {
  status: 'idle' | 'running' | 'completed' | 'failed' | 'cancelled';
  kind?: AnalysisRequest['kind'];
  done: number;
  total: number;
  message?: string;
  landscape?: LandscapeReport;
  roughness?: RoughnessReport;
}
