import { describe, expect, it } from 'vitest';
import { Rng } from '../../../workers/engine/rng';
import { jointProjection, lossAtIterations, spreadIndices } from '../../../workers/analysis/jointTrajectories';
import type { TrajectoryData } from '../../../workers/analysis/thinnedTrajectory';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

/** A trajectory c + a_i·u + b_i·v (u, v orthonormal) at iterations 0, 10, 20, … */
function planar(c: Float64Array, u: Float64Array, v: Float64Array, coords: [number, number][]): TrajectoryData {
  const P = c.length;
  const values = new Float64Array(coords.length * P);
  coords.forEach(([a, b], k) => {
    for (let j = 0; j < P; j++) values[k * P + j] = c[j] + a * u[j] + b * v[j];
  });
  return { iterations: coords.map((_, k) => 10 * k), parameterCount: P, every: 10, values };
}

describe('joint trajectories of several runs', () => {
  const rng = new Rng(4);
  const P = 40;
  const c = Float64Array.from({ length: P }, () => rng.normal());
  const u = Float64Array.from({ length: P }, () => rng.normal());
  const uNorm = Math.sqrt(dot(u, u));
  u.forEach((x, j) => (u[j] = x / uNorm));
  const v = Float64Array.from({ length: P }, () => rng.normal());
  const vu = dot(v, u);
  v.forEach((x, j) => (v[j] = x - vu * u[j]));
  const vNorm = Math.sqrt(dot(v, v));
  v.forEach((x, j) => (v[j] = x / vNorm));
  // Run A ends at c; run B wanders elsewhere in the same plane; 150 snapshots each (more than perRun).
  const a = planar(c, u, v, Array.from({ length: 150 }, (_, k) => [3 * (1 - k / 149) * Math.cos(k / 20), (1 - k / 149) * Math.sin(k / 30)] as [number, number]));
  const b = planar(c, u, v, Array.from({ length: 150 }, (_, k) => [-2 + k / 100, 1.5 - (k / 149) ** 2] as [number, number]));

  it('recovers the shared plane: every distance within and between runs is kept, run A ends at the origin', () => {
    const joint = jointProjection([{ id: 'A', data: a }, { id: 'B', data: b }], 30);
    expect(joint.explained[0] + joint.explained[1]).toBeCloseTo(1, 10);
    const [pa, pb] = joint.runs;
    expect(pa.id).toBe('A');
    expect(pa.alpha.at(-1)).toBeCloseTo(0, 10);
    expect(pa.beta.at(-1)).toBeCloseTo(0, 10);
    expect(pb.iterations).toHaveLength(150);
    // ‖θ_B,k − θ_A,last‖ in parameter space equals the distance on the plane.
    for (const k of [0, 57, 149]) {
      const theta = b.values.subarray(k * P, (k + 1) * P);
      const distance = Math.sqrt(theta.reduce((s, x, j) => s + (x - c[j]) ** 2, 0));
      expect(Math.hypot(pb.alpha[k], pb.beta[k])).toBeCloseTo(distance, 9);
    }
  });

  it('refuses runs of different parameter counts, naming them', () => {
    const small: TrajectoryData = { iterations: [0, 1], parameterCount: 3, every: 1, values: new Float64Array(6) };
    expect(() => jointProjection([{ id: 'A', data: a }, { id: 'S', data: small }])).toThrow('joint trajectory: run S has 3 parameters, run A 40');
  });

  it('spreads picks evenly with both ends, and reads the loss recorded at (or last before) each iteration', () => {
    expect(spreadIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(spreadIndices(11, 3)).toEqual([0, 5, 10]);
    const rows = [1, 2, 3, 5, 8].map((iteration) => ({ iteration, loss: 1 / iteration }));
    expect(lossAtIterations(rows, [0, 1, 4, 8, 20])).toEqual([1, 1, 1 / 3, 1 / 8, 1 / 8]);
    expect(lossAtIterations([], [0])).toEqual([null]);
  });
});
