/**
 * A synthetic WorkbenchService for developing the UI without compute (`?mock=1`). Runs advance
 * on a timer with made-up but plausible loss curves (Adam, then L-BFGS), a relL2 measured every
 * 100 iterations, and a field that drifts towards a known solution. It is served through Comlink
 * over an in-page socket pair using the real wire codec, so typed arrays take the serve-mode path.
 * Nothing here is used unless the page was opened with `?mock=1`.
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type {
  AxisInfo,
  ConfigIssue,
  ExampleEntry,
  ExportFormat,
  ExportResult,
  FieldSnapshot,
  FieldView,
  MetricsRow,
  RunSummary,
  RunUpdate,
  ValidationResult,
  WorkbenchService,
} from '../../../workers/protocol/service';
import { socketEndpoint, type SocketLike } from '../../../workers/protocol/socketEndpoint';
import { DEFAULT_CONFIG } from '../config/defaultConfig';
import { mockAnalysisCalls } from './mockAnalysis';

const TICK_SECONDS = 0.1;
const SNAPSHOT_EVERY = 100;
const RELL2_EVERY = 100;
const ACTIVATIONS = ['tanh', 'sin', 'sigmoid', 'softplus'];

type Json = Record<string, unknown>;

const POISSON: Json = DEFAULT_CONFIG;

function variant(patch: (config: Json) => void): Json {
  const config = structuredClone(POISSON);
  patch(config);
  return config;
}

const EXAMPLES: ExampleEntry[] = [
  {
    id: 'poisson2d-pinn',
    title: 'Poisson 2D (PINN)',
    description: 'Δu = −2π² sin(πx) sin(πy) on the unit square, u = 0 on the boundary; exact solution known.',
    config: POISSON,
  },
  {
    id: 'helmholtz2d-pinn',
    title: 'Helmholtz 2D (PINN)',
    description: 'Δu + k²u = f on [−1, 1]², exact u = sin(4πx) sin(πy); a harder, oscillatory target.',
    config: variant((c) => {
      c.name = 'helmholtz';
      c.problem = {
        kind: 'custom',
        domain: { type: 'box', min: [-1, -1], max: [1, 1] },
        equation: 'u_xx + u_yy + u = (1 - 17*pi^2)*sin(4*pi*x)*sin(pi*y)',
        boundary: [{ where: 'all', type: 'dirichlet', value: '0' }],
        exact: 'sin(4*pi*x)*sin(pi*y)',
      };
      c.network = { hidden: [64, 64, 64], activation: 'sin' };
    }),
  },
  {
    id: 'heat1d-pinn',
    title: 'Heat 1D in time (PINN)',
    description: 'u_t = 0.1 u_xx on [0, 1] × [0, 1], u(x, 0) = sin(πx); the field is shown over (x, t).',
    config: variant((c) => {
      c.name = 'heat1d';
      c.problem = {
        kind: 'custom',
        domain: { type: 'box', min: [0], max: [1], time: [0, 1] },
        equation: 'u_t = 0.1*u_xx',
        boundary: [{ where: 'all', type: 'dirichlet', value: '0' }],
        exact: 'exp(-0.1*pi^2*t)*sin(pi*x)',
      };
    }),
  },
  {
    id: 'poisson2d-diverging',
    title: 'Poisson 2D, learning rate too large (fails)',
    description: 'The same Poisson problem with Adam at lr = 0.9: the loss blows up and the run fails.',
    config: variant((c) => {
      c.name = 'poisson-lr0.9';
      (c.method as { optimizers: Json[] }).optimizers[0].lr = 0.9;
    }),
  },
];

// ---------------------------------------------------------------- validation

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isNonNegativeInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function mockValidate(config: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!isObject(config)) return [{ path: '', message: 'must be a JSON object' }];
  if (config.name !== undefined && typeof config.name !== 'string') add('name', 'must be a string');
  if (!isObject(config.problem) || typeof config.problem.kind !== 'string') {
    add('problem', "is required: an object with a 'kind'");
  }
  const network = config.network;
  if (network !== undefined) {
    if (!isObject(network)) add('network', 'must be an object');
    else {
      if (network.hidden !== undefined) {
        if (!Array.isArray(network.hidden) || network.hidden.length === 0) add('network.hidden', 'needs at least one hidden layer');
        else network.hidden.forEach((w, i) => isPositiveInt(w) || add(`network.hidden[${i}]`, 'must be a positive integer'));
      }
      if (network.activation !== undefined && !ACTIVATIONS.includes(network.activation as string)) {
        add('network.activation', `must be one of ${ACTIVATIONS.join(', ')}`);
      }
    }
  }
  const method = config.method;
  if (method !== undefined) {
    const optimizers = isObject(method) ? method.optimizers : undefined;
    if (!Array.isArray(optimizers) || optimizers.length === 0) add('method.optimizers', 'needs at least one optimizer');
    else
      optimizers.forEach((o, i) => {
        const at = `method.optimizers[${i}]`;
        if (!isObject(o) || (o.name !== 'adam' && o.name !== 'lbfgs')) return add(`${at}.name`, "optimizer name must be 'adam' or 'lbfgs'");
        if (o.lr !== undefined && !(typeof o.lr === 'number' && o.lr > 0)) add(`${at}.lr`, 'lr must be a positive number');
        if (o.iterations !== undefined && !isNonNegativeInt(o.iterations)) add(`${at}.iterations`, 'iterations must be a non-negative integer');
      });
  }
  const sampling = config.sampling;
  if (isObject(sampling)) {
    if (sampling.interior !== undefined && !isPositiveInt(sampling.interior)) add('sampling.interior', 'interior must be a positive integer');
    if (sampling.boundary !== undefined && !isNonNegativeInt(sampling.boundary)) add('sampling.boundary', 'boundary must be a non-negative integer');
  }
  if (config.seed !== undefined && !isNonNegativeInt(config.seed)) add('seed', 'seed must be a non-negative integer');
  return issues;
}

// ---------------------------------------------------------------- runs

interface Stage {
  name: 'adam' | 'lbfgs';
  iterations: number;
  lr: number;
}

interface MockRun {
  summary: RunSummary;
  rows: MetricsRow[];
  snapshot?: FieldSnapshot;
  snapshotVersion: number;
  stages: Stage[];
  stage: number;
  stageIteration: number;
  stageStartLoss: number;
  loss: number;
  relL2?: number;
  random: () => number;
  axes: [AxisInfo, AxisInfo];
  exact: (x: number, y: number) => number;
  failAt?: number;
  lbfgsStopAt?: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stagesOf(config: Json): Stage[] {
  const method = isObject(config.method) ? config.method : {};
  const list = Array.isArray(method.optimizers)
    ? (method.optimizers as Json[])
    : [
        { name: 'adam', iterations: 2000 },
        { name: 'lbfgs', iterations: 500 },
      ];
  return list
    .map((o) => ({
      name: o.name === 'lbfgs' ? ('lbfgs' as const) : ('adam' as const),
      iterations: typeof o.iterations === 'number' ? o.iterations : o.name === 'lbfgs' ? 500 : 2000,
      lr: typeof o.lr === 'number' ? o.lr : o.name === 'lbfgs' ? 1 : 1e-3,
    }))
    .filter((s) => s.iterations > 0);
}

function fieldOf(config: Json): { axes: [AxisInfo, AxisInfo]; exact: (x: number, y: number) => number } {
  const problem = isObject(config.problem) ? config.problem : {};
  const domain = isObject(problem.domain) ? problem.domain : {};
  const min = Array.isArray(domain.min) ? (domain.min as number[]) : [0, 0];
  const max = Array.isArray(domain.max) ? (domain.max as number[]) : [1, 1];
  const time = Array.isArray(domain.time) ? (domain.time as number[]) : undefined;
  const n = 64;
  const text = JSON.stringify(problem);
  if (time && min.length === 1) {
    return {
      axes: [
        { name: 'x', min: min[0], max: max[0], n },
        { name: 't', min: time[0], max: time[1], n },
      ],
      exact: (x, t) => Math.exp(-0.1 * Math.PI ** 2 * t) * Math.sin(Math.PI * x),
    };
  }
  const k = /4\*pi\*x/.test(text) ? 4 : 1;
  return {
    axes: [
      { name: 'x', min: min[0] ?? 0, max: max[0] ?? 1, n },
      { name: 'y', min: min[1] ?? 0, max: max[1] ?? 1, n },
    ],
    exact: (x, y) => Math.sin(k * Math.PI * x) * Math.sin(Math.PI * y),
  };
}

let nextRunNumber = 1;

function createRun(config: Json): MockRun {
  const stages = stagesOf(config);
  const { axes, exact } = fieldOf(config);
  const seed = typeof config.seed === 'number' ? config.seed : 1;
  const adamLr = stages.find((s) => s.name === 'adam')?.lr ?? 1e-3;
  const lbfgs = stages.find((s) => s.name === 'lbfgs');
  const id = `mock-${String(nextRunNumber++).padStart(3, '0')}`;
  return {
    summary: {
      id,
      name: typeof config.name === 'string' && config.name ? config.name : 'run',
      status: 'starting',
      problem: isObject(config.problem) ? String(config.problem.kind) : '?',
      method: 'pinn',
      backend: 'mock',
      iteration: 0,
      totalIterations: stages.reduce((sum, s) => sum + s.iterations, 0),
      seconds: 0,
      folder: `mock-runs/${id}`,
    },
    rows: [],
    snapshotVersion: 0,
    stages,
    stage: 0,
    stageIteration: 0,
    stageStartLoss: 1,
    loss: 1,
    random: mulberry32(seed * 7919 + nextRunNumber),
    axes,
    exact,
    failAt: adamLr > 0.5 ? 420 + Math.floor(seed * 37) % 200 : undefined,
    lbfgsStopAt: lbfgs ? Math.max(1, Math.round(lbfgs.iterations * 0.62)) : undefined,
  };
}

function lossAt(run: MockRun, stage: Stage, k: number): number {
  const noise = 1 + 0.35 * (run.random() - 0.5);
  if (stage.name === 'adam') {
    const rate = Math.min(stage.lr / 1e-3, 5);
    return 0.9 * Math.pow(1 + (k * rate) / 120, -1.45) * noise + 2e-6;
  }
  const drop = 2.6 * (1 - Math.exp(-k / 120));
  return run.stageStartLoss * Math.pow(10, -drop) * (1 + 0.04 * (run.random() - 0.5));
}

function takeSnapshot(run: MockRun): void {
  const [ax, ay] = run.axes;
  const prediction = new Float32Array(ax.n * ay.n);
  const exactValues = new Float32Array(ax.n * ay.n);
  const it = run.summary.iteration;
  const grow = 1 - Math.exp(-it / 250);
  const amp = 2.2 * (run.relL2 ?? 0.5);
  const phase = it / 180;
  for (let j = 0; j < ay.n; j++) {
    const y = ay.min + ((ay.max - ay.min) * j) / (ay.n - 1);
    for (let i = 0; i < ax.n; i++) {
      const x = ax.min + ((ax.max - ax.min) * i) / (ax.n - 1);
      const u = run.exact(x, y);
      const sx = (x - ax.min) / (ax.max - ax.min);
      const sy = (y - ay.min) / (ay.max - ay.min);
      const wobble = Math.sin(2 * Math.PI * sx + phase) * Math.sin(Math.PI * sy) * Math.cos(3 * Math.PI * sy - phase / 2);
      exactValues[j * ax.n + i] = u;
      prediction[j * ax.n + i] = grow * u + amp * wobble;
    }
  }
  run.snapshot = { iteration: it, unknown: 'u', axes: run.axes, fixed: {}, prediction, exact: exactValues };
  run.snapshotVersion += 1;
}

function finish(run: MockRun, status: RunSummary['status'], message?: string): void {
  run.summary = { ...run.summary, status, message };
  takeSnapshot(run);
}

function advance(run: MockRun, iterationsBudget: number): void {
  let budget = iterationsBudget;
  while (budget > 0 && run.summary.status === 'running') {
    const stage = run.stages[run.stage];
    if (!stage) return finish(run, 'completed');
    run.stageIteration += 1;
    run.summary.iteration += 1;
    budget -= stage.name === 'adam' ? 1 : 4;
    const it = run.summary.iteration;
    run.loss = lossAt(run, stage, run.stageIteration);
    if (run.failAt !== undefined && it >= run.failAt) {
      run.loss = Number.NaN;
      return finish(run, 'failed', `Loss became NaN at iteration ${it} (adam, lr ${stage.lr}): lower the learning rate.`);
    }
    const measured = it % RELL2_EVERY === 0;
    if (measured) run.relL2 = Math.min(1.2, 0.55 * Math.sqrt(run.loss) * (1 + 0.1 * (run.random() - 0.5)));
    if (it % (stage.name === 'adam' ? 10 : 2) === 0 || measured) {
      const share = 0.7 + 0.2 * run.random();
      run.rows.push({
        iteration: it,
        seconds: run.summary.seconds,
        optimizer: stage.name,
        loss: run.loss,
        terms: { pde: run.loss * share, 'bc:all': run.loss * (1 - share) },
        relL2: measured ? run.relL2 : undefined,
      });
    }
    if (it % SNAPSHOT_EVERY === 0) takeSnapshot(run);
    const stoppedEarly = stage.name === 'lbfgs' && run.stageIteration >= (run.lbfgsStopAt ?? Infinity);
    if (run.stageIteration >= stage.iterations || stoppedEarly) {
      if (stoppedEarly) {
        run.summary.message = `L-BFGS stopped after ${run.stageIteration} of ${stage.iterations} iterations: loss change below changeTolerance (1e-12).`;
      }
      run.stage += 1;
      run.stageIteration = 0;
      run.stageStartLoss = run.loss;
      if (run.stage >= run.stages.length) return finish(run, 'completed', run.summary.message);
    }
  }
  run.summary = { ...run.summary, relL2: run.relL2 };
}

function tick(run: MockRun, dt: number): void {
  if (run.summary.status === 'starting') {
    run.summary = { ...run.summary, status: 'running' };
    return;
  }
  if (run.summary.status !== 'running') return;
  run.summary = { ...run.summary, seconds: run.summary.seconds + dt };
  advance(run, Math.round(300 * dt));
  run.summary = { ...run.summary, relL2: run.relL2 };
}

// ---------------------------------------------------------------- export

function metricsCsv(run: MockRun): string {
  const terms = [...new Set(run.rows.flatMap((r) => Object.keys(r.terms)))];
  const head = ['iteration', 'seconds', 'optimizer', 'loss', ...terms, 'relL2'].join(',');
  const lines = run.rows.map((r) =>
    [r.iteration, r.seconds.toFixed(3), r.optimizer, r.loss, ...terms.map((t) => r.terms[t] ?? ''), r.relL2 ?? ''].join(','),
  );
  return [head, ...lines].join('\n') + '\n';
}

function exportBytes(run: MockRun, format: ExportFormat, view: FieldView): ExportResult {
  const fileName = `${run.summary.name}-${format.replace('.', view === 'prediction' ? '.' : `-${view}.`)}`;
  if (format === 'metrics.csv') {
    return { fileName, mime: 'text/csv', bytes: new TextEncoder().encode(metricsCsv(run)), path: `${run.summary.folder}/${fileName}` };
  }
  const text = `mock export: ${format} of ${run.summary.id} (${view}), iteration ${run.summary.iteration}\n`;
  return { fileName, mime: 'application/octet-stream', bytes: new TextEncoder().encode(text), path: `${run.summary.folder}/${fileName}` };
}

// ---------------------------------------------------------------- service

export function createMockWorkbench(): WorkbenchService {
  const runs = new Map<string, MockRun>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const earlier = createRun(variant((c) => (c.name = 'poisson-sin (earlier)')));
  earlier.summary.status = 'running';
  while (earlier.summary.status === 'running') tick(earlier, TICK_SECONDS);
  runs.set(earlier.summary.id, earlier);

  const live = () => [...runs.values()].filter((r) => r.summary.status === 'running' || r.summary.status === 'starting');
  const ensureTimer = () => {
    if (timer !== undefined) return;
    timer = setInterval(() => {
      const active = live();
      for (const run of active) tick(run, TICK_SECONDS);
      if (active.length === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    }, TICK_SECONDS * 1000);
  };
  const find = (id: string): MockRun => {
    const run = runs.get(id);
    if (!run) throw new Error(`no run with id '${id}'`);
    return run;
  };

  return {
    async info() {
      return { version: '0.1.0-mock', backend: 'mock (synthetic data)', shell: 'browser', runsRoot: 'mock-runs' };
    },
    async examples() {
      return structuredClone(EXAMPLES);
    },
    async validate(config): Promise<ValidationResult> {
      const issues = mockValidate(config);
      return issues.length === 0 ? { ok: true, config } : { ok: false, issues };
    },
    async startRun(config) {
      const issues = mockValidate(config);
      if (issues.length > 0) throw new Error(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      const run = createRun(config as Json);
      runs.set(run.summary.id, run);
      ensureTimer();
      return { ...run.summary };
    },
    async resumeRun(id) {
      const run = find(id);
      if (run.summary.status === 'cancelled' || run.summary.status === 'interrupted') run.summary = { ...run.summary, status: 'running', message: `Resumed from iteration ${run.summary.iteration}.` };
      ensureTimer();
      return { ...run.summary };
    },
    async pause(id) {
      const run = find(id);
      if (run.summary.status === 'running' || run.summary.status === 'starting') run.summary = { ...run.summary, status: 'paused' };
    },
    async resume(id) {
      const run = find(id);
      if (run.summary.status === 'paused') run.summary = { ...run.summary, status: 'running' };
      ensureTimer();
    },
    async cancel(id) {
      const run = find(id);
      if (['running', 'starting', 'paused'].includes(run.summary.status)) {
        run.summary = { ...run.summary, status: 'cancelled', message: `Cancelled by the user at iteration ${run.summary.iteration}.` };
      }
    },
    async runs() {
      return [...runs.values()].map((r) => ({ ...r.summary }));
    },
    async poll(id, cursor, snapshotVersion): Promise<RunUpdate> {
      const run = find(id);
      const rows = run.rows.slice(cursor, cursor + 5000);
      return {
        summary: { ...run.summary },
        rows,
        cursor: cursor + rows.length,
        snapshot: run.snapshot && run.snapshotVersion > snapshotVersion ? run.snapshot : undefined,
        snapshotVersion: run.snapshotVersion,
      };
    },
    async exportRun(id, format, view = 'prediction') {
      return exportBytes(find(id), format, view);
    },
    // The mock runs are PINNs: no time frames.
    async timeFrames() {
      return [];
    },
    ...mockAnalysisCalls((id) => find(id).summary.iteration),
  };
}

/** Two in-page sockets wired to each other, delivering asynchronously like a real connection. */
function socketPair(): [SocketLike, SocketLike] {
  type Listener = (event: { data: unknown }) => void;
  const listeners: [Set<Listener>, Set<Listener>] = [new Set(), new Set()];
  const end = (mine: Set<Listener>, theirs: Set<Listener>): SocketLike => ({
    send: (data) => setTimeout(() => theirs.forEach((listener) => listener({ data })), 2),
    addEventListener: (_type, listener) => mine.add(listener),
    removeEventListener: (_type, listener) => mine.delete(listener),
  });
  return [end(listeners[0], listeners[1]), end(listeners[1], listeners[0])];
}

export function connectMockWorkbench(): Remote<WorkbenchService> {
  const [client, server] = socketPair();
  Comlink.expose(createMockWorkbench(), socketEndpoint(server));
  return Comlink.wrap<WorkbenchService>(socketEndpoint(client));
}
