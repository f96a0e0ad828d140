/**
 * The landscape as a 3D surface (height and colour = log10 loss) with the trajectory as a line
 * over it, coloured by iteration. Owns its WebGL renderer and releases it in dispose().
 */
import { BufferAttribute, BufferGeometry, DoubleSide, Line, LineBasicMaterial, Mesh, MeshBasicMaterial, PerspectiveCamera, Scene, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { LandscapeReport } from '../../../workers/protocol/service';
import { logLosses, rangeOf, sequentialRgb } from './planeMath';

const HEIGHT = 0.9;

export class LandscapeSurface {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(40, 1, 0.05, 50);
  private readonly controls: OrbitControls;
  private objects: (Mesh | Line)[] = [];

  constructor(canvas: HTMLCanvasElement) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true });
    this.renderer.setClearColor(0x15181d);
    this.camera.position.set(1.5, -1.9, 1.5);
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

  show(landscape: LandscapeReport, path?: { alpha: readonly number[]; beta: readonly number[]; loss: readonly number[] }): void {
    this.clear();
    const nx = landscape.alpha.length;
    const ny = landscape.beta.length;
    const logs = logLosses(landscape.losses);
    const range = rangeOf(logs);
    const [a0, a1] = [landscape.alpha[0], landscape.alpha[nx - 1]];
    const [b0, b1] = [landscape.beta[0], landscape.beta[ny - 1]];
    const x = (a: number) => ((a - a0) / (a1 - a0 || 1)) * 2 - 1;
    const y = (b: number) => ((b - b0) / (b1 - b0 || 1)) * 2 - 1;
    const z = (log: number) => ((log - range.min) / (range.max - range.min)) * HEIGHT;
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
    if (path && path.alpha.length > 1) {
      const n = path.alpha.length;
      const points = new Float32Array(n * 3);
      const tint = new Float32Array(n * 3);
      for (let k = 0; k < n; k++) {
        const log = path.loss[k] > 0 ? Math.log10(path.loss[k]) : range.max;
        points.set([x(path.alpha[k]), y(path.beta[k]), Math.min(z(log), HEIGHT * 1.6) + 0.01], 3 * k);
        const [r, g, b] = sequentialRgb(k / (n - 1));
        tint.set([1 - 0.5 * r, 0.3 + 0.5 * g, 0.3 * b], 3 * k);
      }
      const line = new BufferGeometry();
      line.setAttribute('position', new BufferAttribute(points, 3));
      line.setAttribute('color', new BufferAttribute(tint, 3));
      this.add(new Line(line, new LineBasicMaterial({ vertexColors: true })));
    }
    this.render();
  }

  private add(object: Mesh | Line): void {
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
