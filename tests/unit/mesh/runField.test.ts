import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRunInputs } from '../../../main/runs/runField';
import { resolveConfig } from '../../../workers/config/validate';
import { fieldToVtu } from '../../../workers/export/vtu';
import { readVtu, vtuGrid } from '../../../workers/export/vtuReader';
import { readPvd, writePvd } from '../../../workers/export/pvd';
import { gridField } from '../../../workers/mesh/gridField';
import type { FieldSnapshot } from '../../../workers/protocol/service';

const n = 17;
const axes: FieldSnapshot['axes'] = [
  { name: 'x', min: 0, max: 2, n },
  { name: 'y', min: -1, max: 1, n },
];
const u = (x: number, y: number) => 3 * x - 2 * y + 0.5 * x * y;
function snapshot(t?: number, shift = 0): FieldSnapshot {
  const values = new Float32Array(n * n);
  const fields = { u: new Float32Array(n * n), v: new Float32Array(n * n) };
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const [x, y] = [(2 * i) / (n - 1), -1 + (2 * j) / (n - 1)];
      values[j * n + i] = u(x, y) + shift;
      fields.u[j * n + i] = 3;
      fields.v[j * n + i] = 4;
    }
  }
  return { iteration: 1, unknown: 'u', axes, fixed: t === undefined ? {} : { t }, prediction: values, fields };
}

describe('a saved field read back', () => {
  it('VTU: the grid and the arrays come back', () => {
    const arrays = readVtu(new TextDecoder().decode(fieldToVtu(snapshot())));
    expect(vtuGrid(arrays.points)).toEqual([
      { min: 0, max: 2, n },
      { min: -1, max: 1, n },
    ]);
    expect(arrays.pointData.get('prediction')![n + 3]).toBeCloseTo(u(6 / 16, -1 + 2 / 16), 5);
    expect([...arrays.pointData.keys()]).toContain('field_u');
  });

  it('grid field: bilinear values and exact derivatives for a bilinear field', () => {
    const values = Float64Array.from({ length: n * n }, (_, k) => u((2 * (k % n)) / (n - 1), -1 + (2 * Math.floor(k / n)) / (n - 1)));
    const field = gridField({ axes: [axes[0], axes[1]], values });
    expect(field.value([0.73, 0.21])).toBeCloseTo(u(0.73, 0.21), 12);
    const [gx, gy] = field.gradient([0.73, 0.21]);
    expect(gx).toBeCloseTo(3 + 0.5 * 0.21, 12);
    expect(gy).toBeCloseTo(-2 + 0.5 * 0.73, 12);
    expect(field.hessian([0.73, 0.21])[1]).toBeCloseTo(0.5, 10);
  });

  it('PVD: entries round-trip', () => {
    const entries = [
      { t: 0, file: 'a.vtu' },
      { t: 0.25, file: 'b&c.vtu' },
    ];
    expect(readPvd(writePvd(entries))).toEqual(entries);
  });
});

