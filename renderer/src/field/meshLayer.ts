/**
 * A mesh mover's mesh drawn over the field in the field scene: its edges as line segments just
 * above the surface (heights sampled from the field at the nodes), and optionally its cells
 * filled by quality (shortest / longest edge: red for slivers through yellow to green for square
 * cells; magenta for inverted ones). Geometry is rebuilt per update (meshes are small);
 * `dispose()` releases it.
 */
import { BufferAttribute, BufferGeometry, DoubleSide, LineBasicMaterial, LineSegments, Mesh, MeshBasicMaterial, type Scene } from 'three';
import type { MeshOverlay } from '../../../workers/mesh/meshOverlay';
import { sampleGrid, type FieldValues } from './fieldValues';

const LIFT = 0.004;

/** Quality in [0, 1] → red–yellow–green; −1 (inverted) → magenta. */
export function qualityColor(q: number): [number, number, number] {
  if (q < 0) return [1, 0, 1];
  const t = Math.min(1, Math.max(0, q));
  return t < 0.5 ? [0.85, 0.15 + 1.4 * t, 0.1] : [0.85 - 1.3 * (t - 0.5), 0.85, 0.1 + 0.3 * (t - 0.5)];
}

export interface MeshPlacement {
  field: FieldValues;
  extent: [number, number];
  height: (value: number) => number;
}

export class MeshLayer {
  private readonly lineMaterial = new LineBasicMaterial({ color: 0xf2f2f2, transparent: true, opacity: 0.75 });
  private readonly cellMaterial = new MeshBasicMaterial({ vertexColors: true, side: DoubleSide, transparent: true, opacity: 0.6, polygonOffset: true, polygonOffsetFactor: -1 });
  private readonly lines = new LineSegments(new BufferGeometry(), this.lineMaterial);
  private readonly cells = new Mesh(new BufferGeometry(), this.cellMaterial);

  constructor(scene: Scene) {
    this.lines.visible = this.cells.visible = false;
    scene.add(this.cells, this.lines);
  }

  update(overlay: MeshOverlay | undefined, placement: MeshPlacement | undefined, showEdges: boolean, showQuality: boolean): void {
    this.lines.visible = Boolean(overlay && placement && showEdges);
    this.cells.visible = Boolean(overlay && placement && showQuality);
    if (!overlay || !placement || !(showEdges || showQuality)) return;
    const { field, extent, height } = placement;
    const [ax, ay] = field.axes;
    const [X, Y] = extent;
    const count = overlay.nodes.length / 2;
    const world = new Float32Array(3 * count);
    for (let k = 0; k < count; k++) {
      const [x, y] = [overlay.nodes[2 * k], overlay.nodes[2 * k + 1]];
      const [s, t] = [(x - ax.min) / (ax.max - ax.min || 1), (y - ay.min) / (ay.max - ay.min || 1)];
      world[3 * k] = -X / 2 + X * s;
      world[3 * k + 1] = -Y / 2 + Y * t;
      world[3 * k + 2] = height(sampleGrid(field.values, ax.n, ay.n, s * (ax.n - 1), t * (ay.n - 1))) + LIFT;
    }
    const perCell = overlay.type === 'quad' ? 4 : 3;
    const cellCount = overlay.connectivity.length / perCell;
    if (showEdges) {
      const seen = new Set<number>();
      const segments: number[] = [];
      for (let c = 0; c < cellCount; c++) {
        for (let v = 0; v < perCell; v++) {
          const [a, b] = [overlay.connectivity[c * perCell + v], overlay.connectivity[c * perCell + ((v + 1) % perCell)]];
          const key = Math.min(a, b) * count + Math.max(a, b);
          if (seen.has(key)) continue;
          seen.add(key);
          segments.push(world[3 * a], world[3 * a + 1], world[3 * a + 2], world[3 * b], world[3 * b + 1], world[3 * b + 2]);
        }
      }
      this.replace(this.lines, { position: new Float32Array(segments) });
    }
    if (showQuality) {
      const triangles = overlay.type === 'quad' ? 2 : 1;
      const position = new Float32Array(cellCount * triangles * 9);
      const color = new Float32Array(cellCount * triangles * 9);
      const corners = overlay.type === 'quad' ? [0, 1, 2, 0, 2, 3] : [0, 1, 2];
      let p = 0;
      for (let c = 0; c < cellCount; c++) {
        const rgb = qualityColor(overlay.quality[c]);
        for (const v of corners) {
          const node = overlay.connectivity[c * perCell + v];
          position.set(world.subarray(3 * node, 3 * node + 3), p);
          color.set(rgb, p);
          p += 3;
        }
      }
      this.replace(this.cells, { position, color });
    }
  }

  private replace(object: LineSegments | Mesh, attributes: Record<string, Float32Array>): void {
    object.geometry.dispose();
    const geometry = new BufferGeometry();
    for (const [name, values] of Object.entries(attributes)) geometry.setAttribute(name, new BufferAttribute(values, 3));
    geometry.computeBoundingSphere();
    object.geometry = geometry;
  }

  dispose(): void {
    this.lines.geometry.dispose();
    this.cells.geometry.dispose();
    this.lineMaterial.dispose();
    this.cellMaterial.dispose();
  }
}
