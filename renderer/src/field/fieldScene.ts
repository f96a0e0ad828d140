/**
 * The three.js scene behind the field view. It owns the WebGL renderer, the camera and orbit
 * controls, one grid mesh whose position and colour buffers are rewritten in place for each
 * snapshot (the geometry is rebuilt only when the grid size changes), a frame with axis labels
 * (HTML, placed by projection after each render), a hover marker, and an optional overlay of line
 * segments draped on the surface (streamlines, velocity arrows). Nothing animates: a frame
 * is drawn when the data, the size or the camera changes. `dispose()` releases everything.
 */
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  DirectionalLight,
  DoubleSide,
  HemisphereLight,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  MeshLambertMaterial,
  PerspectiveCamera,
  Raycaster,
  Scene,
  SphereGeometry,
  Vector2,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { AxisInfo } from '../../../workers/protocol/service';
import { formatCompact } from '../format/numbers';
import { sampleGrid, type FieldValues } from './fieldValues';
import { MeshLayer } from './meshLayer';
import type { MeshOverlay } from '../../../workers/mesh/meshOverlay';

export type FieldMode = 'surface' | 'flat';

export interface HoverSample {
  x: number;
  y: number;
  value: number;
  /** Canvas pixel position of the pointer. */
  px: number;
  py: number;
}

const BACKGROUND = 0x15181d;
const SURFACE_HEIGHT = 0.9;
/** The base rectangle (4 segments) and the value axis (1 segment). */
const FRAME_VERTICES = 10;
const LABEL_KEYS = ['xName', 'yName', 'zName', 'xMin', 'xMax', 'yMin', 'yMax', 'zMin', 'zMax'] as const;
type LabelKey = (typeof LABEL_KEYS)[number];

/** World extents of the plotted rectangle: the longer side 2, the aspect kept within 1:4. */
export function extents(axes: [AxisInfo, AxisInfo]): [number, number] {
  const wx = axes[0].max - axes[0].min || 1;
  const wy = axes[1].max - axes[1].min || 1;
  const ratio = Math.min(4, Math.max(0.25, wx / wy));
  return ratio >= 1 ? [2, 2 / ratio] : [2 * ratio, 2];
}

export class FieldScene {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(35, 1, 0.01, 100);
  private readonly controls: OrbitControls;
  private readonly litMaterial = new MeshLambertMaterial({ vertexColors: true, side: DoubleSide });
  private readonly flatMaterial = new MeshBasicMaterial({ vertexColors: true, side: DoubleSide });
  private geometry = new BufferGeometry();
  private readonly mesh: Mesh;
  private readonly frameGeometry = new BufferGeometry();
  private readonly frameMaterial = new LineBasicMaterial({ color: 0x6b7480 });
  private readonly frame: LineSegments;
  private readonly markerGeometry = new SphereGeometry(0.018, 12, 8);
  private readonly markerMaterial = new MeshBasicMaterial({ color: 0xffffff });
  private readonly marker: Mesh;
  private readonly overlayGeometry = new BufferGeometry();
  private readonly overlayMaterial = new LineBasicMaterial({ color: 0xffffff, transparent: true, opacity: 0.85 });
  private readonly overlay: LineSegments;
  /** Overlay segments in axis fractions [fx0, fy0, fx1, fy1, …]. */
  private overlaySegments?: Float32Array;
  private readonly raycaster = new Raycaster();
  private readonly labels = new Map<LabelKey, { element: HTMLElement; anchor: Vector3; leftOf: boolean }>();
  private grid: [number, number] = [0, 0];
  private size: [number, number] = [1, 1];
  private field?: FieldValues;
  private lut?: Float32Array;
  private mode: FieldMode = 'surface';
  private extent: [number, number] = [2, 2];
  private disposed = false;
  private readonly meshLayer: MeshLayer;
  private meshOverlay: { overlay?: MeshOverlay; edges: boolean; quality: boolean } = { edges: true, quality: false };

  constructor(canvas: HTMLCanvasElement, overlay: HTMLElement) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.setClearColor(new Color(BACKGROUND), 1);
    this.camera.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', this.render);

