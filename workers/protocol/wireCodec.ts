/**
 * JSON encoding for Comlink messages that cross a WebSocket (serve mode). Structured clone is not
 * available there, so typed arrays travel as tagged base64 and come back as the same array type.
 * Pure: used by the browser and by Node.
 */

const TYPED_ARRAYS = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint32Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int8Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

interface TaggedArray {
  $typed: TypedArrayName;
  b64: string;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

function base64ToBytes(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isTagged(value: unknown): value is TaggedArray {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TaggedArray).$typed === 'string' &&
    typeof (value as TaggedArray).b64 === 'string' &&
    (value as TaggedArray).$typed in TYPED_ARRAYS
  );
}

export function encodeWire(message: unknown): string {
  return JSON.stringify(message, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const name = value.constructor.name as TypedArrayName;
      if (!(name in TYPED_ARRAYS)) throw new Error(`wire: cannot encode ${name}`);
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return { $typed: name, b64: bytesToBase64(bytes) } satisfies TaggedArray;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return { $number: String(value) };
    }
    return value;
  });
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (isTagged(value)) {
      const bytes = base64ToBytes(value.b64);
      const Ctor = TYPED_ARRAYS[value.$typed];
      return new Ctor(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
    }
    if (typeof value === 'object' && value !== null && typeof (value as { $number?: unknown }).$number === 'string') {
      return Number((value as { $number: string }).$number);
    }
    return value;
  });
}
