import { useCallback } from 'react';
import type { MeshComparisonEntry } from '../../../workers/mesh/meshOverlay';
import type { FieldSnapshot } from '../../../workers/protocol/service';
import { DrawnCanvas } from '../analysis/DrawnCanvas';
import { formatCompact } from '../format/numbers';

const LABELS: Record<MeshComparisonEntry['label'], string> = { uniform: 'Uniform', classical: 'Classical (Winslow)', neural: 'Neural (DMM)' };

/** One mesh's edges, fitted to the canvas with its aspect kept. */
function MeshThumbnail({ entry }: { entry: MeshComparisonEntry }) {
  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, width: number, height: number) => {
      const { nodes, connectivity, type } = entry.overlay;
      let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
      for (let k = 0; k < nodes.length; k += 2) {
        [x0, x1] = [Math.min(x0, nodes[k]), Math.max(x1, nodes[k])];
        [y0, y1] = [Math.min(y0, nodes[k + 1]), Math.max(y1, nodes[k + 1])];
      }
      const scale = Math.min((width - 8) / (x1 - x0 || 1), (height - 8) / (y1 - y0 || 1));
      const [ox, oy] = [(width - scale * (x1 - x0)) / 2, (height - scale * (y1 - y0)) / 2];
      const at = (node: number): [number, number] => [ox + (nodes[2 * node] - x0) * scale, height - oy - (nodes[2 * node + 1] - y0) * scale];
      ctx.clearRect(0, 0, width, height);
      ctx.strokeStyle = 'rgba(220, 226, 235, 0.8)';
      ctx.lineWidth = 0.6;
      ctx.beginPath();
      const perCell = type === 'quad' ? 4 : 3;
      for (let c = 0; c < connectivity.length; c += perCell) {
        const [sx, sy] = at(connectivity[c]);
        ctx.moveTo(sx, sy);
        for (let v = 1; v <= perCell; v++) ctx.lineTo(...at(connectivity[c + (v % perCell)]));
      }
      ctx.stroke();
    },
    [entry],
  );
  return <DrawnCanvas draw={draw} testId={`mesh-thumbnail-${entry.label}`} />;
}

/** Uniform, classical and neural meshes side by side with their interpolation errors (mesh-mover runs). */
export function MeshComparisonPanel({ snapshot }: { snapshot?: FieldSnapshot }) {
  const entries = snapshot?.meshComparison;
  if (!entries?.length) return null;
  const uniform = entries.find((e) => e.label === 'uniform')?.relL2;
  return (
    <section className="mesh-comparison" aria-label="Mesh comparison" data-testid="mesh-comparison">
      {entries.map((entry) => (
        <figure key={entry.label} className="mesh-comparison-item">
          <MeshThumbnail entry={entry} />
          <figcaption>
            <strong>{LABELS[entry.label]}</strong>
            <span data-testid={`mesh-error-${entry.label}`}>
              relL2 {formatCompact(entry.relL2)}
              {uniform !== undefined && entry.label !== 'uniform' ? ` · ${formatCompact(uniform / entry.relL2)}× better` : ''}
              {entry.overlay.invertedCells > 0 ? ` · ${entry.overlay.invertedCells} inverted` : ''}
            </span>
          </figcaption>
        </figure>
      ))}
    </section>
  );
}
