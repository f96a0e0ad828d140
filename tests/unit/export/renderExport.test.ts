import { describe, expect, it } from 'vitest';
import { renderExport } from '../../../workers/export';
import { EXPORT_FORMATS, type ExportFormat } from '../../../workers/protocol/service';
import { analyticSnapshot, trainingRows } from './fixtures';

describe('renderExport', () => {
  const snapshot = analyticSnapshot(6, 5);
  const rows = trainingRows();

  it('renders every format in EXPORT_FORMATS with a file name and MIME type', () => {
    const mimes: Record<ExportFormat, string> = {
      'field.vtu': 'application/xml',
      'surface.gltf': 'model/gltf+json',
      'surface.stl': 'model/stl',
      'surface.obj': 'model/obj',
      'loss.svg': 'image/svg+xml',
      'loss.png': 'image/png',
      'field.svg': 'image/svg+xml',
      'field.png': 'image/png',
      'metrics.csv': 'text/csv',
    };
    for (const format of EXPORT_FORMATS) {
      const result = renderExport(format, { snapshot, rows, name: 'heat' });
      expect(result.fileName).toBe(format);
      expect(result.mime).toBe(mimes[format]);
      expect(result.bytes.length).toBeGreaterThan(100);
    }
  });

  it('names the view in the file name of per-view exports other than prediction', () => {
    expect(renderExport('surface.stl', { snapshot, rows, view: 'error' }).fileName).toBe('surface-error.stl');
    expect(renderExport('field.svg', { snapshot, rows, view: 'exact' }).fileName).toBe('field-exact.svg');
    expect(renderExport('field.vtu', { snapshot, rows, view: 'error' }).fileName).toBe('field.vtu');
  });

  it('says which export needs a snapshot the run does not have yet', () => {
    expect(() => renderExport('surface.stl', { rows })).toThrow('surface.stl needs a field snapshot; this run has none yet');
  });

  it('renders the loss exports and the CSV without a snapshot', () => {
    expect(new TextDecoder().decode(renderExport('metrics.csv', { rows }).bytes).split('\n')).toHaveLength(rows.length + 2);
    expect(new TextDecoder().decode(renderExport('loss.svg', { rows, name: 'heat' }).bytes)).toContain('Training loss: heat');
  });

  it('throws on an unknown format, listing the known ones', () => {
    expect(() => renderExport('mesh.ply' as ExportFormat, { rows })).toThrow(/unknown export format 'mesh.ply'; known: field.vtu, surface.gltf/);
    expect(() => renderExport('toString' as ExportFormat, { rows })).toThrow(/unknown export format 'toString'/);
  });
});
