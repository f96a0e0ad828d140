/**
 * A figure as a list of drawing primitives in pixel units (origin top-left, y down). Layouts
 * (loss plot, field plot) build a Scene once; svgRenderer and rasterRenderer draw the same Scene.
 */
import type { RgbaImage } from '../png';

/** A CSS hex colour, `#rrggbb`. */
export type Color = string;
export type Point = readonly [number, number];

/** Where a text's anchor point sits along the text. */
export type TextAnchor = 'start' | 'middle' | 'end';
/** Where the anchor point sits across the text: top, middle or bottom of the capitals (bottom = baseline). */
export type TextBaseline = 'top' | 'middle' | 'baseline';

export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: Color;
  fillOpacity?: number;
  stroke?: Color;
  strokeWidth?: number;
}

export interface PolylineItem {
  kind: 'polyline';
  points: Point[];
  stroke: Color;
  width: number;
  /** Alternating on/off lengths. */
  dash?: number[];
  /** What the line shows (a loss term's name), kept in the SVG for readers and tests. */
  label?: string;
}

export interface CircleItem {
  kind: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: Color;
}

export interface TextItem {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  size: number;
  color: Color;
  anchor: TextAnchor;
  baseline: TextBaseline;
  bold?: boolean;
  /** Turned 90° counter-clockwise (reads bottom to top), rotated about (x, y). */
  vertical?: boolean;
}

export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  width: number;
  height: number;
  image: RgbaImage;
}

export type SceneItem = RectItem | PolylineItem | CircleItem | TextItem | ImageItem;

export interface Scene {
  width: number;
  height: number;
  background: Color;
  /** Accessible title of the whole figure. */
  title: string;
  items: SceneItem[];
}

/** How a renderer sets text, so that layouts leave room for labels in either output. */
export interface FontMetrics {
  /** Advance width of a line of text at a font size. */
  width(text: string, size: number): number;
  /** Height of the capitals at a font size (what 'top' / 'middle' / 'baseline' refer to). */
  capHeight(size: number): number;
}
