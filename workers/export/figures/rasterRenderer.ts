/** Draws a Scene onto a RasterImage; text is set in the bitmap font at the integer scale nearest the font size. */
import { ASCENT, CAP_HEIGHT } from '../bitmapFont';
import { bitmapTextSize, RasterImage, type Rgba8 } from '../raster';
import type { Color, FontMetrics, Scene, SceneItem, TextItem } from './scene';

/** The bitmap font magnification whose capitals best match a font size (capitals ≈ 0.716 em). */
export function bitmapScale(size: number): number {
  return Math.max(1, Math.round((0.716 * size) / CAP_HEIGHT));
}

/** Font metrics of the bitmap font as the raster renderer sets it. */
export const bitmapFontMetrics: FontMetrics = {
  width: (text, size) => bitmapTextSize(text, bitmapScale(size)).width,
  capHeight: (size) => CAP_HEIGHT * bitmapScale(size),
};

/** Parses `#rrggbb` with an opacity in [0, 1] into RGBA bytes. */
export function parseColor(color: Color, opacity = 1): Rgba8 {
  const match = /^#([0-9a-f]{6})$/i.exec(color);
  if (!match) throw new Error(`colour '${color}' is not #rrggbb`);
  const v = parseInt(match[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255, Math.round(Math.max(0, Math.min(1, opacity)) * 255)];
}

/** Rasterizes a scene at one device pixel per scene unit. */
export function sceneToRaster(scene: Scene): RasterImage {
  const image = new RasterImage(Math.round(scene.width), Math.round(scene.height), parseColor(scene.background));
  for (const item of scene.items) drawItem(image, item);
  return image;
}

function drawItem(image: RasterImage, item: SceneItem): void {
  switch (item.kind) {
    case 'rect':
      if (item.fill) image.fillRect(item.x, item.y, item.width, item.height, parseColor(item.fill, item.fillOpacity));
      if (item.stroke) strokeRect(image, item.x, item.y, item.width, item.height, item.strokeWidth ?? 1, parseColor(item.stroke));
      return;
    case 'polyline':
      image.strokePolyline(item.points, parseColor(item.stroke), item.width, item.dash);
      return;
    case 'circle':
      image.fillCircle(item.cx, item.cy, item.r, parseColor(item.fill));
      return;
    case 'text':
      drawText(image, item);
      return;
    case 'image':
      image.drawImage(item.image, item.x, item.y, item.width, item.height);
      return;
  }
}

function strokeRect(image: RasterImage, x: number, y: number, w: number, h: number, width: number, color: Rgba8): void {
  const half = width / 2;
  image.fillRect(x - half, y - half, w + width, width, color);
  image.fillRect(x - half, y + h - half, w + width, width, color);
  image.fillRect(x - half, y + half, width, h - width, color);
  image.fillRect(x + w - half, y + half, width, h - width, color);
}

function drawText(image: RasterImage, item: TextItem): void {
  const scale = bitmapScale(item.size);
  const { width } = bitmapTextSize(item.text, scale);
  const cap = CAP_HEIGHT * scale;
  const across = item.baseline === 'top' ? cap : item.baseline === 'middle' ? cap / 2 : 0;
  const along = item.anchor === 'start' ? 0 : item.anchor === 'middle' ? width / 2 : width;
  const color = parseColor(item.color);
  const style = { scale, bold: item.bold, vertical: item.vertical };
  if (item.vertical) image.drawText(item.text, item.x + across - ASCENT * scale, item.y + along - width, color, style);
  else image.drawText(item.text, item.x - along, item.y + across - ASCENT * scale, color, style);
}
