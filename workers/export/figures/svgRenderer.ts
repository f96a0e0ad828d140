/** Draws a Scene as SVG 1.1 text; images are embedded as PNG data URIs. */
import { base64Encode } from '../base64';
import { encodePng } from '../png';
import { svgNumber } from '../numberText';
import { xmlEscape } from '../xmlText';
import type { FontMetrics, Scene, SceneItem, TextItem } from './scene';

const FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const CAP_HEIGHT_EM = 0.716;

/** Approximate Helvetica advance widths (em), enough to leave room for labels. */
function charWidthEm(ch: string): number {
  if (/[0-9]/.test(ch)) return 0.556;
  if (/[.,:;'|!il]/.test(ch)) return 0.278;
  if (/[ ()\[\]fjrt-]/.test(ch)) return 0.333;
  if (/[mwMW]/.test(ch)) return 0.85;
  if (/[A-Z]/.test(ch)) return 0.68;
  return 0.556;
}

/** Font metrics of the sans-serif text an SVG viewer will set. */
export const svgFontMetrics: FontMetrics = {
  width: (text, size) => [...text].reduce((sum, ch) => sum + charWidthEm(ch), 0) * size,
  capHeight: (size) => CAP_HEIGHT_EM * size,
};

/** SVG document text of a scene. */
export function sceneToSvg(scene: Scene): string {
  const n = svgNumber;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${n(scene.width)}" height="${n(scene.height)}" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" font-family="${xmlEscape(FONT_FAMILY)}">`,
    `<title>${xmlEscape(scene.title)}</title>`,
    `<rect width="100%" height="100%" fill="${scene.background}"/>`,
    ...scene.items.map(itemSvg),
    '</svg>',
    '',
  ].join('\n');
}

function itemSvg(item: SceneItem): string {
  const n = svgNumber;
  switch (item.kind) {
    case 'rect': {
      const fill = item.fill ? `fill="${item.fill}"${item.fillOpacity !== undefined ? ` fill-opacity="${n(item.fillOpacity, 3)}"` : ''}` : 'fill="none"';
      const stroke = item.stroke ? ` stroke="${item.stroke}" stroke-width="${n(item.strokeWidth ?? 1)}"` : '';
      return `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.width)}" height="${n(item.height)}" ${fill}${stroke}/>`;
    }
    case 'polyline': {
      const d = item.points.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${n(x)} ${n(y)}`).join('');
      const dash = item.dash ? ` stroke-dasharray="${item.dash.map((v) => n(v)).join(' ')}"` : '';
      const label = item.label !== undefined ? ` data-series="${xmlEscape(item.label)}"` : '';
      return `<path${label} d="${d}" fill="none" stroke="${item.stroke}" stroke-width="${n(item.width)}" stroke-linejoin="round" stroke-linecap="round"${dash}/>`;
    }
    case 'circle':
      return `<circle cx="${n(item.cx)}" cy="${n(item.cy)}" r="${n(item.r)}" fill="${item.fill}"/>`;
    case 'text':
      return textSvg(item);
    case 'image': {
      const uri = `data:image/png;base64,${base64Encode(encodePng(item.image))}`;
      return `<image x="${n(item.x)}" y="${n(item.y)}" width="${n(item.width)}" height="${n(item.height)}" preserveAspectRatio="none" xlink:href="${uri}"/>`;
    }
  }
}

function textSvg(item: TextItem): string {
  const n = svgNumber;
  const cap = svgFontMetrics.capHeight(item.size);
  const shift = item.baseline === 'top' ? cap : item.baseline === 'middle' ? cap / 2 : 0;
  const rotate = item.vertical ? ` transform="rotate(-90 ${n(item.x)} ${n(item.y)})"` : '';
  const weight = item.bold ? ' font-weight="bold"' : '';
  return `<text x="${n(item.x)}" y="${n(item.y + shift)}"${rotate} font-size="${n(item.size)}" fill="${item.color}" text-anchor="${item.anchor}"${weight}>${xmlEscape(item.text)}</text>`;
}
