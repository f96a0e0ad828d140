import { describe, expect, it } from 'vitest';
import { base64Decode } from '../../../workers/export/base64';
import { meshToGlb, meshToGltf } from '../../../workers/export/gltf';
import { fieldToSurface } from '../../../workers/export/surfaceMesh';
import { analyticSnapshot } from './fixtures';

interface Gltf {
  asset: { version: string };
  scene: number;
  scenes: { nodes: number[] }[];
  nodes: { mesh: number; rotation: number[] }[];
  meshes: { primitives: { attributes: Record<string, number>; indices: number; mode: number }[] }[];
  accessors: { bufferView: number; componentType: number; count: number; type: string; min?: number[]; max?: number[] }[];
  bufferViews: { buffer: number; byteOffset: number; byteLength: number; target: number }[];
  buffers: { byteLength: number; uri?: string }[];
}

describe('meshToGltf', () => {
  const mesh = fieldToSurface(analyticSnapshot(6, 5));
  const gltf = JSON.parse(new TextDecoder().decode(meshToGltf(mesh))) as Gltf;
  const prefix = 'data:application/octet-stream;base64,';
  const buffer = base64Decode((gltf.buffers[0].uri as string).slice(prefix.length));
  const primitive = gltf.meshes[0].primitives[0];

  it('declares glTF 2.0 with one scene, node and triangle mesh', () => {
    expect(gltf.asset.version).toBe('2.0');
    expect(gltf.scenes[gltf.scene].nodes).toEqual([0]);
    expect(gltf.nodes[0].mesh).toBe(0);
    expect(primitive.mode).toBe(4);
    expect(Object.keys(primitive.attributes).sort()).toEqual(['COLOR_0', 'NORMAL', 'POSITION']);
  });

  it('embeds a base64 buffer whose decoded length is its byteLength', () => {
    expect(gltf.buffers[0].uri?.startsWith(prefix)).toBe(true);
    expect(buffer.length).toBe(gltf.buffers[0].byteLength);
  });

  it('keeps every bufferView 4-byte aligned inside the buffer, with vertex and index targets', () => {
    for (const view of gltf.bufferViews) {
      expect(view.byteOffset % 4).toBe(0);
      expect(view.byteOffset + view.byteLength).toBeLessThanOrEqual(gltf.buffers[0].byteLength);
    }
    expect(gltf.bufferViews.map((v) => v.target)).toEqual([34962, 34962, 34962, 34963]);
  });

  it('gives POSITION the vertex count and the exact min/max of the mesh', () => {
    const position = gltf.accessors[primitive.attributes.POSITION];
    expect(position).toMatchObject({ componentType: 5126, type: 'VEC3', count: 30 });
    const axis = (d: number) => [...mesh.positions].filter((_, k) => k % 3 === d);
    expect(position.min).toEqual([0, 1, 2].map((d) => Math.min(...axis(d))));
    expect(position.max).toEqual([0, 1, 2].map((d) => Math.max(...axis(d))));
  });

  it('stores positions and indices that decode back to the mesh', () => {
    const view = gltf.bufferViews[gltf.accessors[primitive.attributes.POSITION].bufferView];
    const positions = new Float32Array(buffer.slice(view.byteOffset, view.byteOffset + view.byteLength).buffer);
    expect(positions).toEqual(mesh.positions);
    const indexAccessor = gltf.accessors[primitive.indices];
    expect(indexAccessor).toMatchObject({ componentType: 5123, type: 'SCALAR', count: mesh.indices.length });
    const indexView = gltf.bufferViews[indexAccessor.bufferView];
    const indices = new Uint16Array(buffer.slice(indexView.byteOffset, indexView.byteOffset + indexView.byteLength).buffer);
    expect([...indices]).toEqual([...mesh.indices]);
  });

  it('stores linear colours, darker than the sRGB ones', () => {
    const view = gltf.bufferViews[gltf.accessors[primitive.attributes.COLOR_0].bufferView];
    const colors = new Float32Array(buffer.slice(view.byteOffset, view.byteOffset + view.byteLength).buffer);
    const srgb = mesh.colors[1];
    const expected = srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
    expect(colors[1]).toBeCloseTo(expected, 6);
  });

  it('turns the z-up surface y-up with a unit quaternion', () => {
    expect(Math.hypot(...gltf.nodes[0].rotation)).toBeCloseTo(1, 12);
  });

  it('refuses a mesh without triangles', () => {
    const snapshot = analyticSnapshot(2, 2);
    snapshot.prediction.fill(NaN);
    expect(() => meshToGltf(fieldToSurface(snapshot))).toThrow(/has no triangles/);
  });
});

describe('meshToGlb', () => {
  it('writes the GLB header, a JSON chunk and a BIN chunk, all 4-byte aligned', () => {
    const glb = meshToGlb(fieldToSurface(analyticSnapshot(4, 4)));
    const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
    expect(view.getUint32(0, true)).toBe(0x46546c67);
    expect(view.getUint32(4, true)).toBe(2);
    expect(view.getUint32(8, true)).toBe(glb.length);
    const jsonLength = view.getUint32(12, true);
    expect(view.getUint32(16, true)).toBe(0x4e4f534a);
    expect(jsonLength % 4).toBe(0);
    const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as Gltf;
    expect(json.buffers[0].uri).toBeUndefined();
    const binLength = view.getUint32(20 + jsonLength, true);
    expect(view.getUint32(24 + jsonLength, true)).toBe(0x004e4942);
    expect(binLength % 4).toBe(0);
    expect(binLength).toBeGreaterThanOrEqual(json.buffers[0].byteLength);
    expect(28 + jsonLength + binLength).toBe(glb.length);
  });
});
