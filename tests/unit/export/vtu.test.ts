import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64Decode } from '../../../workers/export/base64';
import { fieldToVtu } from '../../../workers/export/vtu';
import { analyticSnapshot } from './fixtures';

// Debian's meshio lives in the system interpreter, not the python3 first on PATH.
const SYSTEM_PYTHON = '/usr/bin/python3';
const hasMeshio = spawnSync(SYSTEM_PYTHON, ['-c', 'import meshio'], { encoding: 'utf8' }).status === 0;

const READ_WITH_MESHIO = `
import json, sys, meshio, numpy as np
m = meshio.read(sys.argv[1])
def clean(a):
    return [None if np.isnan(v) else float(v) for v in np.asarray(a, dtype=float).ravel()]
print(json.dumps({
    "points": m.points.tolist(),
    "cells": [[c.type, len(c.data), c.data[0].tolist()] for c in m.cells],
    "pointData": {k: clean(v) for k, v in m.point_data.items()},
    "fieldData": {k: clean(v) for k, v in m.field_data.items()},
}))
`;

interface MeshioView {
  points: number[][];
  cells: [string, number, number[]][];
  pointData: Record<string, (number | null)[]>;
  fieldData: Record<string, number[]>;
}

function readWithMeshio(bytes: Uint8Array): MeshioView {
  const path = join(mkdtempSync(join(tmpdir(), 'vtu-')), 'field.vtu');
  writeFileSync(path, bytes);
  const run = spawnSync(SYSTEM_PYTHON, ['-c', READ_WITH_MESHIO, path], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`meshio failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as MeshioView;
}

/** The values of a binary DataArray, by name. */
function binaryArray(xml: string, name: string): DataView {
  const match = new RegExp(`<DataArray[^>]*Name="${name}"[^>]*format="binary"[^>]*>\\s*([A-Za-z0-9+/=]+)\\s*</DataArray>`).exec(xml);
  if (!match) throw new Error(`no binary array ${name}`);
  const bytes = base64Decode(match[1]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(view.getUint32(0, true)).toBe(bytes.length - 4);
  return new DataView(bytes.buffer, bytes.byteOffset + 4, bytes.byteLength - 4);
}

describe('fieldToVtu', () => {
  it('writes one quad per grid cell with counter-clockwise corners', () => {
    const xml = new TextDecoder().decode(fieldToVtu(analyticSnapshot(5, 4)));
    expect(xml).toContain('<Piece NumberOfPoints="20" NumberOfCells="12">');
    const connectivity = binaryArray(xml, 'connectivity');
    expect([0, 1, 2, 3].map((k) => connectivity.getInt32(4 * k, true))).toEqual([0, 1, 6, 5]);
    const types = binaryArray(xml, 'types');
    expect(new Set(Array.from({ length: 12 }, (_, k) => types.getUint8(k)))).toEqual(new Set([9]));
  });

  it('keeps NaN values in binary arrays', () => {
    const snapshot = analyticSnapshot(3, 3);
    snapshot.prediction[4] = NaN;
    const prediction = binaryArray(new TextDecoder().decode(fieldToVtu(snapshot)), 'prediction');
    expect(prediction.getFloat32(16, true)).toBeNaN();
    expect(prediction.getFloat32(0, true)).toBe(snapshot.prediction[0]);
  });

  it('writes ascii floats that read back to the same float32', () => {
    const snapshot = analyticSnapshot(7, 6);
    const xml = new TextDecoder().decode(fieldToVtu(snapshot, { encoding: 'ascii' }));
    const body = /Name="prediction"[^>]*>([^<]*)</.exec(xml)?.[1] ?? '';
    const values = body.trim().split(/\s+/).map(Number);
    expect(values.map((v) => Math.fround(v))).toEqual([...snapshot.prediction]);
  });

  it('places a slice at its fixed coordinate and names the arrays after the views and axes', () => {
    const xml = new TextDecoder().decode(fieldToVtu(analyticSnapshot(3, 2, { fixed: { t: 0.3, z: 0.5 } })));
    for (const name of ['prediction', 'exact', 'error', 'x', 'y', 'iteration', 'fixed_z', 'fixed_t']) expect(xml).toContain(`Name="${name}"`);
    const points = binaryArray(xml, 'Points');
    expect(points.getFloat64(16, true)).toBe(0.5);
  });

  it('omits exact and error when the snapshot has no exact solution', () => {
    const xml = new TextDecoder().decode(fieldToVtu(analyticSnapshot(3, 3, { withExact: false })));
    expect(xml).toContain('Name="prediction"');
    expect(xml).not.toContain('Name="exact"');
    expect(xml).not.toContain('Name="error"');
  });

  it.skipIf(!hasMeshio)('reads back in meshio with the right points, quads and error = prediction − exact', () => {
    const snapshot = analyticSnapshot(6, 5, { fixed: { z: 0.25 } });
    for (const encoding of ['binary', 'ascii'] as const) {
      const mesh = readWithMeshio(fieldToVtu(snapshot, { encoding }));
      expect(mesh.points).toHaveLength(30);
      expect(mesh.points[7]).toEqual([0.2, -0.5, 0.25]);
      expect(mesh.cells).toEqual([['quad', 20, [0, 1, 7, 6]]]);
      const { prediction, exact, error } = mesh.pointData;
      error.forEach((e, k) => {
        const x = (k % 6) / 5;
        const y = -1 + (2 * Math.floor(k / 6)) / 4;
        expect(e).toBeCloseTo(0.01 * x * y, 6);
        expect(e).toBeCloseTo((prediction[k] as number) - (exact[k] as number), 6);
      });
      expect(mesh.fieldData.iteration).toEqual([1200]);
    }
  });
});
