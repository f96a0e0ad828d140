import { describe, expect, it } from 'vitest';
import { RunStore } from '../../../renderer/src/state/runStore';
import { socketUrl } from '../../../renderer/src/transport/connect';
import { createMockWorkbench } from '../../../renderer/src/transport/mockWorkbench';
import type { RunSummary, RunUpdate } from '../../../workers/protocol/service';

const summary = (over: Partial<RunSummary> = {}): RunSummary => ({
  id: 'r1',
  name: 'run',
  status: 'running',
  problem: 'p',
  method: 'pinn',
  backend: 'cpu',
  iteration: 10,
  totalIterations: 100,
  seconds: 1,
  ...over,
});

const update = (cursor: number, count: number, over: Partial<RunUpdate> = {}): RunUpdate => ({
  summary: summary({ iteration: cursor + count }),
  rows: Array.from({ length: count }, (_, k) => ({ iteration: cursor + k + 1, seconds: 0, optimizer: 'adam', loss: 1, terms: {} })),
  cursor: cursor + count,
  snapshotVersion: 0,
  ...over,
});

describe('RunStore', () => {
  it('appends rows per run and keeps them when another run is selected', () => {
    const store = new RunStore();
    store.select('r1');
    store.applyUpdate('r1', update(0, 3), 0);
    store.applyUpdate('r1', update(3, 2), 3);
    store.select('r2');
    store.select('r1');
    expect(store.history('r1').rows.map((r) => r.iteration)).toEqual([1, 2, 3, 4, 5]);
    expect(store.history('r1').cursor).toBe(5);
  });

  it('drops an answer to a poll whose cursor is stale', () => {
    const store = new RunStore();
    store.applyUpdate('r1', update(0, 3), 0);
    store.applyUpdate('r1', update(0, 3), 0);
    expect(store.history('r1').rows).toHaveLength(3);
  });

  it('stops polling a finished run once it has sent its last rows', () => {
    const store = new RunStore();
    store.applyUpdate('r1', update(0, 2, { summary: summary({ status: 'completed' }) }), 0);
    expect(store.history('r1').drained).toBe(false);
    store.applyUpdate('r1', update(2, 0, { summary: summary({ status: 'completed' }) }), 2);
    expect(store.history('r1').drained).toBe(true);
  });

  it('notifies subscribers on change', () => {
    const store = new RunStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.setRuns([summary()]);
    store.select('r1');
    expect(calls).toBe(2);
    expect(store.selectedSummary()?.id).toBe('r1');
  });
});

describe('socketUrl', () => {
  it('carries the page token to /ws on the same host', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:5780', search: '?token=ab%2Fc&x=1' })).toBe('ws://127.0.0.1:5780/ws?token=ab%2Fc');
    expect(socketUrl({ protocol: 'https:', host: 'h:1', search: '' })).toBe('wss://h:1/ws');
  });
});

describe('mock workbench', () => {
  it('validates with path: message issues and refuses to start an invalid config', async () => {
    const mock = createMockWorkbench();
    const [example] = await mock.examples();
    const config = structuredClone(example.config) as { network: { hidden: unknown[] } };
    config.network.hidden = [32, 0, 32];
    expect(await mock.validate(config)).toEqual({ ok: false, issues: [{ path: 'network.hidden[1]', message: 'must be a positive integer' }] });
    await expect(mock.startRun(config)).rejects.toThrow('network.hidden[1]: must be a positive integer');
  });

  it('lists a finished earlier run whose history and field can be polled', async () => {
    const mock = createMockWorkbench();
    const [earlier] = await mock.runs();
    const polled = await mock.poll(earlier.id, 0, 0);
    expect(earlier.status).toBe('completed');
    expect(polled.rows.length).toBeGreaterThan(100);
    expect(polled.snapshot?.prediction).toBeInstanceOf(Float32Array);
  });
});
