import { useCanvasDrawing } from './useCanvasDrawing';

/** A canvas drawn by `draw` (keep it stable with useCallback), redrawn on change and resize. */
export function DrawnCanvas({ draw, testId, points }: { draw: (ctx: CanvasRenderingContext2D, width: number, height: number) => void; testId: string; points?: number }) {
  const ref = useCanvasDrawing(draw);
  return <canvas ref={ref} className="analysis-canvas" data-testid={testId} data-points={points} />;
}
