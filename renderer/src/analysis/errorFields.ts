/**
 * The comparison's final error fields (prediction − exact) on one symmetric colour scale
 * [−s, s] shared by every run: the pixels of each (coolwarm, zero at the neutral middle) and
 * the SVG that exports them side by side with the scale, each field an embedded PNG.
 */
import type { FieldSnapshot } from '../../../workers/protocol/service';
import { cssColor, findColorMap, sampleColorMap } from '../field/colorMaps';
import { formatSci } from '../format/numbers';

const coolwarm = findColorMap('coolwarm', 'diverging');

/** prediction − exact, or undefined where the run has no exact solution. */
export function errorField(snapshot: FieldSnapshot | undefined): Float32Array | undefined {
  if (!snapshot?.exact) return undefined;
  return snapshot.prediction.map((v, i) => v - snapshot.exact![i]);
}

/** The largest |error| over every field (the shared scale s), at least 1e-30. */
export function sharedScale(fields: readonly (Float32Array | undefined)[]): number {
  let s = 1e-30;
  for (const field of fields) if (field) for (const v of field) if (Number.isFinite(v)) s = Math.max(s, Math.abs(v));
  return s;
}

/** The colour of an error value on [−scale, scale], as rgb in [0, 1]. */
export function errorRgb(value: number, scale: number): readonly [number, number, number] {
  return sampleColorMap(coolwarm, 0.5 + value / (2 * scale));
}

/** RGBA pixels of an nx×ny field (row 0 at the top = the largest y), NaN as grey. */
export function errorPixels(error: Float32Array, nx: number, ny: number, scale: number): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(nx * ny * 4);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = error[j * nx + i];
      const [r, g, b] = Number.isFinite(v) ? errorRgb(v, scale) : [0.5, 0.5, 0.5];
      pixels.set([r * 255, g * 255, b * 255, 255], ((ny - 1 - j) * nx + i) * 4);
    }
  }
  return pixels;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ErrorFieldImage {
  name: string;
  /** A data: URL of the field's PNG, or undefined where the run has no exact solution. */
  png?: string;
}

/** The fields side by side (200 px squares) with the shared colour bar at the right. */
export function errorFieldsSvg(fields: readonly ErrorFieldImage[], scale: number): string {
  const size = 200;
  const gap = 16;
  const width = fields.length * (size + gap) + 90;
  const height = size + 60;
  const stops = Array.from({ length: 11 }, (_, k) => `<stop offset="${k / 10}" stop-color="${cssColor(sampleColorMap(coolwarm, 1 - k / 10))}"/>`);
  const barX = fields.length * (size + gap) + 10;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="16" font-size="13">Final error (prediction − exact), shared scale ±${escape(formatSci(scale))}</text>`,
    `<defs><linearGradient id="scale" x1="0" y1="0" x2="0" y2="1">${stops.join('')}</linearGradient></defs>`,
    ...fields.map((f, k) => {
      const x = k * (size + gap) + 8;
      const body = f.png
        ? `<image x="${x}" y="28" width="${size}" height="${size}" preserveAspectRatio="none" style="image-rendering:pixelated" href="${f.png}"/>`
        : `<rect x="${x}" y="28" width="${size}" height="${size}" fill="#eeeeee"/><text x="${x + size / 2}" y="${28 + size / 2}" text-anchor="middle">no exact solution</text>`;
      return `${body}<rect x="${x}" y="28" width="${size}" height="${size}" fill="none" stroke="#444"/><text x="${x + size / 2}" y="${height - 14}" text-anchor="middle">${escape(f.name)}</text>`;
    }),
    `<rect x="${barX}" y="28" width="14" height="${size}" fill="url(#scale)" stroke="#444"/>`,
    `<text x="${barX + 18}" y="36">${escape(formatSci(scale))}</text>`,
    `<text x="${barX + 18}" y="${28 + size / 2 + 4}">0</text>`,
    `<text x="${barX + 18}" y="${28 + size}">${escape(formatSci(-scale))}</text>`,
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}
