/**
 * Activation functions with the first two derivatives, as tensor expressions, for Taylor-mode
 * propagation: a = σ(z), a' = σ'(z) z', a'' = σ''(z) z'z' + σ'(z) z''.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface ActivationJet {
  value: tf.Tensor;
  d1: tf.Tensor;
  /** Absent when only first derivatives are needed. */
  d2?: tf.Tensor;
}

export interface Activation {
  name: string;
  jet(z: tf.Tensor, needSecond: boolean): ActivationJet;
  apply(z: tf.Tensor): tf.Tensor;
  /** Float64 scalar versions for the reference path and tests. */
  scalar: (z: number) => [number, number, number];
}

const sigmoid64 = (z: number) => 1 / (1 + Math.exp(-z));

export const ACTIVATIONS: Readonly<Record<string, Activation>> = {
  tanh: {
    name: 'tanh',
    apply: tf.tanh,
    jet(z, needSecond) {
      const value = tf.tanh(z);
      const d1 = tf.sub(1, tf.square(value));
      return { value, d1, d2: needSecond ? tf.mul(tf.mul(value, d1), -2) : undefined };
    },
    scalar(z) {
      const t = Math.tanh(z);
      const s = 1 - t * t;
      return [t, s, -2 * t * s];
    },
  },
  sin: {
    name: 'sin',
    apply: tf.sin,
    jet(z, needSecond) {
      const value = tf.sin(z);
      return { value, d1: tf.cos(z), d2: needSecond ? tf.neg(value) : undefined };
    },
    scalar: (z) => [Math.sin(z), Math.cos(z), -Math.sin(z)],
  },
  sigmoid: {
    name: 'sigmoid',
    apply: tf.sigmoid,
    jet(z, needSecond) {
      const value = tf.sigmoid(z);
      const d1 = tf.mul(value, tf.sub(1, value));
      return { value, d1, d2: needSecond ? tf.mul(d1, tf.sub(1, tf.mul(value, 2))) : undefined };
    },
    scalar(z) {
      const s = sigmoid64(z);
      const d = s * (1 - s);
      return [s, d, d * (1 - 2 * s)];
    },
  },
  softplus: {
    name: 'softplus',
    apply: tf.softplus,
    jet(z, needSecond) {
      const s = tf.sigmoid(z);
      return { value: tf.softplus(z), d1: s, d2: needSecond ? tf.mul(s, tf.sub(1, s)) : undefined };
    },
    scalar(z) {
      const s = sigmoid64(z);
      return [z > 30 ? z : Math.log1p(Math.exp(z)), s, s * (1 - s)];
    },
  },
};

export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as [string, ...string[]];

export function activationByName(name: string): Activation {
  const activation = ACTIVATIONS[name];
  if (!activation) {
    throw new Error(`unknown activation '${name}' (known: ${ACTIVATION_NAMES.join(', ')})`);
  }
  return activation;
}
