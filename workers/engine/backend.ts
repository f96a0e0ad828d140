/**
 * Chooses the tfjs backend once per process: the native TensorFlow bindings when installed
 * (optional dependencies that download libtensorflow at install time), then WebAssembly (SIMD,
 * the embedded default), then plain JavaScript.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's gradient registrations ship only as directory-importing ES modules, which Node
// cannot load; the umbrella package's Node bundle registers them (into tfjs-core's global registry).
import '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type BackendRequest = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

let chosen: Promise<string> | undefined;

async function tryNative(): Promise<boolean> {
  for (const name of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await import(/* @vite-ignore */ name);
      if (await tf.setBackend('tensorflow')) return true;
    } catch {
      // not installed, or libtensorflow missing: fall through to the next choice
    }
  }
  return false;
}

async function tryWasm(): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(dist + path.sep, false);
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

async function tryCpu(): Promise<boolean> {
  await import('@tensorflow/tfjs-backend-cpu');
  return tf.setBackend('cpu');
}

async function choose(request: BackendRequest): Promise<string> {
  const order: Record<BackendRequest, (() => Promise<boolean>)[]> = {
    auto: [tryNative, tryWasm, tryCpu],
    tensorflow: [tryNative],
    wasm: [tryWasm],
    cpu: [tryCpu],
  };
  for (const attempt of order[request]) {
    if (await attempt()) {
      await tf.ready();
      return tf.getBackend();
    }
  }
  throw new Error(`backend '${request}' is not available on this machine`);
}

/** Initialises tfjs with the requested backend; later calls return the first choice. */
export function initBackend(request: BackendRequest = 'auto'): Promise<string> {
  chosen ??= choose(request);
  return chosen;
}