    this.scene.add(new HemisphereLight(0xffffff, 0x30343c, 2.2));
    const sun = new DirectionalLight(0xffffff, 1.4);
    sun.position.set(1.5, -2.5, 4);
    this.scene.add(sun);

    this.mesh = new Mesh(this.geometry, this.litMaterial);
    this.frameGeometry.setAttribute('position', new BufferAttribute(new Float32Array(FRAME_VERTICES * 3), 3));
    this.frame = new LineSegments(this.frameGeometry, this.frameMaterial);
    this.marker = new Mesh(this.markerGeometry, this.markerMaterial);
    this.marker.visible = false;
    this.overlay = new LineSegments(this.overlayGeometry, this.overlayMaterial);
    this.overlay.visible = false;
    this.scene.add(this.mesh, this.frame, this.marker, this.overlay);
    this.meshLayer = new MeshLayer(this.scene);

    for (const key of LABEL_KEYS) {
      const element = document.createElement('span');
      element.className = `axis-label axis-label-${key}`;
      overlay.appendChild(element);
      this.labels.set(key, { element, anchor: new Vector3(), leftOf: key === 'zMin' || key === 'zMax' });
    }
    this.resetView();
  }

  resize(width: number, height: number): void {
    if (width < 1 || height < 1) return;
    this.size = [width, height];
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.render();
  }

  resetView(): void {
    if (this.mode === 'flat') this.camera.position.set(0, -0.0001, 4.4);
    else this.camera.position.set(2.3, -3.2, 2.55);
    this.controls.target.set(0, 0, this.mode === 'flat' ? 0 : -0.1);
    this.controls.update();
    this.render();
  }

  setMode(mode: FieldMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.mesh.material = mode === 'flat' ? this.flatMaterial : this.litMaterial;
    if (this.field && this.lut) this.writeBuffers(this.field, this.lut);
    this.resetView();
  }

  /** Shows `field` coloured through `lut` (linear RGB triples); buffers are reused when the grid size is unchanged. */
  setField(field: FieldValues, lut: Float32Array): void {
    this.field = field;
    this.lut = lut;
    const n0 = field.axes[0].n;
    const n1 = field.axes[1].n;
    if (n0 !== this.grid[0] || n1 !== this.grid[1]) this.rebuildGeometry(n0, n1);
    this.extent = extents(field.axes);
    this.writeBuffers(field, lut);
  }

  /** Line segments over the field, in axis fractions [fx0, fy0, fx1, fy1, …]; undefined hides them. */
  setOverlay(segments: Float32Array | undefined): void {
    this.overlaySegments = segments;
    this.writeOverlay();
    this.render();
  }

  /** Places the overlay on the plotted rectangle, at the surface's height (just above it). */
  private writeOverlay(): void {
    const segments = this.overlaySegments;
    const field = this.field;
    this.overlay.visible = segments !== undefined && segments.length > 0 && field !== undefined;
    if (!this.overlay.visible || !segments || !field) return;
    const [X, Y] = this.extent;
    const [n0, n1] = this.grid;
    const count = segments.length / 2;
    let position = this.overlayGeometry.getAttribute('position') as BufferAttribute | undefined;
    if (!position || position.count < count) {
      position = new BufferAttribute(new Float32Array(count * 3), 3);
      this.overlayGeometry.setAttribute('position', position);
    }
    const p = position.array as Float32Array;
    const lift = this.mode === 'flat' ? 0.002 : 0.01;
    for (let k = 0; k < count; k++) {
      const fx = segments[2 * k];
      const fy = segments[2 * k + 1];
      const value = sampleGrid(field.values, n0, n1, fx * (n0 - 1), fy * (n1 - 1));
      p[3 * k] = -X / 2 + fx * X;
      p[3 * k + 1] = -Y / 2 + fy * Y;
      p[3 * k + 2] = this.heightOf(value, field) + lift;
    }
    position.needsUpdate = true;
    this.overlayGeometry.setDrawRange(0, count);
    this.overlayGeometry.computeBoundingSphere();
  }

  private rebuildGeometry(n0: number, n1: number): void {
    this.geometry.dispose();
    const geometry = new BufferGeometry();
    const count = n0 * n1;
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(count * 3), 3));
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(count * 3), 3));
    geometry.setAttribute('normal', new BufferAttribute(new Float32Array(count * 3), 3));
    const index = count > 65535 ? new Uint32Array((n0 - 1) * (n1 - 1) * 6) : new Uint16Array((n0 - 1) * (n1 - 1) * 6);
    let k = 0;
    for (let j = 0; j < n1 - 1; j++) {
      for (let i = 0; i < n0 - 1; i++) {
        const a = j * n0 + i;
        const b = a + 1;
        const c = a + n0;
        const d = c + 1;
        index[k++] = a;
        index[k++] = b;
        index[k++] = d;
        index[k++] = a;
        index[k++] = d;
        index[k++] = c;
      }
    }
    geometry.setIndex(new BufferAttribute(index, 1));
    this.geometry = geometry;
    this.mesh.geometry = geometry;
    this.grid = [n0, n1];
  }

  private heightOf(value: number, field: FieldValues): number {
    if (this.mode === 'flat' || !Number.isFinite(value)) return 0;
    return SURFACE_HEIGHT * ((value - field.min) / (field.max - field.min) - 0.5);
  }

  private writeBuffers(field: FieldValues, lut: Float32Array): void {
    const [n0, n1] = this.grid;
    const [X, Y] = this.extent;
    const position = this.geometry.getAttribute('position') as BufferAttribute;
    const color = this.geometry.getAttribute('color') as BufferAttribute;
    const p = position.array as Float32Array;
    const c = color.array as Float32Array;
    const lutSize = lut.length / 3;
    const span = field.max - field.min;
    for (let j = 0; j < n1; j++) {
      for (let i = 0; i < n0; i++) {
        const k = j * n0 + i;
        const value = field.values[k];
        p[3 * k] = -X / 2 + (X * i) / (n0 - 1);
        p[3 * k + 1] = -Y / 2 + (Y * j) / (n1 - 1);
        p[3 * k + 2] = this.heightOf(value, field);
        const t = Number.isFinite(value) ? (value - field.min) / span : 0.5;
        const entry = Math.min(lutSize - 1, Math.max(0, Math.round(t * (lutSize - 1))));
        c[3 * k] = lut[3 * entry];
        c[3 * k + 1] = lut[3 * entry + 1];
        c[3 * k + 2] = lut[3 * entry + 2];
      }
    }
    position.needsUpdate = true;
    color.needsUpdate = true;
    if (this.mode === 'surface') this.geometry.computeVertexNormals();
    this.geometry.computeBoundingSphere();
    this.geometry.computeBoundingBox();
    this.updateFrame(field);
    this.updateMeshLayer();
    this.writeOverlay();
    this.render();
  }

  /** A mesh mover's mesh over the field: its edges and (optionally) its cells coloured by quality. */
  setMeshOverlay(overlay: MeshOverlay | undefined, edges: boolean, quality: boolean): void {
    this.meshOverlay = { overlay, edges, quality };
    this.updateMeshLayer();
    this.render();
  }

  private updateMeshLayer(): void {
    const field = this.field;
    const placement = field && { field, extent: this.extent, height: (value: number) => this.heightOf(value, field) };
    this.meshLayer.update(this.meshOverlay.overlay, placement, this.meshOverlay.edges, this.meshOverlay.quality);
  }

  private updateFrame(field: FieldValues): void {
    const [X, Y] = this.extent;
    const flat = this.mode === 'flat';
    const z0 = flat ? 0 : -SURFACE_HEIGHT / 2;
    const z1 = SURFACE_HEIGHT / 2;
    const x0 = -X / 2;
    const x1 = X / 2;
    const y0 = -Y / 2;
    const y1 = Y / 2;
    const lines = [x0, y0, z0, x1, y0, z0, x1, y0, z0, x1, y1, z0, x1, y1, z0, x0, y1, z0, x0, y1, z0, x0, y0, z0];
    if (!flat) lines.push(x0, y0, z0, x0, y0, z1);
    const position = this.frameGeometry.getAttribute('position') as BufferAttribute;
    (position.array as Float32Array).set(lines);
    position.needsUpdate = true;
    this.frameGeometry.setDrawRange(0, lines.length / 3);
    this.frameGeometry.computeBoundingSphere();

    const [ax, ay] = field.axes;
    const pad = 0.12;
    const set = (key: LabelKey, text: string, x: number, y: number, z: number) => {
      const label = this.labels.get(key)!;
      label.element.textContent = text;
      label.anchor.set(x, y, z);
      label.element.hidden = text === '';
    };
    set('xName', ax.name, 0, y0 - pad * 1.6, z0);
    set('xMin', formatCompact(ax.min), x0, y0 - pad, z0);
    set('xMax', formatCompact(ax.max), x1, y0 - pad, z0);
    set('yName', ay.name, x1 + pad * 1.6, 0, z0);
    set('yMin', formatCompact(ay.min), x1 + pad, y0, z0);
    set('yMax', formatCompact(ay.max), x1 + pad, y1, z0);
    set('zName', flat ? '' : field.label, x0, y0, z1 + 0.13);
    set('zMin', flat ? '' : formatCompact(field.min), x0, y0, z0 + 0.07);
    set('zMax', flat ? '' : formatCompact(field.max), x0, y0, z1);
  }

  private placeLabels(): void {
    const [width, height] = this.size;
    const projected = new Vector3();
    for (const { element, anchor, leftOf } of this.labels.values()) {
      if (!this.field) {
        element.hidden = true;
        continue;
      }
      projected.copy(anchor).project(this.camera);
      const visible = projected.z < 1 && element.textContent !== '';
      element.hidden = !visible;
      if (!visible) continue;
      const x = ((projected.x + 1) / 2) * width;
      const y = ((1 - projected.y) / 2) * height;
      // Value-axis ticks sit to the left of their axis line; the rest are centred on their anchor.
      const shift = leftOf ? 'translate(calc(-100% - 6px), -50%)' : 'translate(-50%, -50%)';
      element.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) ${shift}`;
    }
  }

  readonly render = (): void => {
    if (this.disposed) return;
    this.renderer.render(this.scene, this.camera);
    this.placeLabels();
  };

  /** The field under canvas pixel (px, py), or undefined off the surface. Moves the marker. */
  pick(px: number, py: number): HoverSample | undefined {
    const field = this.field;
    const [width, height] = this.size;
    if (!field) return undefined;
    const ndc = new Vector2((px / width) * 2 - 1, -(py / height) * 2 + 1);
    this.raycaster.setFromCamera(ndc, this.camera);
    const hit = this.raycaster.intersectObject(this.mesh, false)[0];
    if (!hit) {
      this.hideMarker();
      return undefined;
    }
    const [X, Y] = this.extent;
    const [n0, n1] = this.grid;
    const [ax, ay] = field.axes;
    const sx = Math.min(1, Math.max(0, (hit.point.x + X / 2) / X));
    const sy = Math.min(1, Math.max(0, (hit.point.y + Y / 2) / Y));
    const value = sampleGrid(field.values, n0, n1, sx * (n0 - 1), sy * (n1 - 1));
    this.marker.position.copy(hit.point);
    this.marker.visible = true;
    this.render();
    return { x: ax.min + sx * (ax.max - ax.min), y: ay.min + sy * (ay.max - ay.min), value, px, py };
  }

  hideMarker(): void {
    if (!this.marker.visible) return;
    this.marker.visible = false;
    this.render();
  }

  dispose(): void {
    this.disposed = true;
    this.meshLayer.dispose();
    this.controls.removeEventListener('change', this.render);
    this.controls.dispose();
    this.geometry.dispose();
    this.frameGeometry.dispose();
    this.overlayGeometry.dispose();
    this.overlayMaterial.dispose();
    this.markerGeometry.dispose();
    this.litMaterial.dispose();
    this.flatMaterial.dispose();
    this.frameMaterial.dispose();
    this.markerMaterial.dispose();
    this.renderer.dispose();
    for (const { element } of this.labels.values()) element.remove();
    this.labels.clear();
  }
}
