/**
 * A PNG figure of a moved mesh: the field's piecewise-linear interpolant on the mesh in the
 * viridis colour map (pixels no cell covers, e.g. a disk cut out of the box, in light grey), each
 * mesh edge drawn once over it in dark grey, and inverted cells outlined in red.
 */
import type { MeshExport } from '../methods/meshMover';
import { isCellInverted } from '../mesh/meshQuality';
import type { StructuredMesh } from '../mesh/structuredMesh';
import { TriangleLocator } from '../mesh/triangleLocator';
import { getColormap, normalizeInRange, sampleColormap, valueRange } from './colormap';
import { RasterImage, type Point, type Rgba8 } from './raster';

const LONG_SIDE = 960;
const EDGE: Rgba8 = [40, 40, 40, 200];
const INVERTED: Rgba8 = [224, 0, 0, 255];
const OUTSIDE: Rgba8 = [235, 235, 235, 255];

export function movedMeshPng(mesh: MeshExport): Uint8Array {
  const perCell = mesh.type === 'quad' ? 4 : 3;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let k = 0; k < mesh.nodes.length; k += 2) {
    [x0, x1] = [Math.min(x0, mesh.nodes[k]), Math.max(x1, mesh.nodes[k])];
    [y0, y1] = [Math.min(y0, mesh.nodes[k + 1]), Math.max(y1, mesh.nodes[k + 1])];
  }
  const scale = LONG_SIDE / Math.max(x1 - x0, y1 - y0);
  const [width, height] = [Math.max(1, Math.round((x1 - x0) * scale)), Math.max(1, Math.round((y1 - y0) * scale))];
  const image = new RasterImage(width, height);
  const structured: StructuredMesh = { ...mesh, box: { min: [x0, y0], max: [x1, y1] } };
  // Pixel centres in mesh coordinates (row 0 at the top), interpolated in one pass.
  const points = new Float64Array(2 * width * height);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const k = py * width + px;
      points[2 * k] = x0 + (px + 0.5) / scale;
      points[2 * k + 1] = y1 - (py + 0.5) / scale;
    }
  }
  const values = new TriangleLocator(structured).interpolate(mesh.values, points);
  const map = getColormap('viridis');
  const range = valueRange(mesh.values);
  for (let k = 0; k < values.length; k++) {
    const [px, py] = [k % width, Math.floor(k / width)];
    if (!Number.isFinite(values[k])) image.blend(px, py, OUTSIDE);
    else {
      const [r, g, b] = sampleColormap(map, normalizeInRange(values[k], range));
      image.blend(px, py, [Math.round(255 * r), Math.round(255 * g), Math.round(255 * b), 255]);
    }
  }
  const pixel = (node: number): Point => [(mesh.nodes[2 * node] - x0) * scale, (y1 - mesh.nodes[2 * node + 1]) * scale];
  const drawn = new Set<number>();
  const nodeCount = mesh.nodes.length / 2;
  const cells = mesh.connectivity.length / perCell;
  for (let c = 0; c < cells; c++) {
    for (let v = 0; v < perCell; v++) {
      const [a, b] = [mesh.connectivity[c * perCell + v], mesh.connectivity[c * perCell + ((v + 1) % perCell)]];
      const key = Math.min(a, b) * nodeCount + Math.max(a, b);
      if (drawn.has(key)) continue;
      drawn.add(key);
      image.strokePolyline([pixel(a), pixel(b)], EDGE, 1);
    }
  }
  for (let c = 0; c < cells; c++) {
    if (!isCellInverted(structured, c)) continue;
    const corners = Array.from(mesh.connectivity.subarray(c * perCell, (c + 1) * perCell), pixel);
    image.strokePolyline([...corners, corners[0]], INVERTED, 2);
  }
  return image.toPng();
}
