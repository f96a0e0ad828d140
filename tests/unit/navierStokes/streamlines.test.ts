import { describe, expect, it } from 'vitest';
import { arrowSegments } from '../../../renderer/src/flow/flowFields';
import { polylineSegments, streamlines, type VelocityGrid } from '../../../renderer/src/flow/streamlines';

/** (u, v) = f(x, y) on an n×n grid over [0, w] × [0, 1]; nodes where `solid` holds are in a hole. */
function grid(n: number, w: number, f: (x: number, y: number) => [number, number], solid?: (x: number, y: number) => boolean): VelocityGrid {
  const u = new Float32Array(n * n);
  const v = new Float32Array(n * n);
  const inDomain = new Uint8Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const [x, y] = [(w * i) / (n - 1), j / (n - 1)];
      [u[j * n + i], v[j * n + i]] = f(x, y);
      inDomain[j * n + i] = solid?.(x, y) ? 0 : 1;
    }
  }
  return { axes: [{ name: 'x', min: 0, max: w, n }, { name: 'y', min: 0, max: 1, n }], u, v, inDomain: solid ? inDomain : undefined };
}

const pointsOf = (line: Float32Array) => Array.from({ length: line.length / 2 }, (_, k) => [line[2 * k], line[2 * k + 1]]);

describe('streamlines of a snapshot', () => {
  it('of a solid-body rotation are circles, each drawn about once round: the radius stays within 0.5% along every line', () => {
    const lines = streamlines(grid(33, 1, (x, y) => [-(y - 0.5), x - 0.5]), { density: 8, aspect: 1 });
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const radii = pointsOf(line).map(([x, y]) => Math.hypot(x - 0.5, y - 0.5));
      expect((Math.max(...radii) - Math.min(...radii)) / radii[0]).toBeLessThan(5e-3);
      // Steps of 0.1 / density = 0.0125: a closed loop stops the line after one turn (and a few cells).
      expect((line.length / 2) * 0.0125).toBeLessThan(2 * Math.PI * radii[0] * 1.25 + 0.1);
    }
  });

  it('of a uniform stream are horizontal lines crossing the box, one per seed row', () => {
    const lines = streamlines(grid(17, 2, () => [1, 0]), { density: 6, aspect: 2 });
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const points = pointsOf(line);
      expect(new Set(points.map(([, y]) => y.toFixed(6))).size).toBe(1);
      expect(Math.min(...points.map(([x]) => x))).toBeLessThan(0.05);
      expect(Math.max(...points.map(([x]) => x))).toBeGreaterThan(0.95);
    }
  });

  it('stop at a hole: no point lies inside the disk', () => {
    const inside = (x: number, y: number) => (x - 0.5) ** 2 + (y - 0.5) ** 2 < 0.2 ** 2;
    const lines = streamlines(grid(41, 1, () => [1, 0.3], inside), { density: 10, aspect: 1 });
    const points = lines.flatMap(pointsOf);
    expect(points.length).toBeGreaterThan(100);
    expect(points.filter(([x, y]) => (x - 0.5) ** 2 + (y - 0.5) ** 2 < 0.18 ** 2)).toEqual([]);
  });

  it('become independent segments, and arrows three strokes each', () => {
    const segments = polylineSegments([Float32Array.of(0, 0, 1, 0, 1, 1)]);
    expect(Array.from(segments)).toEqual([0, 0, 1, 0, 1, 0, 1, 1]);
    const arrow = arrowSegments([{ fx: 0.5, fy: 0.5, dx: 0.1, dy: 0 }], 1);
    expect(arrow).toHaveLength(12);
    expect(Array.from(arrow.subarray(0, 4))).toEqual([0.5, 0.5, expect.closeTo(0.6, 6), 0.5]);
    // The head strokes go back from the tip, symmetric about the shaft.
    expect(arrow[6]).toBeLessThan(0.6);
    expect(arrow[7] - 0.5).toBeCloseTo(-(arrow[11] - 0.5), 6);
  });
});
