import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldSeriesWriter, writeMeshSeries } from '../../../main/runs/fieldSeries';
import { RunFolder } from '../../../main/runs/runFolder';
import { readPvd } from '../../../workers/export/pvd';
import { uniformMesh } from '../../../workers/mesh/structuredMesh';
import type { FieldSnapshot } from '../../../workers/protocol/service';

const snapshot = (t: number): FieldSnapshot => ({
  iteration: 1,
  unknown: 'u',
  axes: [
    { name: 'x', min: 0, max: 1, n: 3 },
    { name: 'y', min: 0, max: 1, n: 3 },
  ],
  fixed: { t },
  prediction: new Float32Array(9).fill(t),
});

function meshioReads(file: string): string | undefined {
  try {
    return execFileSync('/usr/bin/python3', ['-c', `import meshio; m = meshio.read(${JSON.stringify(file)}); print(len(m.points), m.cells[0].type, len(m.cells[0].data))`], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

describe('saved series', () => {
  it('a field per new time, indexed in field-series.pvd; moved meshes in mesh-series.pvd', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'series-'));
    const folder = await RunFolder.create(path.join(dir, 'run'));
    const writer = new FieldSeriesWriter(folder);
    expect(await writer.add(snapshot(0))).toEqual(['field-t0000.vtu', 'field-series.pvd']);
    expect(await writer.add(snapshot(0))).toEqual([]); // the same time again is skipped
    await writer.add(snapshot(0.5));
    const index = readPvd(await fs.readFile(path.join(folder.dir, 'field-series.pvd'), 'utf8'));
    expect(index).toEqual([
      { t: 0, file: 'field-t0000.vtu' },
      { t: 0.5, file: 'field-t0001.vtu' },
    ]);
    const mesh = uniformMesh('quad', [2, 2], { min: [0, 0], max: [1, 1] });
    const exports = [0, 1].map((t) => ({ type: mesh.type, cells: [2, 2] as [number, number], nodes: mesh.nodes, connectivity: mesh.connectivity, values: new Float64Array(9), axes: ['x', 'y'] as [string, string], t }));
    expect(await writeMeshSeries(folder, exports)).toEqual(['mesh-t0000.vtu', 'mesh-t0001.vtu', 'mesh-series.pvd']);
    expect(readPvd(await fs.readFile(path.join(folder.dir, 'mesh-series.pvd'), 'utf8')).map((e) => e.t)).toEqual([0, 1]);
    const read = meshioReads(path.join(folder.dir, 'mesh-t0001.vtu'));
    if (read !== undefined) expect(read).toBe('9 quad 4');
    await fs.rm(dir, { recursive: true, force: true });
  });
});
