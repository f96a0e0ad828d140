import { describe, expect, it } from 'vitest';
import { decadeRange, decadeTicks, formatDecade, formatLinearTick, formatValue, linearTicks } from '../../../workers/export/figures/axisTicks';
import { float32Text } from '../../../workers/export/numberText';

describe('axisTicks', () => {
  it('steps linear ticks by 1, 2, 2.5 or 5 times a power of ten, inside the range', () => {
    expect(linearTicks(0, 1, 5)).toEqual({ values: [0, 0.2, 0.4, 0.6, 0.8, 1], step: 0.2 });
    expect(linearTicks(-1, 1, 6).values).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(linearTicks(3, 1297, 6)).toEqual({ values: [250, 500, 750, 1000, 1250], step: 250 });
  });

  it('keeps iteration ticks whole when asked for a minimum step of 1', () => {
    expect(linearTicks(49, 51, 7, 1).values).toEqual([49, 50, 51]);
    expect(linearTicks(0, 14, 6, 1).step).toBe(5);
  });

  it('labels linear ticks with the decimals their step needs', () => {
    expect(formatLinearTick(0.5, 0.5)).toBe('0.5');
    expect(formatLinearTick(1, 0.5)).toBe('1.0');
    expect(formatLinearTick(0.75, 0.25)).toBe('0.75');
    expect(formatLinearTick(-0, 0.1)).toBe('0');
    expect(formatLinearTick(2e-5, 1e-5)).toBe('2e-5');
  });

  it('spans whole decades around positive values and labels them like 1e-3', () => {
    expect(decadeRange(3e-4, 0.8)).toEqual([-4, 0]);
    expect(decadeRange(1e-3, 1e-3)).toEqual([-3, -2]);
    expect(decadeTicks(-12, 0, 7)).toEqual([-12, -10, -8, -6, -4, -2, 0]);
    expect(formatDecade(-3)).toBe('1e-3');
  });

  it('formats colour-bar values to four significant digits', () => {
    expect(formatValue(0.0123456)).toBe('0.01235');
    expect(formatValue(-2.5e-6)).toBe('-2.5e-6');
    expect(formatValue(123456)).toBe('1.235e5');
  });
});

describe('float32Text', () => {
  it('writes the shortest text that reads back to the same float32', () => {
    expect(float32Text(0.1)).toBe('0.1');
    expect(float32Text(Math.fround(1 / 3))).toBe('0.33333334');
    expect(float32Text(1.5)).toBe('1.5');
    for (const v of [Math.PI, 1e-30, 123456.789, -7.25e12]) expect(Math.fround(Number(float32Text(v)))).toBe(Math.fround(v));
  });
});
