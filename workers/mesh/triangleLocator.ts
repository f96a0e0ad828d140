/**
 * Piecewise-linear (P1) interpolation of nodal values on a mesh's triangles at arbitrary points.
 * Triangles are binned by bounding box into a uniform bucket grid over the box; a point is
 * looked up in its bucket and takes the barycentric combination of the first triangle that
 * contains it (with a small tolerance, so points on the boundary are found). Points outside
 * every triangle get NaN.
 */
import { meshTriangles, type StructuredMesh } from './structuredMesh';

const INSIDE_TOLERANCE = 1e-10;

export class TriangleLocator {
  private readonly triangles: Uint32Array;
  private readonly buckets: Uint32Array[];
  private readonly size: number;
  private readonly scale: [number, number];

  constructor(private readonly mesh: StructuredMesh) {
    this.triangles = meshTriangles(mesh);
    const count = this.triangles.length / 3;
    this.size = Math.max(1, Math.ceil(Math.sqrt(count)));
    const { min, max } = mesh.box;
    this.scale = [this.size / (max[0] - min[0]), this.size / (max[1] - min[1])];
    const lists: number[][] = Array.from({ length: this.size * this.size }, () => []);
    const { nodes } = mesh;
    for (let t = 0; t < count; t++) {
      const xs = [0, 1, 2].map((v) => nodes[2 * this.triangles[3 * t + v]]);
      const ys = [0, 1, 2].map((v) => nodes[2 * this.triangles[3 * t + v] + 1]);
      const [i0, i1] = [this.bucketOf(Math.min(...xs), 0), this.bucketOf(Math.max(...xs), 0)];
      const [j0, j1] = [this.bucketOf(Math.min(...ys), 1), this.bucketOf(Math.max(...ys), 1)];
      for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) lists[j * this.size + i].push(t);
    }
    this.buckets = lists.map((list) => Uint32Array.from(list));
  }

  private bucketOf(v: number, axis: 0 | 1): number {
    const b = Math.floor((v - this.mesh.box.min[axis]) * this.scale[axis]);
    return Math.min(this.size - 1, Math.max(0, b));
  }

  /** P1 interpolant of nodeValues at points (x, y pairs); NaN where no triangle holds the point. */
  interpolate(nodeValues: ArrayLike<number>, points: ArrayLike<number>): Float64Array {
    const out = new Float64Array(points.length / 2);
    const { nodes } = this.mesh;
    const tri = this.triangles;
    for (let p = 0; p < out.length; p++) {
      const [x, y] = [points[2 * p], points[2 * p + 1]];
      out[p] = NaN;
      const list = this.buckets[this.bucketOf(y, 1) * this.size + this.bucketOf(x, 0)];
      for (const t of list) {
        const [a, b, c] = [tri[3 * t], tri[3 * t + 1], tri[3 * t + 2]];
        const [ax, ay, bx, by, cx, cy] = [nodes[2 * a], nodes[2 * a + 1], nodes[2 * b], nodes[2 * b + 1], nodes[2 * c], nodes[2 * c + 1]];
        const det = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
        if (det === 0) continue;
        const l1 = ((x - ax) * (cy - ay) - (cx - ax) * (y - ay)) / det;
        const l2 = ((bx - ax) * (y - ay) - (x - ax) * (by - ay)) / det;
        const l0 = 1 - l1 - l2;
        if (l0 >= -INSIDE_TOLERANCE && l1 >= -INSIDE_TOLERANCE && l2 >= -INSIDE_TOLERANCE) {
          out[p] = l0 * nodeValues[a] + l1 * nodeValues[b] + l2 * nodeValues[c];
          break;
        }
      }
    }
    return out;
  }
}
