/**
 * A SurfaceMesh as glTF 2.0 (https://registry.khronos.org/glTF/specs/2.0/glTF-2.0.html): one
 * buffer holding POSITION, NORMAL, COLOR_0 (linear RGB, as glTF requires) and the indices, each in
 * its own 4-byte-aligned bufferView. The mesh is z-up; its node rotates it −90° about x so that
 * viewers (y-up) show the height as up. Written as a .gltf with the buffer as a base64 data URI,
 * or as a binary .glb.
 */
import { base64Encode } from './base64';
import type { SurfaceMesh } from './surfaceMesh';

const ARRAY_BUFFER = 34962;
const ELEMENT_ARRAY_BUFFER = 34963;
const FLOAT = 5126;
const UNSIGNED_SHORT = 5123;
const UNSIGNED_INT = 5125;
const TRIANGLES = 4;
const Z_UP_TO_Y_UP = [-Math.SQRT1_2, 0, 0, Math.SQRT1_2];

interface GltfParts {
  json: Record<string, unknown>;
  binary: Uint8Array;
}

/** A .gltf JSON file with the mesh's buffer embedded as a base64 data URI. */
export function meshToGltf(mesh: SurfaceMesh): Uint8Array {
  const { json, binary } = gltfParts(mesh);
  const buffers = [{ byteLength: binary.length, uri: `data:application/octet-stream;base64,${base64Encode(binary)}` }];
  return new TextEncoder().encode(JSON.stringify({ ...json, buffers }));
}

/** A binary .glb file: 12-byte header, JSON chunk padded with spaces, BIN chunk padded with zeros. */
export function meshToGlb(mesh: SurfaceMesh): Uint8Array {
  const { json, binary } = gltfParts(mesh);
  const jsonBytes = new TextEncoder().encode(JSON.stringify({ ...json, buffers: [{ byteLength: binary.length }] }));
  const jsonLength = align4(jsonBytes.length);
  const binLength = align4(binary.length);
  const total = 12 + 8 + jsonLength + 8 + binLength;
  const glb = new Uint8Array(total);
  const view = new DataView(glb.buffer);
  view.setUint32(0, 0x46546c67, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonLength, true);
  view.setUint32(16, 0x4e4f534a, true);
  glb.fill(0x20, 20, 20 + jsonLength);
  glb.set(jsonBytes, 20);
  const binStart = 20 + jsonLength;
  view.setUint32(binStart, binLength, true);
  view.setUint32(binStart + 4, 0x004e4942, true);
  glb.set(binary, binStart + 8);
  return glb;
}

function gltfParts(mesh: SurfaceMesh): GltfParts {
  const vertexCount = mesh.positions.length / 3;
  if (mesh.indices.length === 0) throw new Error(`surface '${mesh.name}' has no triangles (no finite values to draw)`);
  const indices = vertexCount <= 65535 ? Uint16Array.from(mesh.indices) : mesh.indices;
  const attributes = [mesh.positions, mesh.normals, linearColors(mesh.colors)];
  const chunks: Uint8Array[] = [...attributes, indices].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const offsets: number[] = [];
  let byteLength = 0;
  for (const chunk of chunks) {
    offsets.push(byteLength);
    byteLength = align4(byteLength + chunk.length);
  }
  byteLength = offsets[offsets.length - 1] + chunks[chunks.length - 1].length;
  const binary = new Uint8Array(byteLength);
  chunks.forEach((chunk, k) => binary.set(chunk, offsets[k]));

  const bufferViews = chunks.map((chunk, k) => ({
    buffer: 0,
    byteOffset: offsets[k],
    byteLength: chunk.length,
    target: k < attributes.length ? ARRAY_BUFFER : ELEMENT_ARRAY_BUFFER,
  }));
  const { min, max } = positionBounds(mesh.positions);
  const vec3 = (bufferView: number) => ({ bufferView, componentType: FLOAT, count: vertexCount, type: 'VEC3' });
  const accessors = [
    { ...vec3(0), min, max },
    vec3(1),
    vec3(2),
    { bufferView: 3, componentType: indices instanceof Uint16Array ? UNSIGNED_SHORT : UNSIGNED_INT, count: indices.length, type: 'SCALAR' },
  ];
  const json = {
    asset: { version: '2.0', generator: 'pde-workbench export' },
    scene: 0,
    scenes: [{ name: mesh.name, nodes: [0] }],
    nodes: [{ name: mesh.name, mesh: 0, rotation: Z_UP_TO_Y_UP }],
    meshes: [
      {
        name: mesh.name,
        primitives: [{ attributes: { POSITION: 0, NORMAL: 1, COLOR_0: 2 }, indices: 3, material: 0, mode: TRIANGLES }],
      },
    ],
    materials: [
      {
        name: 'field colours',
        pbrMetallicRoughness: { baseColorFactor: [1, 1, 1, 1], metallicFactor: 0, roughnessFactor: 0.8 },
        doubleSided: true,
      },
    ],
    accessors,
    bufferViews,
  };
  return { json, binary };
}

function positionBounds(positions: Float32Array): { min: number[]; max: number[] } {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let k = 0; k < positions.length; k++) {
    const d = k % 3;
    if (positions[k] < min[d]) min[d] = positions[k];
    if (positions[k] > max[d]) max[d] = positions[k];
  }
  return { min, max };
}

/** sRGB to linear RGB (IEC 61966-2-1), since glTF vertex colours are linear. */
function linearColors(srgb: Float32Array): Float32Array {
  return srgb.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