describe('method.field: { run }', () => {
  let root: string;
  const config = (field: object, box = { min: [0, -1], max: [2, 1] }) =>
    resolveConfig({ name: 'follow', problem: { kind: 'custom', domain: { type: 'box', ...box }, equation: 'u = 0' }, method: { name: 'mesh-mover', field } });

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'runfield-'));
    const run = path.join(root, 'heat-run');
    await fs.mkdir(run);
    await fs.writeFile(path.join(run, 'manifest.json'), JSON.stringify({ config: { problem: { domain: { type: 'box', min: [0, -1], max: [2, 1] } } } }));
    await fs.writeFile(path.join(run, 'field.vtu'), fieldToVtu(snapshot()));
    for (const [k, t] of [0, 0.5].entries()) await fs.writeFile(path.join(run, `field-t000${k}.vtu`), fieldToVtu(snapshot(t, k)));
    await fs.writeFile(path.join(run, 'field-series.pvd'), writePvd([0, 0.5].map((t, k) => ({ t, file: `field-t000${k}.vtu` }))));
    await fs.mkdir(path.join(root, 'empty'));
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('reads the final field, an unknown, the speed and a series', async () => {
    const final = (await loadRunInputs(config({ run: 'heat-run' }), root)).meshField!;
    expect(final.frames).toHaveLength(1);
    expect(final.frames[0].values[5]).toBeCloseTo(u(10 / 16, -1), 5);
    const speed = (await loadRunInputs(config({ run: 'heat-run', unknown: 'speed' }), root)).meshField!;
    expect(speed.frames[0].values[0]).toBe(5);
    const series = (await loadRunInputs(config({ run: 'heat-run', series: true }), root)).meshField!;
    expect(series.frames.map((f) => f.t)).toEqual([0, 0.5]);
    expect(series.frames[1].values[0] - series.frames[0].values[0]).toBeCloseTo(1, 5);
  });

  it('names the problem: a missing folder, a path, no field, no series, an unknown it lacks, another box', async () => {
    await expect(loadRunInputs(config({ run: 'nope' }), root)).rejects.toThrow("method.field.run: no run folder 'nope' in the runs folder");
    await expect(loadRunInputs(config({ run: '../etc' }), root)).rejects.toThrow("method.field.run: '../etc' is not a run folder name");
    await expect(loadRunInputs(config({ run: 'empty' }), root)).rejects.toThrow("method.field.run: run folder 'empty' has no manifest.json");
    await fs.writeFile(path.join(root, 'empty', 'manifest.json'), '{}');
    await expect(loadRunInputs(config({ run: 'empty' }), root)).rejects.toThrow("method.field.run: run 'empty' has no saved field (field.vtu)");
    await expect(loadRunInputs(config({ run: 'empty', series: true }), root)).rejects.toThrow("run 'empty' has no saved time series (field-series.pvd)");
    await expect(loadRunInputs(config({ run: 'heat-run', unknown: 'p' }), root)).rejects.toThrow("method.field.unknown: run 'heat-run' has no unknown 'p'; it has 'u', 'v' and 'speed'");
    await expect(loadRunInputs(config({ run: 'heat-run' }, { min: [0, 0], max: [1, 1] }), root)).rejects.toThrow("problem.domain: must be the box of run 'heat-run''s field, min [0, -1] and max [2, 1]");
    const withDisk = { min: [0, -1], max: [2, 1], holes: [{ center: [1, 0], radius: 0.2 }] };
    await expect(loadRunInputs(config({ run: 'heat-run' }, withDisk), root)).rejects.toThrow("problem.domain.holes: must be the disks of run 'heat-run''s domain: []");
  });

  it('a series needs the classical mover', () => {
    expect(() => resolveConfig({ name: 'x', problem: { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [1, 1] }, equation: 'u = 0' }, method: { name: 'mesh-mover', mover: 'neural', field: { run: 'r', series: true } } })).toThrow(
      "method.field.series: a time series is followed by the classical mover: set method.mover to 'classical'",
    );
  });
});

describe('a mesh following a series', () => {
  it('moves once per saved time, each time from the last mesh, and keeps one mesh per time', async () => {
    const { MeshMoverMethod } = await import('../../../workers/methods/meshMover');
    const { buildProblemModel } = await import('../../../workers/problems/problemModel');
    const { Rng } = await import('../../../workers/engine/rng');
    const run = resolveConfig({
      name: 'follow',
      problem: { kind: 'custom', domain: { type: 'box', min: [0, -1], max: [2, 1] }, equation: 'u = 0' },
      method: { name: 'mesh-mover', mesh: { cells: [8, 8] }, field: { run: 'r', series: true }, iterations: 5, errorGrid: 64 },
    });
    const front = (c: number) => Float64Array.from({ length: n * n }, (_, k) => Math.tanh(((2 * (k % n)) / (n - 1) - c) / 0.1));
    const frames = [0.5, 1.5].map((c, k) => ({ t: k, axes: [axes[0], axes[1]] as [typeof axes[0], typeof axes[1]], values: front(c) }));
    const method = new MeshMoverMethod(run as never, buildProblemModel(run.problem), new Rng(1), { run: 'r', quantity: 'prediction', frames, holes: [] });
    expect(method.totalIterations).toBe(10);
    while (!method.finished) method.step();
    const series = method.meshSeries()!;
    expect(series.map((m) => m.t)).toEqual([0, 1]);
    // The nodes crowd towards the front: mean x of the nodes nearest x = c moves with it.
    const meanX = (nodes: Float64Array) => nodes.filter((_, i) => i % 2 === 0).reduce((s, x) => s + x, 0) / (nodes.length / 2);
    expect(meanX(series[0].nodes)).toBeLessThan(1);
    expect(meanX(series[1].nodes)).toBeGreaterThan(1);
    const metrics = method.finalMetrics();
    expect(metrics.seriesFrames).toBe(2);
    expect(metrics.seriesInvertedCells).toBe(0);
    expect(metrics.seriesRatioMin).toBeGreaterThan(1);
  });
});
