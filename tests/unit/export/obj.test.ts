import { describe, expect, it } from 'vitest';
import { meshToObj } from '../../../workers/export/obj';
import { fieldToSurface } from '../../../workers/export/surfaceMesh';
import { analyticSnapshot } from './fixtures';

describe('meshToObj', () => {
  const mesh = fieldToSurface(analyticSnapshot(5, 4));
  const lines = meshToObj(mesh).split('\n');
  const starting = (prefix: string) => lines.filter((l) => l.startsWith(prefix));

  it('writes one v and one vn line per vertex and one f line per triangle', () => {
    expect(starting('v ')).toHaveLength(20);
    expect(starting('vn ')).toHaveLength(20);
    expect(starting('f ')).toHaveLength(2 * 4 * 3);
  });

  it('writes faces as v//vn pairs with 1-based indices in range', () => {
    for (const face of starting('f ')) {
      const corners = face.slice(2).split(' ');
      expect(corners).toHaveLength(3);
      for (const corner of corners) {
        const [v, empty, vn] = corner.split('/');
        expect(empty).toBe('');
        expect(v).toBe(vn);
        expect(Number(v)).toBeGreaterThanOrEqual(1);
        expect(Number(v)).toBeLessThanOrEqual(20);
      }
    }
    expect(starting('f ')[0]).toBe('f 1//1 2//2 7//7');
  });

  it('writes the height as the y axis, as OBJ readers expect, or as z when asked', () => {
    const [x, y, z] = starting('v ')[0].slice(2).split(' ').map(Number);
    expect([x, y, z]).toEqual([0, mesh.positions[2], 1]);
    const zUp = meshToObj(mesh, { up: 'z' }).split('\n').filter((l) => l.startsWith('v '));
    expect(zUp[0].split(' ').slice(1, 4).map(Number)).toEqual([0, -1, mesh.positions[2]]);
    const [, ny, nz] = starting('vn ')[0].slice(3).split(' ').map((t) => Math.fround(Number(t)));
    expect([ny, nz]).toEqual([mesh.normals[2], -mesh.normals[1]]);
  });

  it('appends the vertex colour to v lines, or leaves it out when asked', () => {
    const [, , , r, g, b] = starting('v ')[0].slice(2).split(' ').map(Number);
    expect([r, g, b].every((c) => c >= 0 && c <= 1)).toBe(true);
    const plain = meshToObj(mesh, { colors: false }).split('\n').filter((l) => l.startsWith('v '));
    expect(plain[0].split(' ')).toHaveLength(4);
  });

  it('writes coordinates that read back to the same float32', () => {
    starting('v ').forEach((line, k) => {
      const [x, y, z] = line.split(' ').slice(1, 4).map((t) => Math.fround(Number(t)));
      expect([x, -z + 0, y]).toEqual([...mesh.positions.subarray(3 * k, 3 * k + 3)]);
    });
  });
});
