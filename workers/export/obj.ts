/**
 * A SurfaceMesh as Wavefront OBJ text: `v x y z [r g b]` (the colour extension that MeshLab,
 * Blender and meshio read), `vn` unit normals, and `f a//a b//b c//c` faces with 1-based indices.
 * OBJ has no up axis of its own; Blender and three.js read it as y-up, so the z-up surface is
 * written turned −90° about x, (x, y, z) → (x, z, −y), unless asked to keep z up.
 */
import { float32Text } from './numberText';
import type { SurfaceMesh } from './surfaceMesh';

export interface ObjOptions {
  /** Append the sRGB vertex colour to each `v` line (default true). */
  colors?: boolean;
  /** Which file axis holds the height (default 'y', as OBJ readers expect). */
  up?: 'y' | 'z';
}

/** OBJ text of a mesh: vertices (with colours), normals and triangle faces. */
export function meshToObj(mesh: SurfaceMesh, options: ObjOptions = {}): string {
  const withColors = options.colors ?? true;
  const orient = options.up === 'z' ? (x: number, y: number, z: number) => [x, y, z] : (x: number, y: number, z: number) => [x, z, -y];
  const vector = (array: Float32Array, k: number) => orient(array[k], array[k + 1], array[k + 2]).map(float32Text).join(' ');
  const { positions, normals, colors, indices } = mesh;
  const lines: string[] = [`# ${mesh.name}`, `# ${positions.length / 3} vertices, ${indices.length / 3} triangles`, `o ${objName(mesh.name)}`];
  for (let k = 0; k < positions.length; k += 3) {
    const rgb = withColors ? ` ${colorText(colors[k])} ${colorText(colors[k + 1])} ${colorText(colors[k + 2])}` : '';
    lines.push(`v ${vector(positions, k)}${rgb}`);
  }
  for (let k = 0; k < normals.length; k += 3) lines.push(`vn ${vector(normals, k)}`);
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t] + 1, indices[t + 1] + 1, indices[t + 2] + 1];
    lines.push(`f ${a}//${a} ${b}//${b} ${c}//${c}`);
  }
  lines.push('');
  return lines.join('\n');
}

function objName(name: string): string {
  return name.trim().replace(/\s+/g, '_') || 'surface';
}

function colorText(channel: number): string {
  return String(Math.round(channel * 10000) / 10000);
}
