import { describe, expect, it } from 'vitest';
import { base64Decode } from '../../../workers/export/base64';
import { movedMeshExports } from '../../../workers/export/movedMesh';
import type { MeshExport } from '../../../workers/methods/meshMover';
import { uniformMesh } from '../../../workers/mesh/structuredMesh';

function exportOf(type: 'quad' | 'triangle'): MeshExport {
  const mesh = uniformMesh(type, [2, 1], { min: [0, 0], max: [2, 1] });
  const nodes = Float64Array.from(mesh.nodes);
  nodes[2] = 1.25; // move the middle bottom node
  const values = Float64Array.from({ length: 6 }, (_, k) => k / 2);
  return { type, cells: [2, 1], nodes, connectivity: mesh.connectivity, values, axes: ['x', 'y'] };
}

/** The decoded little-endian values of a binary VTU DataArray named `name`. */
function vtuArray(xml: string, name: string): number[] {
  const match = new RegExp(`<DataArray type="(\\w+)" Name="${name}"[^>]*>\\s*(\\S+)\\s*</DataArray>`).exec(xml);
  if (!match) throw new Error(`no DataArray ${name}`);
  const bytes = base64Decode(match[2]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const count = view.getUint32(0, true);
  const read = { Float64: [8, (o: number) => view.getFloat64(o, true)], Int32: [4, (o: number) => view.getInt32(o, true)], UInt8: [1, (o: number) => view.getUint8(o)] } as const;
  const [size, get] = read[match[1] as keyof typeof read];
  return Array.from({ length: count / size }, (_, i) => get(4 + i * size));
}

describe('moved-mesh exports', () => {
  it('the VTU holds the moved nodes, the mesh cells (quads: type 9) and the field as point data', () => {
    const files = new Map(movedMeshExports(exportOf('quad'), 'test'));
    const xml = new TextDecoder().decode(files.get('mesh.vtu'));
    expect(xml).toContain('NumberOfPoints="6" NumberOfCells="2"');
    expect(vtuArray(xml, 'Points').slice(0, 6)).toEqual([0, 0, 0, 1.25, 0, 0]);
    expect(vtuArray(xml, 'connectivity')).toEqual([0, 1, 4, 3, 1, 2, 5, 4]);
    expect(vtuArray(xml, 'offsets')).toEqual([4, 8]);
    expect(vtuArray(xml, 'types')).toEqual([9, 9]);
    expect(vtuArray(xml, 'field')).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
  });

  it('a triangle mesh is written as VTK triangles (type 5), and OBJ, STL and glTF hold its triangles', () => {
    const files = new Map(movedMeshExports(exportOf('triangle'), 'test'));
    const xml = new TextDecoder().decode(files.get('mesh.vtu'));
    expect(vtuArray(xml, 'types')).toEqual([5, 5, 5, 5]);
    const obj = new TextDecoder().decode(files.get('mesh.obj')).split('\n');
    expect(obj.filter((l) => l.startsWith('v ')).length).toBe(6);
    expect(obj.filter((l) => l.startsWith('v '))[1].split(' ').slice(1, 4)).toEqual(['1.25', '0', '0']);
    expect(obj.filter((l) => l.startsWith('f ')).length).toBe(4);
    const stl = files.get('mesh.stl')!;
    expect(new DataView(stl.buffer, stl.byteOffset).getUint32(80, true)).toBe(4);
    const gltf = JSON.parse(new TextDecoder().decode(files.get('mesh.gltf')));
    expect(gltf.accessors.map((a: { count: number }) => a.count)).toEqual([6, 6, 6, 12]);
  });

  it('the SVG figure draws one polygon per cell and outlines inverted cells in red', () => {
    const data = exportOf('quad');
    const svg = (mesh: MeshExport) => new TextDecoder().decode(new Map(movedMeshExports(mesh)).get('mesh.svg'));
    expect(svg(data).match(/<polygon /g)).toHaveLength(2);
    expect(svg(data)).not.toContain('#e00');
    const folded = Float64Array.from(data.nodes);
    folded[2] = -0.5; // the middle bottom node past the left wall folds the left quad
    expect(svg({ ...data, nodes: folded }).match(/stroke="#e00"/g)).toHaveLength(1);
  });
});

describe('moved-mesh PNG figure', () => {
  it('colours the field under the edges and leaves a disk cut out of the box uncoloured', async () => {
    const { decodePng } = await import('../export/pngDecoder');
    const { diskGeometry } = await import('../../../workers/mesh/diskGeometry');
    const geometry = diskGeometry('quad', [32, 8], { min: [0, 0], max: [2, 1] }, { center: [0.5, 0.5], radius: 0.2 });
    const mesh = geometry.physical(geometry.logical.nodes);
    const values = Float64Array.from({ length: mesh.nodes.length / 2 }, (_, k) => mesh.nodes[2 * k]);
    const png = new Map(movedMeshExports({ type: 'quad', cells: [32, 8], nodes: mesh.nodes, connectivity: mesh.connectivity, values, axes: ['x', 'y'] })).get('mesh.png')!;
    const image = decodePng(png);
    expect([image.width, image.height]).toEqual([960, 480]);
    const at = (x: number, y: number) => {
      const i = 4 * (Math.round(480 - y * 480) * 960 + Math.round(x * 480));
      return Array.from(image.pixels.subarray(i, i + 3));
    };
    expect(at(0.5, 0.5)).toEqual([235, 235, 235]); // the disk's centre
    // Viridis: dark purple at the left, yellow at the right (values are x), away from edges.
    const [left, right] = [at(0.03, 0.93), at(1.97, 0.07)];
    expect(left[2]).toBeGreaterThan(left[1]);
    expect(right[0] + right[1]).toBeGreaterThan(400);
  });
});

describe('moved-mesh exports re-read by meshio', () => {
  it.skipIf(!hasMeshio())('meshio reads the VTU (points, quads, field) and the STL and OBJ (triangles)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const dir = mkdtempSync('/tmp/mesh-export-');
    for (const [name, bytes] of movedMeshExports(exportOf('quad'), 'test')) writeFileSync(`${dir}/${name}`, bytes);
    const script = `import meshio, json
out = {}
for name in ['mesh.vtu', 'mesh.stl', 'mesh.obj']:
    m = meshio.read('${dir}/' + name)
    out[name] = {'points': m.points[:, :2].round(6).tolist(), 'cells': [[c.type, c.data.tolist()] for c in m.cells], 'field': m.point_data.get('field', []).tolist() if 'field' in m.point_data else None}
print(json.dumps(out))`;
    const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }));
    expect(read['mesh.vtu'].points[1]).toEqual([1.25, 0]);
    expect(read['mesh.vtu'].cells).toEqual([['quad', [[0, 1, 4, 3], [1, 2, 5, 4]]]]);
    expect(read['mesh.vtu'].field).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(read['mesh.obj'].cells[0][1]).toHaveLength(4);
    expect(read['mesh.stl'].cells[0][0]).toBe('triangle');
    expect(read['mesh.stl'].cells[0][1]).toHaveLength(4);
  });
});

function hasMeshio(): boolean {
  try {
    require('node:child_process').execFileSync('/usr/bin/python3', ['-c', 'import meshio'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
