import { useEffect, useRef } from 'react';
import type { LandscapeReport } from '../../../workers/protocol/service';
import { LandscapeSurface, type SurfacePath } from './landscapeSurface';

/** The three.js view of landscapeSurface.ts (orbit with the mouse); shows nothing where WebGL is missing. */
export function Surface3D({ landscape, paths, testId }: { landscape: LandscapeReport | undefined; paths: readonly SurfacePath[]; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const surface = useRef<LandscapeSurface | undefined>(undefined);
  const latest = useRef({ landscape, paths });
  latest.current = { landscape, paths };
  useEffect(() => {
    const canvas = ref.current!;
    let scene: LandscapeSurface;
    try {
      scene = surface.current = new LandscapeSurface(canvas);
    } catch {
      return; // no WebGL: the 2D plane beside it still shows everything
    }
    scene.show(latest.current.landscape, latest.current.paths);
    const observer = new ResizeObserver(([entry]) => scene.resize(Math.floor(entry.contentRect.width), Math.floor(entry.contentRect.height)));
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      scene.dispose();
      surface.current = undefined;
    };
  }, []);
  useEffect(() => surface.current?.show(landscape, paths), [landscape, paths]);
  const points = paths.reduce((n, p) => n + p.alpha.length, 0);
  return <canvas ref={ref} className="analysis-canvas" data-testid={testId} data-paths={paths.length} data-points={points} data-surface={landscape ? 'yes' : 'no'} />;
}
