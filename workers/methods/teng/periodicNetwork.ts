/**
 * TENG's network u(x; θ): the periodic embedding (periodicEmbedding.ts) followed by the float64
 * MLP (workers/float64), with values, space derivatives and parameter Jacobians at a fixed set of
 * points (their features computed once).
 */
import type { InputMap, MlpShape } from '../../engine/taylorMlp';
import { jetForward } from '../../float64/jetMlp64';
import { parameterJacobian } from '../../float64/parameterJacobian';
import { embed, featureRequest, spaceDerivatives, type PeriodicEmbedding, type SpaceDerivative } from './periodicEmbedding';

export class PeriodicPointSet {
  readonly features: Float64Array;
  readonly n: number;
  private readonly map: InputMap;

  constructor(
    readonly shape: MlpShape,
    readonly embedding: PeriodicEmbedding,
    points: Float64Array,
    stride: number,
  ) {
    this.features = embed(embedding, points, stride);
    this.n = points.length / stride;
    const inputs = 2 * embedding.dims;
    this.map = { center: new Array(inputs).fill(0), invHalfWidth: new Array(inputs).fill(1) };
  }

  values(theta: Float64Array): Float64Array {
    return jetForward(this.shape, this.map, theta, this.features).jet.get('')!;
  }

  /** Space derivatives of u (keyed by jetKey of their dims) in one jet pass. */
  derivatives(theta: Float64Array, wanted: readonly SpaceDerivative[]): Map<string, Float64Array> {
    const { jet } = jetForward(this.shape, this.map, theta, this.features, featureRequest(this.embedding, wanted));
    return spaceDerivatives(this.embedding, this.features, jet, wanted);
  }

  /** The columns `subset` of ∂u/∂θ (n × subset.length, row-major) and u itself. */
  jacobianColumns(theta: Float64Array, subset: Int32Array): { a: Float64Array; u: Float64Array } {
    const J = parameterJacobian(this.shape, this.map, theta, this.features);
    const P = J.columns;
    const s = subset.length;
    const a = new Float64Array(this.n * s);
    for (let i = 0; i < this.n; i++) {
      const row = i * P;
      for (let j = 0; j < s; j++) a[i * s + j] = J.values[row + subset[j]];
    }
    return { a, u: this.values(theta) };
  }
}
