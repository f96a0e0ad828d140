/** The expression algebra over tfjs tensors (float32). */
import * as tf from '@tensorflow/tfjs-core';
import type { Algebra } from '../expr/compile';

const UNARY: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  sin: tf.sin,
  cos: tf.cos,
  tan: tf.tan,
  exp: tf.exp,
  log: tf.log,
  sqrt: tf.sqrt,
  abs: tf.abs,
  tanh: tf.tanh,
  sinh: tf.sinh,
  cosh: tf.cosh,
  atan: tf.atan,
};

export const tensorAlgebra: Algebra<tf.Tensor> = {
  constant: (value) => tf.scalar(value),
  neg: tf.neg,
  add: tf.add,
  sub: tf.sub,
  mul: tf.mul,
  div: tf.div,
  pow(a, b, exponent) {
    if (exponent === 2) return tf.square(a);
    if (exponent === 1) return a;
    if (exponent === 3) return tf.mul(tf.square(a), a);
    if (exponent === 0.5) return tf.sqrt(a);
    return tf.pow(a, b);
  },
  call(fn, args) {
    if (fn === 'pow') return this.pow(args[0], args[1]);
    const op = UNARY[fn];
    if (!op) throw new Error(`internal: no tensor op for '${fn}'`);
    return op(args[0]);
  },
};
