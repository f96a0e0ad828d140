import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Comlink from 'comlink';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../main/runs/runRecord';
import { resolveConfig } from '../../workers/config/validate';
import type { RunSummary, WorkbenchService } from '../../workers/protocol/service';
import { socketEndpoint } from '../../workers/protocol/socketEndpoint';
import { Runner } from '../../workers/run/runner';
import { startServe, type ServeProcess } from '../e2e/serveProcess';
import { expectEveryFileWhole, until } from './runFolderFiles';

// A CPINN run (a method other than the PINN of killResume.test.ts), small but a few seconds long.
const input = {
  name: 'serve-kill',
  problem: { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)' },
  method: { name: 'cpinn', discriminator: { hidden: [6] }, optimizer: { name: 'acgd', lr: 0.01, iterations: 200, warmStart: true } },
  network: { hidden: [6, 6] },
  sampling: { interior: 16, boundary: 2 },
  evaluation: { grid: 32, every: 50, snapshot: 8 },
  checkpoint: { every: 10 },
  precision: 'float64',
};

/** The workbench of a serve process, over its WebSocket as a page of it would reach it. */
async function connect(serve: ServeProcess): Promise<{ remote: Comlink.Remote<WorkbenchService>; close: () => void }> {
  const page = new URL(serve.url);
  const ws = new WebSocket(`ws://${page.host}/ws?token=${page.searchParams.get('token')}`, { origin: page.origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { remote: Comlink.wrap<WorkbenchService>(socketEndpoint(ws as never)), close: () => ws.close() };
}

const started: ServeProcess[] = [];
async function serve(runsRoot: string, staticDir: string): Promise<ServeProcess> {
  process.env.PDE_WORKBENCH_RENDERER_DIR = staticDir;
  const child = await startServe(['--port', '0', '--runs', runsRoot], 60_000);
  started.push(child);
  return child;
}

describe('SIGKILL of the serve process (the browser-mode app) mid-run', () => {
  afterAll(async () => {
    delete process.env.PDE_WORKBENCH_RENDERER_DIR;
    await Promise.all(started.map((child) => child.stop()));
  }, 30_000);

  it('leaves only whole files; a new serve on the same runs root lists the run as interrupted and resumes it to the uninterrupted metrics', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'serve-kill-'));
    const runsRoot = path.join(dir, 'runs');
    const staticDir = path.join(dir, 'static');
    await fs.mkdir(staticDir, { recursive: true });
    await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>workbench</title>');

    const first = await serve(runsRoot, staticDir);
    const one = await connect(first);
    const run = await one.remote.startRun(input);
    const folder = run.folder!;
    expect(path.dirname(folder)).toBe(runsRoot);
    await until('a checkpoint past iteration 20', async () => {
      const manifest = JSON.parse(await fs.readFile(path.join(folder, 'manifest.json'), 'utf8'));
      return manifest.checkpoint >= 20 ? manifest : undefined;
    });
    process.kill(-first.pid, 'SIGKILL');
    await until('the killed serve to be gone', async () => {
      try {
        process.kill(first.pid, 0);
        return undefined;
      } catch {
        return true;
      }
    });
    one.close();

    const names = await expectEveryFileWhole(folder);
    expect(names).toContain('checkpoint.json');
    const killed = await readManifest(folder);
    expect(killed.status).toBe('interrupted');
    expect(killed.iterations).toBeLessThan(200);

    const second = await serve(runsRoot, staticDir);
    const two = await connect(second);
    const listed = (await two.remote.runs()).find((r) => r.folder === folder);
    expect(listed).toMatchObject({ status: 'interrupted', message: `interrupted; resumable from iteration ${killed.checkpoint}` });
    await two.remote.resumeRun(listed!.id);
    const done = await until('the resumed run to finish', async () => {
      const summary = (await two.remote.runs()).find((r: RunSummary) => r.folder === folder);
      return summary && ['completed', 'failed', 'cancelled'].includes(summary.status) ? summary : undefined;
    });
    expect(done.status, done.message).toBe('completed');
    // The summary turns completed as the final files are being written: the manifest is the last.
    const final = await until('the final manifest', async () => {
      const manifest = await readManifest(folder);
      return manifest.status === 'completed' ? manifest : undefined;
    });
    two.close();
    await expectEveryFileWhole(folder);

    // The same config trained without interruption, in this process.
    const reference = await new Runner().run(resolveConfig(input), { rows: () => undefined, snapshot: () => undefined, status: () => undefined });
    expect(final.iterations).toBe(200);
    expect(final.metrics).toEqual(reference.metrics);
  }, 120_000);
});
