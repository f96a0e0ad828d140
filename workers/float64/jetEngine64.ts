/**
 * The interface the PINN losses train through (a network that evaluates jets at fixed point sets
 * and accumulates parameter gradients), and its plain-JavaScript float64 implementation over
 * jetForward / jetBackward, for JavaScript engines without WebAssembly SIMD. The fast
 * implementation is workers/engine/wasmJet/jetNetwork.ts (JetNetworkWasm).
 */
import type { DerivativeRequest, InputMap, MlpShape } from '../engine/taylorMlp';
import { channelPlan, jetBackward, jetForward, parameterCount64, type ChannelPlan, type Jet64, type JetAdjoint, type JetCache } from './jetMlp64';

export interface JetPointSet {
  readonly n: number;
  readonly plan: ChannelPlan;
}

export interface JetEngine<S extends JetPointSet = JetPointSet> {
  readonly precision: 'float32' | 'float64';
  readonly parameterCount: number;
  setTheta(theta: ArrayLike<number>): void;
  createPointSet(x: Float64Array, request: DerivativeRequest): S;
  /** The jet at the set's points for the current θ; the arrays may be reused by the next forward. */
  forward(set: S): Jet64;
  zeroGradient(): void;
  /** Adds ∂L/∂θ for ∂L/∂(jet entries) at the set (after its forward) to the gradient. */
  backward(set: S, adjoint: JetAdjoint): void;
  gradient(out?: Float64Array): Float64Array;
  /** Arena marks: sets created after mark() are invalid after release(mark). */
  mark(): number;
  release(mark: number): void;
}

interface JsPointSet extends JetPointSet {
  x: Float64Array;
  request: DerivativeRequest;
  cache?: JetCache;
}

export class JsJetEngine64 implements JetEngine<JsPointSet> {
  readonly precision = 'float64';
  readonly parameterCount: number;
  private theta: Float64Array;
  private grad: Float64Array;

  constructor(
    private readonly shape: MlpShape,
    private readonly map: InputMap,
  ) {
    this.parameterCount = parameterCount64(shape);
    this.theta = new Float64Array(this.parameterCount);
    this.grad = new Float64Array(this.parameterCount);
  }

  setTheta(theta: ArrayLike<number>): void {
    this.theta = Float64Array.from(theta);
  }

  createPointSet(x: Float64Array, request: DerivativeRequest): JsPointSet {
    return { x, request, n: x.length / this.shape.inputs, plan: channelPlan(request) };
  }

  forward(set: JsPointSet): Jet64 {
    const { jet, cache } = jetForward(this.shape, this.map, this.theta, set.x, set.request);
    set.cache = cache;
    return jet;
  }

  zeroGradient(): void {
    this.grad.fill(0);
  }

  backward(set: JsPointSet, adjoint: JetAdjoint): void {
    if (!set.cache) throw new Error('backward: the set has no forward pass yet');
    const g = jetBackward(set.cache, adjoint);
    for (let i = 0; i < g.length; i++) this.grad[i] += g[i];
  }

  gradient(out: Float64Array = new Float64Array(this.parameterCount)): Float64Array {
    out.set(this.grad);
    return out;
  }

  mark(): number {
    return 0;
  }

  release(): void {
    // Sets are plain objects: nothing to free.
  }
}
