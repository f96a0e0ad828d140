/**
 * What the three.js field view draws over a velocity–pressure snapshot: streamlines or velocity
 * arrows, as line segments in axis fractions (FieldScene.setOverlay drapes them on the surface).
 */
import type { FieldSnapshot } from '../../../workers/protocol/service';
import { arrowSegments, velocityGlyphs } from './flowFields';
import { polylineSegments, streamlines } from './streamlines';

export type FlowOverlay = 'streamlines' | 'arrows' | 'none';

const STREAMLINE_DENSITY = 24;
const ARROWS = 20;

export function hasVelocity(snapshot: FieldSnapshot | undefined): boolean {
  return Boolean(snapshot?.fields?.u && snapshot.fields.v);
}

/** Segments of the chosen overlay; `extent` is the plotted rectangle's [width, height]. */
export function flowOverlaySegments(snapshot: FieldSnapshot, overlay: FlowOverlay, extent: [number, number]): Float32Array | undefined {
  const fields = snapshot.fields;
  if (overlay === 'none' || !fields?.u || !fields.v) return undefined;
  const aspect = extent[0] / extent[1];
  if (overlay === 'arrows') return arrowSegments(velocityGlyphs(snapshot, ARROWS), aspect);
  const lines = streamlines({ axes: snapshot.axes, u: fields.u, v: fields.v, inDomain: snapshot.inDomain }, { density: STREAMLINE_DENSITY, aspect });
  return polylineSegments(lines);
}
