/**
 * PCA of a recorded parameter trajectory (Li et al., "Visualizing the Loss Landscape of Neural
 * Nets", NeurIPS 2018, §7): with D the m×P matrix of snapshots minus a centre (the final
 * parameters by default, as Li et al. do, so the plane passes through the end point), the
 * principal directions are the top right singular vectors of D. With m ≪ P they come from the
 * m×m Gram matrix G = D·Dᵀ = U Λ Uᵀ: v_k = Dᵀ u_k / √λ_k, and snapshot i projects to
 * (D v_k)_i = u_ik √λ_k. G is formed in float64; its top eigenpairs come from subspace
 * iteration (symmetricEigen.ts) — m is at most the recorder's few hundred snapshots.
 */
import { topEigenpairs } from './symmetricEigen';
import { snapshotAt, type TrajectoryData } from './thinnedTrajectory';

export type PcaCentre = 'final' | 'mean';

export interface PrincipalDirections {
  centre: Float64Array;
  centreKind: PcaCentre;
  /** Unit directions in parameter space, largest variance first. */
  directions: Float64Array[];
  /** Share of the total squared distance to the centre along each direction. */
  explained: number[];
  /** coordinates[i][k]: snapshot i along direction k. */
  coordinates: number[][];
}

export function principalDirections(data: TrajectoryData, count = 2, centreKind: PcaCentre = 'final'): PrincipalDirections {
  const m = data.iterations.length;
  const P = data.parameterCount;
  if (m < 2) throw new Error(`PCA needs at least 2 trajectory snapshots, got ${m}`);
  const centre = new Float64Array(P);
  if (centreKind === 'final') centre.set(snapshotAt(data, m - 1));
  else {
    for (let i = 0; i < m; i++) {
      const row = snapshotAt(data, i);
      for (let j = 0; j < P; j++) centre[j] += row[j] / m;
    }
  }
  const d = Array.from({ length: m }, (_, i) => {
    const row = Float64Array.from(snapshotAt(data, i));
    for (let j = 0; j < P; j++) row[j] -= centre[j];
    return row;
  });
  const gram = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = i; k < m; k++) {
      let s = 0;
      for (let j = 0; j < P; j++) s += d[i][j] * d[k][j];
      gram[i * m + k] = gram[k * m + i] = s;
    }
  }
  const kept = Math.min(count, m);
  const { values, vectors: top } = topEigenpairs(gram, m, kept);
  let total = 0;
  for (let i = 0; i < m; i++) total += gram[i * m + i];
  const directions: Float64Array[] = [];
  const explained: number[] = [];
  const coordinates = Array.from({ length: m }, () => new Array<number>(kept).fill(0));
  for (let k = 0; k < kept; k++) {
    const lambda = Math.max(values[k], 0);
    const v = new Float64Array(P);
    if (lambda > 0) {
      const root = Math.sqrt(lambda);
      for (let i = 0; i < m; i++) {
        const w = top[i * kept + k] / root;
        if (w !== 0) for (let j = 0; j < P; j++) v[j] += w * d[i][j];
      }
      for (let i = 0; i < m; i++) coordinates[i][k] = top[i * kept + k] * root;
    }
    directions.push(v);
    explained.push(total > 0 ? lambda / total : 0);
  }
  return { centre, centreKind, directions, explained, coordinates };
}

/** Coordinates of parameters θ in the plane of the directions: ⟨θ − centre, v_k⟩ (the directions are orthonormal). */
export function projectOnto(pca: PrincipalDirections, theta: ArrayLike<number>): number[] {
  return pca.directions.map((v) => {
    let s = 0;
    for (let j = 0; j < v.length; j++) s += (theta[j] - pca.centre[j]) * v[j];
    return s;
  });
}
