/**
 * Exports of a moved mesh (mesh-mover runs): a VTU UnstructuredGrid with the mesh's own cells
 * (VTK_QUAD 9 or VTK_TRIANGLE 5) and the field as point data, and the mesh as a flat surface
 * coloured by the field (z = 0; quads cut into two triangles) for OBJ, STL and glTF, and an SVG
 * figure of the cells filled by the field with their edges drawn (inverted cells outlined in red),
 * and a PNG of the same (movedMeshPng.ts: the field interpolated per pixel under the edges).
 */
import type { MeshExport } from '../methods/meshMover';
import { sampleColormap, getColormap, valueRange, normalizeInRange } from './colormap';
import { meshToGltf } from './gltf';
import { meshToObj } from './obj';
import { meshToStl } from './stl';
import type { SurfaceMesh } from './surfaceMesh';
import { isCellInverted } from '../mesh/meshQuality';
import type { StructuredMesh } from '../mesh/structuredMesh';
import { unstructuredGridVtu } from './vtu';
import { movedMeshPng } from './movedMeshPng';

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
  return unstructuredGridVtu(
    {
      comment: `moved ${mesh.type} mesh ${mesh.cells[0]}×${mesh.cells[1]} of ${name}; axes ${mesh.axes[0]} → X, ${mesh.axes[1]} → Y`,
      pointData: [{ name: 'field', type: 'Float64', components: 1, values: mesh.values }],
      points,
      cells: { connectivity: Int32Array.from(mesh.connectivity), offsets, types },
    },
    'binary',
  );
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

const SVG_SIZE = 640;

/** An SVG drawing of the mesh: each cell filled with the colour of its mean field value, edges in dark grey. */
export function movedMeshSvg(mesh: MeshExport, name = 'mesh'): string {
  const perCell = mesh.type === 'quad' ? 4 : 3;
  const xs = mesh.nodes.filter((_, i) => i % 2 === 0);
  const ys = mesh.nodes.filter((_, i) => i % 2 === 1);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = SVG_SIZE / Math.max(x1 - x0, y1 - y0);
  const [width, height] = [Math.round((x1 - x0) * scale), Math.round((y1 - y0) * scale)];
  const map = getColormap('viridis');
  const range = valueRange(mesh.values);
  const polygons: string[] = [];
  const structured: StructuredMesh = { ...mesh, box: { min: [x0, y0], max: [x1, y1] } };
  for (let c = 0; c < mesh.connectivity.length / perCell; c++) {
    const corners = Array.from(mesh.connectivity.subarray(c * perCell, (c + 1) * perCell));
    const mean = corners.reduce((s, k) => s + mesh.values[k], 0) / perCell;
    const [r, g, b] = sampleColormap(map, normalizeInRange(mean, range)).map((v) => Math.round(255 * v));
    const points = corners.map((k) => `${((mesh.nodes[2 * k] - x0) * scale).toFixed(2)},${((y1 - mesh.nodes[2 * k + 1]) * scale).toFixed(2)}`).join(' ');
    const stroke = isCellInverted(structured, c) ? '#e00' : '#333';
    polygons.push(`<polygon points="${points}" fill="rgb(${r},${g},${b})" stroke="${stroke}" stroke-width="0.6"/>`);
  }
  const title = `${name}: moved ${mesh.type} mesh ${mesh.cells[0]}×${mesh.cells[1]}`.replace(/[<>&"]/g, ' ');
  return [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`, `<title>${title}</title>`, ...polygons, '</svg>', ''].join('\n');
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
    ['mesh.svg', text(movedMeshSvg(mesh, name))],
    ['mesh.png', movedMeshPng(mesh)],
  ];
}
