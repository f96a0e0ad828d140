/** A small in-memory Workbench for the shell tests: no workers, deterministic answers. */
import type { RunSummary, RunUpdate, WorkbenchService } from '../../../workers/protocol/service';

export const INVALID_CONFIG_MESSAGE = 'network.hidden[1]: must be a positive integer';

/** The service the shells expose, plus the owner's dispose (which must stay out of the renderer's reach). */
export interface FakeWorkbench extends WorkbenchService {
  dispose(): Promise<void>;
  disposed: number;
}

function summary(id: string): RunSummary {
  return {
    id,
    name: 'fake run',
    status: 'running',
    problem: 'poisson2d',
    method: 'pinn',
    backend: 'fake',
    iteration: 3,
    totalIterations: 10,
    seconds: 0.5,
  };
}

export function fakeWorkbench(): FakeWorkbench {
  const fake: FakeWorkbench = {
    disposed: 0,
    async info() {
      return { version: '0.0.0-test', backend: 'fake', shell: 'browser', runsRoot: '/tmp/runs' };
    },
    async examples() {
      return [{ id: 'poisson2d-pinn', title: 'Poisson 2D', description: 'fake', config: { problem: 'poisson2d' } }];
    },
    async validate(config) {
      return { ok: true, config };
    },
    async startRun(config) {
      if ((config as { bad?: boolean }).bad) throw new Error(INVALID_CONFIG_MESSAGE);
      return summary('run-1');
    },
    async resumeRun(id) {
      return summary(id);
    },
    async pause() {},
    async resume() {},
    async cancel() {},
    async runs() {
      return [summary('run-1')];
    },
    async poll(id, cursor): Promise<RunUpdate> {
      return {
        summary: summary(id),
        rows: [{ iteration: cursor + 1, seconds: 0.1, optimizer: 'adam', loss: 0.25, terms: { pde: 0.2, 'bc:all': 0.05 } }],
        cursor: cursor + 1,
        snapshotVersion: 1,
        snapshot: {
          iteration: 3,
          unknown: 'u',
          axes: [
            { name: 'x', min: 0, max: 1, n: 2 },
            { name: 'y', min: 0, max: 1, n: 2 },
          ],
          fixed: {},
          prediction: new Float32Array([0.5, -1.25, 3e-8, Math.fround(Math.PI)]),
        },
      };
    },
    async exportRun() {
      return { fileName: 'metrics.csv', mime: 'text/csv', bytes: new Uint8Array([105, 116, 10]) };
    },
    async trajectories() {
      return { explained: [], parameterCount: 0, runs: [], omitted: [] };
    },
    async timeFrames() {
      return [];
    },
    async trajectory() {
      return undefined;
    },
    async startAnalysis() {},
    async analysisState() {
      return { status: 'idle' as const, done: 0, total: 0 };
    },
    async cancelAnalysis() {},
    async dispose() {
      fake.disposed += 1;
    },
  };
  return fake;
}
