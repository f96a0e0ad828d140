/**
 * The loss over the (α, β) plane in 3D: the landscape as a surface (height and colour = log10
 * loss) when there is one, else a floor grid; and trajectories as lines at the height of their
 * loss, each coloured by iteration (viridis, dark = early), with a sphere in the run's colour at
 * its latest point. Owns its WebGL renderer and releases it in dispose().
 */
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  DoubleSide,
  Line,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  PerspectiveCamera,
  Scene,
  SphereGeometry,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { LandscapeReport } from '../../../workers/protocol/service';
import { logLosses, sceneFrame, sequentialRgb, type Range, type SurfacePath } from './planeMath';

export type { SurfacePath };

const HEIGHT = 0.9;

type Drawn = Mesh | Line | LineSegments;

export class LandscapeSurface {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(40, 1, 0.05, 50);
  private readonly controls: OrbitControls;
  private objects: Drawn[] = [];

  constructor(canvas: HTMLCanvasElement) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true });
    this.renderer.setClearColor(0x15181d);
    this.camera.position.set(1.8, -2.3, 1.7);
    this.camera.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.target.set(0, 0, HEIGHT / 3);
    this.controls.update();
    this.controls.addEventListener('change', () => this.render());
  }

  resize(width: number, height: number): void {
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / Math.max(1, height);
    this.camera.updateProjectionMatrix();
    this.render();
  }

  show(landscape: LandscapeReport | undefined, paths: readonly SurfacePath[] = []): void {
    this.clear();
    const frame = sceneFrame(landscape, paths);
    const x = (a: number) => ((a - frame.alpha.min) / (frame.alpha.max - frame.alpha.min || 1)) * 2 - 1;
    const y = (b: number) => ((b - frame.beta.min) / (frame.beta.max - frame.beta.min || 1)) * 2 - 1;
    const span = frame.logLoss.max - frame.logLoss.min || 1;
    const z = (log: number) => ((log - frame.logLoss.min) / span) * HEIGHT;
    if (landscape) this.surface(landscape, x, y, z, frame.logLoss);
    else this.floor();
    for (const path of paths) this.path(path, x, y, z);
    this.render();
  }

  private surface(landscape: LandscapeReport, x: (a: number) => number, y: (b: number) => number, z: (log: number) => number, range: Range): void {
    const nx = landscape.alpha.length;
    const ny = landscape.beta.length;
    const logs = logLosses(landscape.losses);
    const positions = new Float32Array(nx * ny * 3);
    const colors = new Float32Array(nx * ny * 3);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const k = j * nx + i;
        const v = Number.isFinite(logs[k]) ? logs[k] : range.max;
        positions.set([x(landscape.alpha[i]), y(landscape.beta[j]), z(v)], 3 * k);
        colors.set(sequentialRgb((v - range.min) / (range.max - range.min)), 3 * k);
      }
    }
    const index: number[] = [];
    for (let j = 0; j + 1 < ny; j++) for (let i = 0; i + 1 < nx; i++) {
      const k = j * nx + i;
      index.push(k, k + 1, k + nx + 1, k, k + nx + 1, k + nx);
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(positions, 3));
    geometry.setAttribute('color', new BufferAttribute(colors, 3));
    geometry.setIndex(index);
    this.add(new Mesh(geometry, new MeshBasicMaterial({ vertexColors: true, side: DoubleSide })));
  }

  /** A 10×10 grid on the plane at the lowest loss, for paths drawn without a landscape. */
  private floor(): void {
    const lines: number[] = [];
    for (let k = 0; k <= 10; k++) {
      const t = -1 + k / 5;
      lines.push(t, -1, 0, t, 1, 0, -1, t, 0, 1, t, 0);
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(Float32Array.from(lines), 3));
    this.add(new LineSegments(geometry, new LineBasicMaterial({ color: 0x3a4350 })));
  }

  private path(path: SurfacePath, x: (a: number) => number, y: (b: number) => number, z: (log: number) => number): void {
    const n = path.alpha.length;
    if (n < 2) return;
    const points = new Float32Array(n * 3);
    const tint = new Float32Array(n * 3);
    for (let k = 0; k < n; k++) {
      const loss = path.loss[k];
      const height = loss !== null && loss > 0 ? Math.min(z(Math.log10(loss)), HEIGHT * 1.6) : 0;
      points.set([x(path.alpha[k]), y(path.beta[k]), height + 0.01], 3 * k);
      tint.set(sequentialRgb(k / (n - 1)), 3 * k);
    }
    const line = new BufferGeometry();
    line.setAttribute('position', new BufferAttribute(points, 3));
    line.setAttribute('color', new BufferAttribute(tint, 3));
    this.add(new Line(line, new LineBasicMaterial({ vertexColors: true })));
    const end = new Mesh(new SphereGeometry(0.025, 12, 8), new MeshBasicMaterial({ color: new Color(path.color) }));
    end.position.set(points[3 * n - 3], points[3 * n - 2], points[3 * n - 1]);
    this.add(end);
  }

  private add(object: Drawn): void {
    this.objects.push(object);
    this.scene.add(object);
  }

  private clear(): void {
    for (const object of this.objects) {
      this.scene.remove(object);
      object.geometry.dispose();
      (object.material as { dispose(): void }).dispose();
    }
    this.objects = [];
  }

  render(): void {
    this.renderer.render(this.scene, this.camera);
  }

  dispose(): void {
    this.clear();
    this.controls.dispose();
    this.renderer.dispose();
  }
}
