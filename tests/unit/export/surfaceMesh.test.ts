import { describe, expect, it } from 'vitest';
import { colormapRgb } from '../../../workers/export/colormap';
import { DEFAULT_RELATIVE_HEIGHT, fieldToSurface } from '../../../workers/export/surfaceMesh';
import { analyticSnapshot } from './fixtures';

const zRange = (positions: Float32Array) => {
  const z = positions.filter((_, k) => k % 3 === 2);
  return Math.max(...z) - Math.min(...z);
};

describe('fieldToSurface', () => {
  it('makes one vertex per node and two triangles per cell', () => {
    const mesh = fieldToSurface(analyticSnapshot(7, 5));
    expect(mesh.positions.length / 3).toBe(35);
    expect(mesh.indices.length / 3).toBe(2 * 6 * 4);
    expect(Math.max(...mesh.indices)).toBe(34);
  });

  it('scales heights by default to 0.4 × the larger axis span', () => {
    const mesh = fieldToSurface(analyticSnapshot(9, 9));
    expect(zRange(mesh.positions)).toBeCloseTo(DEFAULT_RELATIVE_HEIGHT * 2, 5);
  });

  it('uses a given height scale as z = scale · value', () => {
    const snapshot = analyticSnapshot(4, 4);
    const mesh = fieldToSurface(snapshot, { heightScale: 3 });
    expect(mesh.positions[3 * 5 + 2]).toBeCloseTo(3 * snapshot.prediction[5], 6);
    expect([mesh.positions[3 * 5], mesh.positions[3 * 5 + 1]]).toEqual([Math.fround(1 / 3), Math.fround(-1 / 3)]);
  });

  it('gives unit normals, pointing up on a flat field', () => {
    const snapshot = analyticSnapshot(4, 3);
    snapshot.prediction.fill(2);
    const flat = fieldToSurface(snapshot);
    for (let k = 0; k < flat.normals.length; k += 3) expect([...flat.normals.subarray(k, k + 3)]).toEqual([0, 0, 1]);
    const curved = fieldToSurface(analyticSnapshot(8, 8));
    for (let k = 0; k < curved.normals.length; k += 3) expect(Math.hypot(...curved.normals.subarray(k, k + 3))).toBeCloseTo(1, 5);
  });

  it('tilts normals against the slope of the field', () => {
    const snapshot = analyticSnapshot(5, 5);
    snapshot.prediction.forEach((_, k) => (snapshot.prediction[k] = k % 5)); // rises along x
    const mesh = fieldToSurface(snapshot, { heightScale: 1 });
    expect(mesh.normals[3 * 12]).toBeLessThan(0);
    expect(mesh.normals[3 * 12 + 1]).toBeCloseTo(0, 6);
    expect(mesh.normals[3 * 12 + 2]).toBeGreaterThan(0);
  });

  it('leaves nodes with NaN out of every triangle and puts them at z = 0', () => {
    const snapshot = analyticSnapshot(3, 3);
    snapshot.prediction[4] = NaN; // the centre node is a corner of 6 of the 8 triangles
    const mesh = fieldToSurface(snapshot);
    expect(mesh.indices.length / 3).toBe(2);
    expect(mesh.indices).not.toContain(4);
    expect(mesh.positions[3 * 4 + 2]).toBe(0);
    expect(mesh.positions.every(Number.isFinite)).toBe(true);
  });

  it('colours the error view with coolwarm, zero error at its neutral centre', () => {
    const snapshot = analyticSnapshot(5, 5);
    const mesh = fieldToSurface(snapshot, { view: 'error' });
    // x = 0 on the first column, so the error 0.01·x·y is zero there.
    const centre = colormapRgb('coolwarm', 0.5);
    [0, 1, 2].forEach((d) => expect(mesh.colors[d]).toBeCloseTo(centre[d], 6));
  });

  it('refuses a grid with a single row of nodes', () => {
    expect(() => fieldToSurface(analyticSnapshot(5, 1))).toThrow('a surface needs at least 2×2 grid nodes; the snapshot has 5×1');
  });
});
