import { useEffect, useRef } from 'react';
import { niceTicks } from '../chart/axisTicks';
import { sampleColorMap, type ColorMap } from '../field/colorMaps';
import { formatCompact } from '../format/numbers';

export interface ColorBarProps {
  map: ColorMap;
  min: number;
  max: number;
  label: string;
}

const STEPS = 128;

/** The colour scale of the field view: max at the top, min at the bottom, a few round ticks. */
export function ColorBar({ map, min, max, label }: ColorBarProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(1, STEPS);
    for (let k = 0; k < STEPS; k++) {
      const [r, g, b] = sampleColorMap(map, 1 - k / (STEPS - 1));
      image.data.set([r * 255, g * 255, b * 255, 255], k * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [map]);

  const ticks = niceTicks(min, max, 4).filter((t) => t > min + (max - min) * 0.12 && t < max - (max - min) * 0.12);
  const position = (value: number) => `${((1 - (value - min) / (max - min)) * 100).toFixed(2)}%`;
  return (
    <div className="color-bar" data-testid="color-bar" aria-label={`Colour scale ${label}: ${min} to ${max}`}>
      <span className="color-bar-title">{label}</span>
      <div className="color-bar-body">
        <canvas ref={canvasRef} width={1} height={STEPS} className="color-bar-ramp" />
        <div className="color-bar-ticks">
          <span className="tick end" data-testid="color-bar-max" style={{ top: '0%' }}>
            {formatCompact(max)}
          </span>
          {ticks.map((t) => (
            <span key={t} className="tick" style={{ top: position(t) }}>
              {formatCompact(t)}
            </span>
          ))}
          <span className="tick end" data-testid="color-bar-min" style={{ top: '100%' }}>
            {formatCompact(min)}
          </span>
        </div>
      </div>
    </div>
  );
}
