import { useEffect, useRef, useState } from 'react';
import type { FieldSnapshot } from '../../../workers/protocol/service';
import { colorMapsOfKind, sampleColorMap } from '../field/colorMaps';
import { formatCompact } from '../format/numbers';

export interface AuxiliaryFieldViewProps {
  snapshot?: FieldSnapshot;
}

/**
 * A method's extra fields on the snapshot grid as a flat map (CPINN: the discriminator's output
 * per residual kind, large where it thinks the PINN is wrong), on a diverging scale symmetric
 * about zero. Nothing for runs without such fields.
 */
export function AuxiliaryFieldView({ snapshot }: AuxiliaryFieldViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [chosen, setChosen] = useState(0);
  const fields = snapshot?.auxiliary ?? [];
  const field = fields[Math.min(chosen, fields.length - 1)];
  const [nx, ny] = snapshot ? [snapshot.axes[0].n, snapshot.axes[1].n] : [0, 0];
  let bound = 0;
  for (const v of field?.values ?? []) bound = Math.max(bound, Math.abs(v));

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx || !field || nx * ny !== field.values.length) return;
    const map = colorMapsOfKind('diverging')[0];
    const image = ctx.createImageData(nx, ny);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const [r, g, b] = sampleColorMap(map, bound > 0 ? 0.5 + field.values[j * nx + i] / (2 * bound) : 0.5);
        // Row j = 0 is the bottom of the domain.
        image.data.set([r * 255, g * 255, b * 255, 255], ((ny - 1 - j) * nx + i) * 4);
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [field, nx, ny, bound]);

  if (!field) return null;
  return (
    <section className="auxiliary-field" aria-label="Discriminator field">
      <h2 className="section-title">
        <select value={Math.min(chosen, fields.length - 1)} onChange={(e) => setChosen(Number(e.target.value))} aria-label="Field">
          {fields.map((f, k) => (
            <option key={f.name} value={k}>
              {f.name}
            </option>
          ))}
        </select>{' '}
        <span className="chart-at">±{formatCompact(bound)}</span>
      </h2>
      <canvas ref={canvasRef} width={nx} height={ny} data-testid="auxiliary-field" />
    </section>
  );
}
