import { describe, expect, it } from 'vitest';
import { Rng } from '../../../workers/engine/rng';
import { resolveConfig, validateConfig } from '../../../workers/config/validate';
import { parseWhere, sampleNearHoles } from '../../../workers/problems/holes';
import { sampleCollocation } from '../../../workers/problems/collocation';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { sampleBoundary, sampleInterior } from '../../../workers/problems/sampler';
import type { DomainSpec } from '../../../workers/config/schema';

const channel: DomainSpec = { type: 'box', min: [0, 0], max: [2.2, 0.41], holes: [{ center: [0.2, 0.2], radius: 0.05 }] };

describe('box-minus-disk domains', () => {
  it('draw no interior point inside the disk, whatever the sampling method', () => {
    for (const method of ['random', 'lhs', 'sobol'] as const) {
      const points = sampleInterior(channel, 3000, method, new Rng(3));
      expect(points.length).toBe(6000);
      let inside = 0;
      for (let i = 0; i < 3000; i++) if (Math.hypot(points[2 * i] - 0.2, points[2 * i + 1] - 0.2) < 0.05) inside++;
      expect(inside).toBe(0);
    }
  });

  it('put boundary points of a hole on its circle, with unit normals pointing into the disk', () => {
    const { points, normals } = sampleBoundary(channel, parseWhere('hole', channel), 64, 'sobol', new Rng(1));
    expect(points.length).toBe(128);
    for (let i = 0; i < 64; i++) {
      const dx = points[2 * i] - 0.2;
      const dy = points[2 * i + 1] - 0.2;
      expect(Math.hypot(dx, dy)).toBeCloseTo(0.05, 14);
      expect(normals[2 * i]).toBeCloseTo(-dx / 0.05, 12);
      expect(normals[2 * i + 1]).toBeCloseTo(-dy / 0.05, 12);
    }
  });

  it("split points over faces and circles by length ('all' names both)", () => {
    const part = parseWhere('all', channel);
    expect(part).toEqual({ faces: [{ dim: 0, side: 'min' }, { dim: 0, side: 'max' }, { dim: 1, side: 'min' }, { dim: 1, side: 'max' }], holes: [0] });
    const { points } = sampleBoundary(channel, part, 1000, 'random', new Rng(2));
    let onCircle = 0;
    for (let i = 0; i < points.length / 2; i++) if (Math.abs(Math.hypot(points[2 * i] - 0.2, points[2 * i + 1] - 0.2) - 0.05) < 1e-12) onCircle++;
    const perimeter = 2 * (2.2 + 0.41);
    expect(onCircle).toBe(Math.round((1000 * 2 * Math.PI * 0.05) / (perimeter + 2 * Math.PI * 0.05)));
  });

  it('read comma lists of faces and holes, and name what is wrong', () => {
    expect(parseWhere('x=0, y=0.41, hole:0', channel)).toEqual({ faces: [{ dim: 0, side: 'min' }, { dim: 1, side: 'max' }], holes: [0] });
    expect(() => parseWhere('hole:1', channel)).toThrow("'hole:1': the domain has 1 hole (hole:0 to hole:0)");
    expect(() => parseWhere('hole', { type: 'box', min: [0, 0], max: [1, 1] })).toThrow("'hole' names a hole, but the domain has none (add domain.holes)");
  });

  it('refuse holes that leave the box or live in a 1D or 3D box, by path', () => {
    const issues = (domain: unknown) => {
      const result = validateConfig({ problem: { kind: 'custom', domain, equation: 'u_xx + u_yy = 0' } });
      return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(issues({ type: 'box', min: [0, 0], max: [1, 1], holes: [{ center: [0.98, 0.5], radius: 0.05 }] })).toEqual(['problem.domain.holes[0]: the disk must lie strictly inside the box']);
    expect(issues({ type: 'box', min: [0, 0], max: [1, 1], holes: [{ center: [0.5, 0.5], radius: -1 }] })).toEqual(['problem.domain.holes[0].radius: radius must be a positive number']);
    expect(issues({ type: 'box', min: [0, 0, 0], max: [1, 1, 1], holes: [{ center: [0.5, 0.5], radius: 0.1 }] })).toEqual(['problem.domain.holes[0]: holes are disks in a 2D box, but this box is 3D']);
  });

  it('leave the hole out of the error grid', async () => {
    const { ErrorGrid } = await import('../../../workers/run/evaluation');
    const { buildProblemModel } = await import('../../../workers/problems/problemModel');
    const model = buildProblemModel(resolveConfig({ problem: { kind: 'cylinder-2d1' } }).problem);
    const grid = new ErrorGrid(model, 101);
    let inside = 0;
    for (let i = 0; i < grid.points.length / 2; i++) if (Math.hypot(grid.points[2 * i] - 2, grid.points[2 * i + 1] - 2) < 0.5) inside++;
    expect(inside).toBe(0);
    expect(grid.points.length / 2).toBeLessThan(101 * 101);
  });
});

describe('collocation near the holes (sampling.nearHoles)', () => {
  // A disk close to the lower wall: part of its annulus falls outside the box.
  const nearWall: DomainSpec = { type: 'box', min: [0, 0], max: [2.2, 0.41], holes: [{ center: [0.2, 0.07], radius: 0.05 }, { center: [1, 0.2], radius: 0.05 }] };

  it('lie in the annuli R ≤ r ≤ R (1 + width), in the box and outside every disk, uniform in r − R', () => {
    const points = sampleNearHoles(nearWall, 4000, 2, new Rng(5));
    let nearWallHalf = 0;
    for (let i = 0; i < 4000; i++) {
      const [x, y] = [points[2 * i], points[2 * i + 1]];
      const gaps = nearWall.holes!.map((h) => Math.hypot(x - h.center[0], y - h.center[1]) - h.radius);
      const gap = Math.min(...gaps);
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(2 * 0.05 + 1e-15);
      expect(y).toBeGreaterThanOrEqual(0);
      if (gap < 0.05) nearWallHalf++;
    }
    // Uniform in the distance: about half within one radius of a circle (an area-uniform draw puts 3/8 there).
    expect(nearWallHalf / 4000).toBeGreaterThan(0.46);
    expect(nearWallHalf / 4000).toBeLessThan(0.54);
  });

  it('take their fraction of the interior points, and are refused (naming the field) on a domain without holes', () => {
    const config = resolveConfig({ problem: { kind: 'cylinder-2d1' }, sampling: { interior: 1000, boundary: 10, nearHoles: { fraction: 0.3, width: 1 } } });
    const model = buildProblemModel(config.problem);
    const { interior } = sampleCollocation(config, model, new Rng(1));
    expect(interior.length).toBe(2000);
    const [cx, cy] = model.domain.holes![0].center;
    const R = model.domain.holes![0].radius;
    let inAnnulus = 0;
    for (let i = 0; i < 1000; i++) if (Math.hypot(interior[2 * i] - cx, interior[2 * i + 1] - cy) <= 2 * R) inAnnulus++;
    // 300 drawn there, plus the few of the 700 box points that land in the annulus.
    expect(inAnnulus).toBeGreaterThanOrEqual(300);
    expect(inAnnulus).toBeLessThan(320);
    const refused = validateConfig({ problem: { kind: 'cavity-re100' }, sampling: { nearHoles: { fraction: 0.5 } } });
    expect(refused.ok ? [] : refused.issues).toEqual([{ path: 'sampling.nearHoles', message: 'needs a domain with holes (problem.domain.holes)' }]);
  });
});

describe('unknowns known up to a constant', () => {
  it('are compared after removing the mean difference per time level (Taylor–Green pressure)', async () => {
    const { ErrorGrid } = await import('../../../workers/run/evaluation');
    const { buildProblemModel } = await import('../../../workers/problems/problemModel');
    const model = buildProblemModel(resolveConfig({ problem: { kind: 'taylor-green' } }).problem);
    const grid = new ErrorGrid(model, 9);
    const n = grid.points.length / 3;
    const exact = ['u', 'v', 'p'].map((name) => Float32Array.from({ length: n }, (_, i) => model.exact[name]!(grid.points.subarray(3 * i, 3 * i + 3))));
    // p shifted by 1 + t: a gauge that changes with time, invisible to the equations.
    const shifted = exact[2].map((p, i) => p + 1 + grid.points[3 * i + 2]);
    const errors = grid.measure([exact[0], exact[1], shifted])!;
    expect(errors.perUnknown.relL2_p).toBeLessThan(1e-6);
    expect(errors.perUnknown.relL2_u).toBeLessThan(1e-6);
  });
});
