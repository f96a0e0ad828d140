/**
 * A small RGBA canvas for figures without a DOM: anti-aliased rectangles, circles and polylines
 * (coverage from the distance of each pixel centre to the shape, composited once per shape with
 * "source over"), image blits, and text in the built-in bitmap font at integer scales.
 */
import { ASCENT, CELL_HEIGHT, CELL_WIDTH, glyphPixel, glyphRows, textWidthPixels } from './bitmapFont';
import { encodePng, type RgbaImage } from './png';

/** Red, green, blue, alpha, each 0–255. */
export type Rgba8 = readonly [number, number, number, number];
export type Point = readonly [number, number];

export interface TextStyle {
  /** Integer magnification of the bitmap font (1 = 6×10-pixel cells). */
  scale?: number;
  /** Read bottom to top, turned 90° counter-clockwise. */
  vertical?: boolean;
  /** Thicken strokes by one device pixel (visible from scale 2). */
  bold?: boolean;
}

/** An RGBA pixel buffer that owns its bytes; draw on it, then encode it with toPng(). */
export class RasterImage implements RgbaImage {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgba8 = [255, 255, 255, 255],
  ) {
    if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
      throw new Error(`image size must be positive integers, got ${width}×${height}`);
    }
    this.data = new Uint8Array(width * height * 4);
    this.data.set(background);
    for (let filled = 4; filled < this.data.length; filled *= 2) this.data.copyWithin(filled, 0, Math.min(filled, this.data.length - filled));
  }

  /** Composites a colour over pixel (x, y) with the given coverage in [0, 1]; ignores pixels outside. */
  blend(x: number, y: number, color: Rgba8, coverage = 1): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || coverage <= 0) return;
    const a = (color[3] / 255) * Math.min(1, coverage);
    const i = 4 * (y * this.width + x);
    const da = this.data[i + 3] / 255;
    const oa = a + da * (1 - a);
    if (oa <= 0) return;
    for (let c = 0; c < 3; c++) this.data[i + c] = Math.round((color[c] * a + this.data[i + c] * da * (1 - a)) / oa);
    this.data[i + 3] = Math.round(oa * 255);
  }

  /** The RGBA bytes of pixel (x, y). */
  pixel(x: number, y: number): Rgba8 {
    const i = 4 * (y * this.width + x);
    return [this.data[i], this.data[i + 1], this.data[i + 2], this.data[i + 3]];
  }

  /** Fills an axis-aligned rectangle; fractional edges are blended by the covered fraction of a pixel. */
  fillRect(x: number, y: number, w: number, h: number, color: Rgba8): void {
    const [x0, x1, y0, y1] = [Math.max(0, x), Math.min(this.width, x + w), Math.max(0, y), Math.min(this.height, y + h)];
    for (let py = Math.floor(y0); py < Math.ceil(y1); py++) {
      const cy = Math.min(py + 1, y1) - Math.max(py, y0);
      for (let px = Math.floor(x0); px < Math.ceil(x1); px++) {
        this.blend(px, py, color, cy * (Math.min(px + 1, x1) - Math.max(px, x0)));
      }
    }
  }

  /** Fills a disc centred at (cx, cy). */
  fillCircle(cx: number, cy: number, radius: number, color: Rgba8): void {
    this.paintCoverage(cx - radius, cy - radius, cx + radius, cy + radius, color, (px, py) => radius + 0.5 - Math.hypot(px - cx, py - cy));
  }

  /** Strokes a polyline of the given width with round joins and caps; dash = [on, off, ...] lengths. */
  strokePolyline(points: readonly Point[], color: Rgba8, width: number, dash?: readonly number[]): void {
    const pieces = dash && dash.length > 0 ? dashPolyline(points, dash) : [points];
    const half = Math.max(width, 1) / 2;
    const strength = Math.min(width, 1);
    const segments = pieces.flatMap((piece) => (piece.length === 1 ? [[piece[0], piece[0]]] : piece.slice(1).map((p, k) => [piece[k], p])));
    if (segments.length === 0) return;
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of segments.flat()) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
    const mask = new CoverageMask(this, box[0] - half - 1, box[1] - half - 1, box[2] + half + 1, box[3] + half + 1);
    for (const [a, b] of segments) {
      mask.add(Math.min(a[0], b[0]) - half - 1, Math.min(a[1], b[1]) - half - 1, Math.max(a[0], b[0]) + half + 1, Math.max(a[1], b[1]) + half + 1, (px, py) =>
        strength * (half + 0.5 - distanceToSegment(px, py, a, b)),
      );
    }
    mask.paint(color);
  }

  /** Copies an image into the rectangle (x, y, w, h) (default its own size), nearest sample, alpha-composited. */
  drawImage(image: RgbaImage, x: number, y: number, w = image.width, h = image.height): void {
    const [x0, y0] = [Math.round(x), Math.round(y)];
    const [x1, y1] = [Math.round(x + w), Math.round(y + h)];
    for (let py = Math.max(0, y0); py < Math.min(this.height, y1); py++) {
      const sy = Math.min(image.height - 1, Math.floor(((py - y0 + 0.5) * image.height) / (y1 - y0)));
      for (let px = Math.max(0, x0); px < Math.min(this.width, x1); px++) {
        const sx = Math.min(image.width - 1, Math.floor(((px - x0 + 0.5) * image.width) / (x1 - x0)));
        const i = 4 * (sy * image.width + sx);
        if (image.data[i + 3] === 255) this.data.set(image.data.subarray(i, i + 4), 4 * (py * this.width + px));
        else this.blend(px, py, [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]]);
      }
    }
  }

  /** Draws text with its box's top-left corner at (x, y) (the box is rotated with vertical text). */
  drawText(text: string, x: number, y: number, color: Rgba8, style: TextStyle = {}): void {
    const scale = Math.max(1, Math.round(style.scale ?? 1));
    const boldOffsets = style.bold && scale >= 2 ? [0, 1] : [0];
    const length = textWidthPixels(text) * scale;
    const [left, top] = [Math.round(x), Math.round(y)];
    [...text].forEach((ch, n) => {
      const rows = glyphRows(ch);
      for (let row = 0; row < CELL_HEIGHT; row++) {
        for (let column = 0; column < CELL_WIDTH - 1; column++) {
          if (!glyphPixel(rows, column, row)) continue;
          const u = (n * CELL_WIDTH + column) * scale;
          const v = row * scale;
          for (const bold of boldOffsets) {
            if (style.vertical) this.fillRect(left + v, top + length - u - scale - bold, scale, scale, color);
            else this.fillRect(left + u + bold, top + v, scale, scale, color);
          }
        }
      }
    });
  }

  /** The PNG file bytes of the image. */
  toPng(): Uint8Array {
    return encodePng(this);
  }

  /** Paints coverage(px, py) (pixel centres, clamped to [0, 1]) over a box in one composite. */
  private paintCoverage(x0: number, y0: number, x1: number, y1: number, color: Rgba8, coverage: (px: number, py: number) => number): void {
    const mask = new CoverageMask(this, x0 - 1, y0 - 1, x1 + 1, y1 + 1);
    mask.add(x0 - 1, y0 - 1, x1 + 1, y1 + 1, coverage);
    mask.paint(color);
  }
}

