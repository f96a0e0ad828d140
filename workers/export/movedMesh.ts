/**
 * Exports of a moved mesh (mesh-mover runs): a VTU UnstructuredGrid with the mesh's own cells
 * (VTK_QUAD 9 or VTK_TRIANGLE 5) and the field as point data, and the mesh as a flat surface
 * coloured by the field (z = 0; quads cut into two triangles) for OBJ, STL and glTF.
 */
import type { MeshExport } from '../methods/meshMover';
import { sampleColormap, getColormap, valueRange, normalizeInRange } from './colormap';
import { meshToGltf } from './gltf';
import { meshToObj } from './obj';
import { meshToStl } from './stl';
import type { SurfaceMesh } from './surfaceMesh';
import { dataArrayXml, type DataArray } from './vtu';

const VTK_TRIANGLE = 5;
const VTK_QUAD = 9;

export function movedMeshToVtu(mesh: MeshExport, name = 'mesh'): Uint8Array {
  const perCell = mesh.type === 'quad' ? 4 : 3;
  const count = mesh.connectivity.length / perCell;
  const nodeCount = mesh.nodes.length / 2;
  const points = new Float64Array(3 * nodeCount);
  for (let k = 0; k < nodeCount; k++) points.set([mesh.nodes[2 * k], mesh.nodes[2 * k + 1], 0], 3 * k);
  const offsets = Int32Array.from({ length: count }, (_, c) => (c + 1) * perCell);
  const types = new Uint8Array(count).fill(mesh.type === 'quad' ? VTK_QUAD : VTK_TRIANGLE);
  const write = (array: DataArray, indent: string) => dataArrayXml(array, 'binary', indent);
  const xml = [
    '<?xml version="1.0"?>',
    `<!-- moved ${mesh.type} mesh ${mesh.cells[0]}×${mesh.cells[1]} of ${name}; axes ${mesh.axes[0]} → X, ${mesh.axes[1]} → Y -->`,
    '<VTKFile type="UnstructuredGrid" version="1.0" byte_order="LittleEndian" header_type="UInt32">',
    '  <UnstructuredGrid>',
    `    <Piece NumberOfPoints="${nodeCount}" NumberOfCells="${count}">`,
    '      <PointData Scalars="field">',
    write({ name: 'field', type: 'Float64', components: 1, values: mesh.values }, '        '),
    '      </PointData>',
    '      <Points>',
    write({ name: 'Points', type: 'Float64', components: 3, values: points }, '        '),
    '      </Points>',
    '      <Cells>',
    write({ name: 'connectivity', type: 'Int32', components: 1, values: Int32Array.from(mesh.connectivity) }, '        '),
    write({ name: 'offsets', type: 'Int32', components: 1, values: offsets }, '        '),
    write({ name: 'types', type: 'UInt8', components: 1, values: types }, '        '),
    '      </Cells>',
    '    </Piece>',
    '  </UnstructuredGrid>',
    '</VTKFile>',
    '',
  ].join('\n');
  return new TextEncoder().encode(xml);
}

/** The moved mesh as a flat triangle surface (z = 0) coloured by the field with viridis. */
export function movedMeshSurface(mesh: MeshExport, name = 'mesh'): SurfaceMesh {
  const nodeCount = mesh.nodes.length / 2;
  const positions = new Float32Array(3 * nodeCount);
  const normals = new Float32Array(3 * nodeCount);
  const colors = new Float32Array(3 * nodeCount);
  const map = getColormap('viridis');
  const range = valueRange(mesh.values);
  for (let k = 0; k < nodeCount; k++) {
    positions.set([mesh.nodes[2 * k], mesh.nodes[2 * k + 1], 0], 3 * k);
    normals.set([0, 0, 1], 3 * k);
    colors.set(sampleColormap(map, normalizeInRange(mesh.values[k], range)), 3 * k);
  }
  const quads = mesh.type === 'quad';
  const c = mesh.connectivity;
  const indices = quads ? new Uint32Array((c.length / 4) * 6) : Uint32Array.from(c);
  if (quads) for (let q = 0, t = 0; q < c.length; q += 4, t += 6) indices.set([c[q], c[q + 1], c[q + 2], c[q], c[q + 2], c[q + 3]], t);
  return { name: `${name}: moved ${mesh.type} mesh`, positions, normals, colors, indices };
}

/** File name → bytes of every moved-mesh export. */
export function movedMeshExports(mesh: MeshExport, name?: string): [string, Uint8Array][] {
  const surface = movedMeshSurface(mesh, name);
  const text = (s: string) => new TextEncoder().encode(s);
  return [
    ['mesh.vtu', movedMeshToVtu(mesh, name)],
    ['mesh.obj', text(meshToObj(surface, { up: 'z' }))],
    ['mesh.stl', meshToStl(surface)],
    ['mesh.gltf', meshToGltf(surface)],
  ];
}
