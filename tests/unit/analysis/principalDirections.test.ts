import { describe, expect, it } from 'vitest';
import { Rng } from '../../../workers/engine/rng';
import { principalDirections, projectOnto } from '../../../workers/analysis/principalDirections';
import { symmetricEigen, topEigenpairs } from '../../../workers/analysis/symmetricEigen';
import { ThinnedTrajectory } from '../../../workers/analysis/thinnedTrajectory';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

function unit(rng: Rng, n: number): Float64Array {
  const v = Float64Array.from({ length: n }, () => rng.normal());
  const norm = Math.sqrt(dot(v, v));
  return v.map((x) => x / norm);
}

describe('symmetric eigen (Jacobi)', () => {
  it('diagonalises a known matrix: [[2,1],[1,2]] has 3 along (1,1) and 1 along (1,−1)', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0] * vectors[2]).toBeCloseTo(0.5, 14);
  });
});

describe('top eigenpairs (subspace iteration)', () => {
  it('match Jacobi on a 60×60 positive semi-definite matrix', () => {
    const rng = new Rng(2);
    const n = 60;
    const x = Array.from({ length: n }, () => Float64Array.from({ length: 30 }, (_, j) => rng.normal() / (j + 1)));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) a[i * n + k] = dot(x[i], x[k]);
    const full = symmetricEigen(a, n);
    const top = topEigenpairs(a, n, 3);
    for (let k = 0; k < 3; k++) {
      expect(top.values[k]).toBeCloseTo(full.values[k], 9);
      let overlap = 0;
      for (let i = 0; i < n; i++) overlap += top.vectors[i * 3 + k] * full.vectors[i * n + k];
      expect(Math.abs(overlap)).toBeCloseTo(1, 9);
    }
  });
});

describe('PCA of a trajectory', () => {
  it('recovers the plane a synthetic trajectory moves in', () => {
    const P = 60;
    const rng = new Rng(11);
    const u = unit(rng, P);
    let v = unit(rng, P);
    const uv = dot(u, v);
    v = v.map((x, i) => x - uv * u[i]);
    const vn = Math.sqrt(dot(v, v));
    v = v.map((x) => x / vn);
    const end = Float64Array.from({ length: P }, () => rng.normal());
    const recorder = new ThinnedTrajectory(P, { every: 1, max: 1000 });
    for (let k = 0; k <= 80; k++) {
      const s = 1 - k / 80;
      const [a, b] = [3 * s * Math.cos(4 * s), 1.5 * s * Math.sin(4 * s)];
      recorder.record(k, end.map((e, i) => e + a * u[i] + b * v[i]));
    }
    const pca = principalDirections(recorder.data(), 2);
    expect(pca.explained[0] + pca.explained[1]).toBeCloseTo(1, 10);
    for (const d of pca.directions) {
      expect(dot(d, d)).toBeCloseTo(1, 10);
      // The direction lies in span{u, v}: its projection there has unit length.
      expect(dot(d, u) ** 2 + dot(d, v) ** 2).toBeCloseTo(1, 10);
    }
    expect(dot(pca.directions[0], pca.directions[1])).toBeCloseTo(0, 10);
    // The coordinates reproduce each snapshot's offset from the end point.
    const data = recorder.data();
    const k = 17;
    const projected = projectOnto(pca, data.values.subarray(k * P, (k + 1) * P));
    expect(projected[0]).toBeCloseTo(pca.coordinates[k][0], 10);
    expect(projected[1]).toBeCloseTo(pca.coordinates[k][1], 10);
    expect(pca.coordinates[80][0]).toBeCloseTo(0, 12);
  });
});

describe('thinned trajectory', () => {
  it('keeps memory bounded by doubling its stride, keeping the start and the end point', () => {
    const recorder = new ThinnedTrajectory(2, { every: 5, max: 10 });
    for (let it = 0; it <= 143; it++) if (recorder.wants(it)) recorder.record(it, [it, -it]);
    recorder.recordFinal(143, [143, -143]);
    const data = recorder.data();
    expect(data.iterations).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 143]);
    expect(data.every).toBe(20);
    expect(Array.from(data.values.subarray(2 * 8))).toEqual([143, -143]);
    expect(recorder.size).toBeLessThan(10);
  });
});