/** Size metrics of bitmap text at a scale: advance width and line height in device pixels. */
export function bitmapTextSize(text: string, scale: number): { width: number; height: number; ascent: number } {
  return { width: textWidthPixels(text) * scale, height: CELL_HEIGHT * scale, ascent: ASCENT * scale };
}

/** Per-pixel coverage over a box, combined by maximum so overlapping segments do not darken joins. */
class CoverageMask {
  private readonly left: number;
  private readonly top: number;
  private readonly w: number;
  private readonly h: number;
  private readonly cover: Float32Array;

  constructor(
    private readonly image: RasterImage,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
  ) {
    this.left = Math.max(0, Math.floor(x0));
    this.top = Math.max(0, Math.floor(y0));
    this.w = Math.max(0, Math.min(image.width, Math.ceil(x1)) - this.left);
    this.h = Math.max(0, Math.min(image.height, Math.ceil(y1)) - this.top);
    this.cover = new Float32Array(this.w * this.h);
  }

  add(x0: number, y0: number, x1: number, y1: number, coverage: (px: number, py: number) => number): void {
    const [i0, i1] = [Math.max(this.left, Math.floor(x0)), Math.min(this.left + this.w, Math.ceil(x1))];
    const [j0, j1] = [Math.max(this.top, Math.floor(y0)), Math.min(this.top + this.h, Math.ceil(y1))];
    for (let py = j0; py < j1; py++) {
      for (let px = i0; px < i1; px++) {
        const c = Math.min(1, coverage(px + 0.5, py + 0.5));
        const k = (py - this.top) * this.w + (px - this.left);
        if (c > this.cover[k]) this.cover[k] = c;
      }
    }
  }

  paint(color: Rgba8): void {
    for (let j = 0; j < this.h; j++) {
      for (let i = 0; i < this.w; i++) {
        const c = this.cover[j * this.w + i];
        if (c > 0) this.image.blend(this.left + i, this.top + j, color, c);
      }
    }
  }
}

function distanceToSegment(px: number, py: number, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared > 0 ? Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / lengthSquared)) : 0;
  return Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy));
}

/** Splits a polyline into its dashes: the pieces under the "on" lengths of a repeating [on, off, ...] pattern. */
function dashPolyline(points: readonly Point[], dash: readonly number[]): Point[][] {
  const pattern = dash.length % 2 === 0 ? dash : [...dash, ...dash];
  if (pattern.some((d) => !(d >= 0)) || pattern.every((d) => d === 0)) return [points.slice()];
  const pieces: Point[][] = [];
  let index = 0;
  let left = pattern[0];
  let current: Point[] | null = [points[0]];
  for (let k = 1; k < points.length; k++) {
    let from = points[k - 1];
    const to = points[k];
    let remaining = Math.hypot(to[0] - from[0], to[1] - from[1]);
    while (remaining > left) {
      const f = left / remaining;
      const cut: Point = [from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f];
      if (current) {
        current.push(cut);
        pieces.push(current);
        current = null;
      } else {
        current = [cut];
      }
      remaining -= left;
      from = cut;
      index = (index + 1) % pattern.length;
      left = pattern[index];
    }
    left -= remaining;
    if (current) current.push(to);
  }
  if (current && current.length > 1) pieces.push(current);
  return pieces;
}
