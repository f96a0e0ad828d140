/**
 * The mock workbench's analysis calls (`?mock=1`): a spiral trajectory that grows with the run's
 * iteration, and landscape / roughness jobs that advance on a timer and end with synthetic
 * results (a tilted bowl with ripples). Made-up numbers for developing the views, nothing more.
 */
import type { AnalysisRequest, AnalysisState, JointTrajectories, LandscapeReport, RoughnessReport, TrajectoryProjection } from '../../../workers/protocol/service';

const JOB_MS = 1500;

export function mockTrajectory(iteration: number): TrajectoryProjection | undefined {
  const count = Math.min(200, Math.floor(iteration / 10) + 1);
  if (count < 2) return undefined;
  const iterations = Array.from({ length: count }, (_, k) => Math.round((k * iteration) / (count - 1)));
  const s = iterations.map((it) => 1 - it / Math.max(1, iteration));
  return { iterations, alpha: s.map((v) => 2 * v * Math.cos(5 * v)), beta: s.map((v) => v * Math.sin(5 * v)), explained: [0.81, 0.12], parameterCount: 1153 };
}

const bowl = (a: number, b: number) => 0.02 + 0.6 * a * a + 0.3 * b * b + 0.04 * Math.sin(6 * a) * Math.cos(5 * b) ** 2;

function mockLandscape(request: Extract<AnalysisRequest, { kind: 'landscape' }>, iteration: number): LandscapeReport {
  const range = request.range ?? 2.4;
  const axis = Array.from({ length: request.grid }, (_, i) => -range + (2 * range * i) / (request.grid - 1));
  const path = request.directions === 'pca' ? mockTrajectory(iteration) : undefined;
  return {
    format: 'pde-workbench-landscape/1',
    centre: { kind: 'final', label: 'the final parameters (mock)' },
    parameterCount: 1153,
    directions: { kind: request.directions === 'pca' ? 'pca' : 'filter-normalised random', mock: true },
    alpha: axis,
    beta: axis,
    losses: axis.flatMap((b) => axis.map((a) => bowl(a, b))),
    lossAtCentre: bowl(0, 0),
    trajectory: path && { ...path, loss: path.alpha.map((a, k) => bowl(a, path.beta[k])) },
    seconds: JOB_MS / 1000,
  };
}

function mockRoughness(iteration: number): RoughnessReport {
  const iterations = Array.from({ length: 12 }, (_, k) => Math.round((k * iteration) / 11));
  const index = iterations.map((it) => 0.2 + 1.5 * (it / Math.max(1, iteration)) * Math.exp(-3 * (it / Math.max(1, iteration))));
  return {
    format: 'pde-workbench-roughness/1',
    centre: { kind: 'final', label: 'the final parameters (mock)' },
    definition: 'mock',
    directions: 16,
    samples: 41,
    radius: 1,
    seed: 1,
    biases: 'zero',
    roughnessIndex: index[index.length - 1],
    variance: 0.01,
    perDirection: [],
    history: { iterations, roughnessIndex: index, variance: index.map(() => 0.01) },
    seconds: JOB_MS / 1000,
  };
}

/** Each run's spiral turned by its place in the list, all on one plane. */
function mockJoint(ids: string[], iterationOf: (id: string) => number): JointTrajectories {
  const runs = ids.flatMap((id, k) => {
    const path = mockTrajectory(iterationOf(id));
    if (!path) return [];
    const [c, s] = [Math.cos(k), Math.sin(k)];
    const alpha = path.alpha.map((a, i) => c * a - s * path.beta[i]);
    const beta = path.alpha.map((a, i) => s * a + c * path.beta[i]);
    return [{ id, name: `run ${k + 1}`, live: false, iterations: path.iterations, alpha, beta, loss: alpha.map((a, i) => bowl(a, beta[i])) }];
  });
  return { explained: [0.7, 0.2], parameterCount: 1153, runs, omitted: [] };
}

/** The analysis calls for a mock workbench whose run iterations `iterationOf` gives. */
export function mockAnalysisCalls(iterationOf: (id: string) => number) {
  const jobs = new Map<string, { state: AnalysisState; timer?: ReturnType<typeof setInterval> }>();
  const job = (id: string) => jobs.get(id) ?? { state: { status: 'idle', done: 0, total: 0 } as AnalysisState };
  return {
    async trajectory(id: string) {
      return mockTrajectory(iterationOf(id));
    },
    async trajectories(ids: string[]) {
      return mockJoint(ids, iterationOf);
    },
    async startAnalysis(id: string, request: AnalysisRequest) {
      if (job(id).state.status === 'running') throw new Error(`a ${job(id).state.kind} analysis of this run is running; cancel it first`);
      const total = request.kind === 'landscape' ? request.grid * request.grid : 16 * 41 * 13;
      const entry = { state: { status: 'running', kind: request.kind, done: 0, total } as AnalysisState, timer: undefined as ReturnType<typeof setInterval> | undefined };
      const started = Date.now();
      entry.timer = setInterval(() => {
        const fraction = Math.min(1, (Date.now() - started) / JOB_MS);
        entry.state.done = Math.round(fraction * total);
        if (fraction < 1) return;
        clearInterval(entry.timer);
        const iteration = iterationOf(id);
        if (request.kind === 'landscape') entry.state.landscape = mockLandscape(request, iteration);
        else entry.state.roughness = mockRoughness(iteration);
        entry.state.status = 'completed';
        entry.state.message = `${request.kind} (mock data)`;
      }, 100);
      jobs.set(id, entry);
    },
    async analysisState(id: string) {
      return { ...job(id).state };
    },
    async cancelAnalysis(id: string) {
      const entry = jobs.get(id);
      if (entry?.state.status !== 'running') return;
      clearInterval(entry.timer);
      entry.state.status = 'cancelled';
      entry.state.message = `cancelled after ${entry.state.done} of ${entry.state.total} loss evaluations`;
    },
  };
}
