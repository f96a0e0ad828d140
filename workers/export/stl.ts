/**
 * A SurfaceMesh as binary STL: an 80-byte header, a UInt32 triangle count, then per triangle
 * the unit face normal, its three vertices (12 float32, little-endian) and a zero UInt16.
 */
import type { SurfaceMesh } from './surfaceMesh';

const HEADER_BYTES = 80;
const TRIANGLE_BYTES = 50;

/** Binary STL bytes of a mesh; the header holds the mesh name (ASCII, not starting with "solid"). */
export function meshToStl(mesh: SurfaceMesh): Uint8Array {
  const { positions, normals, indices } = mesh;
  const count = indices.length / 3;
  const bytes = new Uint8Array(HEADER_BYTES + 4 + count * TRIANGLE_BYTES);
  bytes.set(headerBytes(mesh.name));
  const view = new DataView(bytes.buffer);
  view.setUint32(HEADER_BYTES, count, true);
  let offset = HEADER_BYTES + 4;
  for (let t = 0; t < indices.length; t += 3) {
    const corners = [3 * indices[t], 3 * indices[t + 1], 3 * indices[t + 2]];
    for (const value of faceNormal(positions, normals, corners)) {
      view.setFloat32(offset, value, true);
      offset += 4;
    }
    for (const k of corners) {
      for (let d = 0; d < 3; d++) {
        view.setFloat32(offset, positions[k + d], true);
        offset += 4;
      }
    }
    offset += 2;
  }
  return bytes;
}

function headerBytes(name: string): Uint8Array {
  // Readers take a header starting with "solid" for ASCII STL, so the name never leads.
  const text = `binary STL: ${name}`.replace(/[^\x20-\x7e]/g, '?').slice(0, HEADER_BYTES);
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/** The unit normal of a triangle; for a degenerate one, the mean of its vertex normals. */
function faceNormal(positions: Float32Array, normals: Float32Array, [a, b, c]: number[]): number[] {
  const u = [positions[b] - positions[a], positions[b + 1] - positions[a + 1], positions[b + 2] - positions[a + 2]];
  const v = [positions[c] - positions[a], positions[c + 1] - positions[a + 1], positions[c + 2] - positions[a + 2]];
  const cross = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
  const length = Math.hypot(cross[0], cross[1], cross[2]);
  if (length > 0) return cross.map((x) => x / length);
  const mean = [0, 1, 2].map((d) => normals[a + d] + normals[b + d] + normals[c + d]);
  const meanLength = Math.hypot(mean[0], mean[1], mean[2]);
  return meanLength > 0 ? mean.map((x) => x / meanLength) : [0, 0, 1];
}
