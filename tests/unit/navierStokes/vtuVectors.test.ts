import { describe, expect, it } from 'vitest';
import { fieldToVtu } from '../../../workers/export/vtu';
import type { FieldSnapshot } from '../../../workers/protocol/service';

describe('VTU export of a velocity–pressure field', () => {
  it('writes each unknown, the velocity as a 3-component vector (u, v, 0) and the in-domain mask', () => {
    const u = Float32Array.of(1, 2, 3, 4);
    const v = Float32Array.of(-1, -2, -3, -4);
    const snapshot: FieldSnapshot = {
      iteration: 7,
      unknown: 'u',
      axes: [{ name: 'x', min: 0, max: 1, n: 2 }, { name: 'y', min: 0, max: 1, n: 2 }],
      fixed: {},
      prediction: u,
      fields: { u, v, p: Float32Array.of(0, 0, 0, 1) },
      inDomain: Uint8Array.of(1, 0, 1, 1),
    };
    const xml = new TextDecoder().decode(fieldToVtu(snapshot, { encoding: 'ascii' }));
    const array = (name: string) => new RegExp(`<DataArray type="(\\w+)" Name="${name}"([^>]*)>\\s*([^<]*)</DataArray>`).exec(xml);
    const velocity = array('velocity')!;
    expect(velocity[1]).toBe('Float32');
    expect(velocity[2]).toContain('NumberOfComponents="3" NumberOfTuples="4"');
    expect(velocity[3].trim().split(/\s+/).map(Number)).toEqual([1, -1, 0, 2, -2, 0, 3, -3, 0, 4, -4, 0]);
    expect(array('field_p')![3].trim().split(/\s+/).map(Number)).toEqual([0, 0, 0, 1]);
    expect(array('inDomain')![1]).toBe('UInt8');
    expect(array('inDomain')![3].trim().split(/\s+/).map(Number)).toEqual([1, 0, 1, 1]);
  });
});
