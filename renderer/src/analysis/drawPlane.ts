/**
 * The (α, β) plane on a canvas: the landscape's log10 loss as a heat map with contour lines, and
 * trajectories on top as polylines whose colour runs with the iteration (dark = early), each
 * ending in a dot of its run's colour.
 */
import type { LandscapeReport } from '../../../workers/protocol/service';
import { contourLevels, contourSegments, logLosses, padded, rangeOf, sequentialColor, sequentialRgb, type Range } from './planeMath';

export interface PlanePath {
  iterations: readonly number[];
  alpha: readonly number[];
  beta: readonly number[];
  /** The end dot's colour (default red). */
  color?: string;
}

export function drawPlane(ctx: CanvasRenderingContext2D, width: number, height: number, landscape: LandscapeReport | undefined, paths: readonly PlanePath[]): void {
  ctx.clearRect(0, 0, width, height);
  const margin = { left: 46, right: 14, top: 10, bottom: 30 };
  let a: Range;
  let b: Range;
  if (landscape) {
    a = { min: landscape.alpha[0], max: landscape.alpha[landscape.alpha.length - 1] };
    b = { min: landscape.beta[0], max: landscape.beta[landscape.beta.length - 1] };
  } else if (paths.some((p) => p.alpha.length > 0)) {
    a = padded(rangeOf(paths.flatMap((p) => p.alpha)), 0.1);
    b = padded(rangeOf(paths.flatMap((p) => p.beta)), 0.1);
  } else {
    ctx.fillStyle = '#889';
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText('no trajectory yet', width / 2 - 50, height / 2);
    return;
  }
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  const px = (v: number) => margin.left + ((v - a.min) / (a.max - a.min || 1)) * w;
  const py = (v: number) => margin.top + h - ((v - b.min) / (b.max - b.min || 1)) * h;

  if (landscape) {
    const nx = landscape.alpha.length;
    const ny = landscape.beta.length;
    const logs = logLosses(landscape.losses);
    const range = rangeOf(logs);
    const image = ctx.createImageData(nx, ny);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const v = logs[j * nx + i];
        const [r, g, bl] = Number.isFinite(v) ? sequentialRgb((v - range.min) / (range.max - range.min)) : [0.3, 0.3, 0.3];
        const k = ((ny - 1 - j) * nx + i) * 4;
        image.data.set([r * 255, g * 255, bl * 255, 255], k);
      }
    }
    const bitmap = document.createElement('canvas');
    bitmap.width = nx;
    bitmap.height = ny;
    bitmap.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(bitmap, margin.left, margin.top, w, h);
    ctx.strokeStyle = 'rgba(255,255,255,0.55)';
    ctx.lineWidth = 0.8;
    ctx.beginPath();
    const gx = (i: number) => margin.left + (i / (nx - 1 || 1)) * w;
    const gy = (j: number) => margin.top + h - (j / (ny - 1 || 1)) * h;
    for (const level of contourLevels(range, 12)) {
      for (const [x0, y0, x1, y1] of contourSegments(logs, nx, ny, level)) {
        ctx.moveTo(gx(x0), gy(y0));
        ctx.lineTo(gx(x1), gy(y1));
      }
    }
    ctx.stroke();
  }

  for (const path of paths) {
    const n = path.alpha.length;
    if (n < 2) continue;
    ctx.lineWidth = 2.2;
    for (let k = 1; k < n; k++) {
      ctx.strokeStyle = sequentialColor(k / (n - 1));
      ctx.beginPath();
      ctx.moveTo(px(path.alpha[k - 1]), py(path.beta[k - 1]));
      ctx.lineTo(px(path.alpha[k]), py(path.beta[k]));
      ctx.stroke();
    }
    ctx.fillStyle = path.color ?? '#ff5050';
    ctx.beginPath();
    ctx.arc(px(path.alpha[n - 1]), py(path.beta[n - 1]), 4, 0, 2 * Math.PI);
    ctx.fill();
  }

  ctx.strokeStyle = '#667';
  ctx.lineWidth = 1;
  ctx.strokeRect(margin.left, margin.top, w, h);
  ctx.fillStyle = '#aab';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(`α  [${a.min.toPrecision(3)}, ${a.max.toPrecision(3)}]`, margin.left + w / 2, height - 8);
  ctx.save();
  ctx.translate(14, margin.top + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(`β  [${b.min.toPrecision(3)}, ${b.max.toPrecision(3)}]`, 0, 0);
  ctx.restore();
}
