/**
 * A checkpoint as JSON text and back, bit for bit: typed arrays go as base64 of their bytes
 * (`{"$f64": "..."}`, `{"$f32": "..."}`, little-endian as every platform the workbench runs on),
 * plain numbers as JSON numbers (which round-trip every finite double exactly).
 */
import { base64Decode, base64Encode } from '../export/base64';
import type { StateValue } from '../methods/methodState';
import { CHECKPOINT_FORMAT, type RunCheckpoint } from './checkpoint';

function bytesOf(array: Float64Array | Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

export function encodeCheckpoint(checkpoint: RunCheckpoint): string {
  return JSON.stringify(checkpoint, (_key, value: unknown) => {
    if (value instanceof Float64Array) return { $f64: base64Encode(bytesOf(value)) };
    if (value instanceof Float32Array) return { $f32: base64Encode(bytesOf(value)) };
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`a checkpoint cannot hold ${value}`);
    return value;
  });
}

function typedArray(value: unknown): StateValue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || typeof (value as Record<string, unknown>)[keys[0]] !== 'string') return undefined;
  const text = (value as Record<string, string>)[keys[0]];
  if (keys[0] === '$f64' || keys[0] === '$f32') {
    const bytes = base64Decode(text);
    const width = keys[0] === '$f64' ? 8 : 4;
    if (bytes.length % width !== 0) throw new Error(`corrupt ${keys[0]} array (${bytes.length} bytes)`);
    const aligned = new Uint8Array(bytes.length);
    aligned.set(bytes);
    return width === 8 ? new Float64Array(aligned.buffer) : new Float32Array(aligned.buffer);
  }
  return undefined;
}

/** Parses checkpoint text; throws an Error saying what is wrong with it. */
export function decodeCheckpoint(text: string): RunCheckpoint {
  const value = JSON.parse(text, (_key, v: unknown) => typedArray(v) ?? v) as Partial<RunCheckpoint> | null;
  if (!value || value.format !== CHECKPOINT_FORMAT) throw new Error(`not a checkpoint of format ${CHECKPOINT_FORMAT}`);
  const { iteration, seconds, rng, method } = value;
  if (!Number.isInteger(iteration) || typeof seconds !== 'number' || !Array.isArray(rng) || rng.length !== 4 || !method || typeof method.kind !== 'string') {
    throw new Error('checkpoint is missing its iteration, seconds, generator state or method state');
  }
  return value as RunCheckpoint;
}
