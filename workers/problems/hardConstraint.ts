/**
 * Dirichlet data built into the network output (Lagaris et al. 1998; Sukumar & Srivastava 2022):
 *   u(x) = g(x) + D(x)·N(x),   D = Π over the hard faces of the normalised distance to the face,
 * so u = g holds exactly on those faces whatever the network N does. g is the condition's own
 * value expression, read as a function on the whole box. Derivatives of u follow by the product
 * rule from N's Taylor jet and the symbolic derivatives of g and D.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Expr } from '../expr/ast';
import { bindExpression, compileNumeric } from '../expr/compile';
import { differentiateBounded } from '../expr/differentiate';
import type { Scope } from '../expr/scope';
import { jetKey, type DerivativeRequest, type Jet } from '../engine/taylorMlp';
import { tensorAlgebra } from '../engine/tensorAlgebra';
import type { DomainSpec } from '../config/schema';
import { lowerCorner, upperCorner, type Face } from './domain';

export interface HardConstraint {
  unknown: string;
  value: Expr;
  distance: Expr;
}

const num = (value: number): Expr => ({ kind: 'num', value });

/** Π (x_d − a_d)/(b_d − a_d) or (b_d − x_d)/(b_d − a_d) over the faces, as an expression. */
export function distanceExpression(faces: readonly Face[], domain: DomainSpec, coordinates: readonly string[]): Expr {
  const lo = lowerCorner(domain);
  const hi = upperCorner(domain);
  return faces.reduce<Expr>((product, face) => {
    const x: Expr = { kind: 'name', name: coordinates[face.dim], column: 0 };
    const span = hi[face.dim] - lo[face.dim];
    const gap: Expr = face.side === 'min' ? { kind: 'bin', op: '-', left: x, right: num(lo[face.dim]) } : { kind: 'bin', op: '-', left: num(hi[face.dim]), right: x };
    const factor: Expr = { kind: 'bin', op: '/', left: gap, right: num(span) };
    return product.kind === 'num' && product.value === 1 ? factor : { kind: 'bin', op: '*', left: product, right: factor };
  }, num(1));
}

/** The jet (value and requested derivatives) of a coordinate expression at fixed points, as kept tensors. */
function staticJet(expr: Expr, scope: Scope, coordinates: tf.Tensor[], keys: readonly number[][]): Map<string, tf.Tensor> {
  const jet = new Map<string, tf.Tensor>();
  for (const dims of keys) {
    const derivative = differentiateBounded(expr, dims, scope);
    const n = coordinates[0].shape[0];
    jet.set(jetKey(dims), tf.keep(tf.tidy(() => tf.add(tf.zeros([n, 1]), bindExpression(derivative, scope, tensorAlgebra, coordinates).evaluate({})))));
  }
  return jet;
}

/** Rewrites a network jet into the jet of u = g + D·N for the hard-constrained outputs, at one point set. */
export class HardJetTransform {
  private readonly g: Map<string, tf.Tensor>[];
  private readonly d: Map<string, tf.Tensor>[];

  constructor(
    private readonly constraints: readonly HardConstraint[],
    private readonly unknowns: readonly string[],
    scope: Scope,
    coordinates: tf.Tensor[],
    request: DerivativeRequest,
  ) {
    const firsts = [...new Set([...request.first, ...request.second.flat()])].map((d) => [d]);
    const keys = [[], ...firsts, ...request.second.map(([i, j]) => (i <= j ? [i, j] : [j, i]))];
    this.g = constraints.map((c) => staticJet(c.value, scope, coordinates, keys));
    this.d = constraints.map((c) => staticJet(c.distance, scope, coordinates, keys));
  }

  apply(jet: Jet): Jet {
    if (this.constraints.length === 0) return jet;
    const out: Jet = new Map();
    for (const [key, entry] of jet) {
      // One slice per column (not tf.split): the gradient of tf.split with some outputs unused came out wrong
      // on tfjs 4.22 (finite-difference check in tests/unit/navierStokes/systemTraining.test.ts).
      const columns: tf.Tensor[] = this.unknowns.length === 1 ? [entry] : this.unknowns.map((_, q) => tf.slice(entry, [0, q], [-1, 1]));
      this.constraints.forEach((constraint, c) => {
        const q = this.unknowns.indexOf(constraint.unknown);
        columns[q] = this.product(c, key, (k) => (this.unknowns.length === 1 ? jet.get(k)! : tf.slice(jet.get(k)!, [0, q], [-1, 1])));
      });
      out.set(key, (columns.length === 1 ? columns[0] : tf.concat(columns, 1)) as tf.Tensor2D);
    }
    return out;
  }

  /** The `key` entry of g + D·N by the product (Leibniz) rule. */
  private product(c: number, key: string, network: (key: string) => tf.Tensor): tf.Tensor {
    const g = this.g[c];
    const d = this.d[c];
    const dims = key === '' ? [] : key.split(',').map(Number);
    if (dims.length === 0) return tf.add(g.get('')!, tf.mul(d.get('')!, network('')));
    if (dims.length === 1) {
      return tf.addN([g.get(key)!, tf.mul(d.get(key)!, network('')), tf.mul(d.get('')!, network(key))]);
    }
    const [i, j] = dims;
    const ki = jetKey([i]);
    const kj = jetKey([j]);
    return tf.addN([
      g.get(key)!,
      tf.mul(d.get(key)!, network('')),
      tf.mul(d.get(ki)!, network(kj)),
      tf.mul(d.get(kj)!, network(ki)),
      tf.mul(d.get('')!, network(key)),
    ]);
  }

  dispose(): void {
    for (const map of [...this.g, ...this.d]) tf.dispose([...map.values()]);
  }
}

/** Float64 u = g + D·N at points, for predictions. */
export function applyHardToValues(constraints: readonly HardConstraint[], unknowns: readonly string[], scope: Scope, points: Float64Array, values: Float32Array[]): void {
  const dims = scope.coordinates.length;
  for (const constraint of constraints) {
    const q = unknowns.indexOf(constraint.unknown);
    const g = compileNumeric(constraint.value, scope);
    const d = compileNumeric(constraint.distance, scope);
    const out = values[q];
    for (let i = 0; i < out.length; i++) {
      const p = points.subarray(i * dims, (i + 1) * dims);
      out[i] = g(p) + d(p) * out[i];
    }
  }
}
