import { describe, expect, it } from 'vitest';
import { meshToStl } from '../../../workers/export/stl';
import { fieldToSurface } from '../../../workers/export/surfaceMesh';
import { analyticSnapshot } from './fixtures';

interface StlTriangle {
  normal: number[];
  vertices: number[][];
}

function parseBinaryStl(bytes: Uint8Array): { header: string; triangles: StlTriangle[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(80, true);
  expect(bytes.length).toBe(84 + 50 * count);
  const float = (offset: number) => view.getFloat32(offset, true);
  const triangles = Array.from({ length: count }, (_, t): StlTriangle => {
    const at = 84 + 50 * t;
    const vec = (k: number) => [float(at + 12 * k), float(at + 12 * k + 4), float(at + 12 * k + 8)];
    expect(view.getUint16(at + 48, true)).toBe(0);
    return { normal: vec(0), vertices: [vec(1), vec(2), vec(3)] };
  });
  return { header: String.fromCharCode(...bytes.subarray(0, 80)), triangles };
}

describe('meshToStl', () => {
  const nx = 6;
  const ny = 5;
  const mesh = fieldToSurface(analyticSnapshot(nx, ny));
  const stl = parseBinaryStl(meshToStl(mesh));

  it('writes 2·(nx−1)·(ny−1) triangles', () => {
    expect(stl.triangles).toHaveLength(2 * (nx - 1) * (ny - 1));
  });

  it('writes unit normals that agree with the counter-clockwise winding', () => {
    for (const { normal, vertices: [a, b, c] } of stl.triangles) {
      expect(Math.hypot(...normal)).toBeCloseTo(1, 5);
      const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
      const v = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
      const cross = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
      expect(cross[0] * normal[0] + cross[1] * normal[1] + cross[2] * normal[2]).toBeGreaterThan(0);
      expect(normal[2]).toBeGreaterThan(0);
    }
  });

  it('copies the mesh vertices exactly', () => {
    const first = stl.triangles[0].vertices[0];
    expect(first).toEqual([mesh.positions[0], mesh.positions[1], mesh.positions[2]]);
  });

  it('does not start its header with "solid", which readers take for ASCII STL', () => {
    expect(stl.header.startsWith('solid')).toBe(false);
    expect(stl.header).toContain('u prediction at iteration 1200');
  });
});
