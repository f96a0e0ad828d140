/**
 * Exports of a run, one writer per format in EXPORT_FORMATS, found by name in a registry. Every
 * writer is pure (data in, bytes out), so this runs in the main process, the CLI or a worker.
 */
import { EXPORT_FORMATS, type ExportFormat, type FieldSnapshot, type FieldView, type MetricsRow } from '../protocol/service';
import { fieldPlotPng, fieldPlotSvg } from './figures/fieldPlot';
import { lossPlotPng, lossPlotSvg } from './figures/lossPlot';
import { metricsToCsv } from './metricsCsv';
import { meshToObj } from './obj';
import { meshToStl } from './stl';
import { meshToGltf } from './gltf';
import { fieldToSurface } from './surfaceMesh';
import { fieldToVtu } from './vtu';

export interface ExportData {
  snapshot?: FieldSnapshot;
  rows: MetricsRow[];
  /** Which field to draw for surfaces and field figures (default prediction; the VTU holds all). */
  view?: FieldView;
  /** The run's name, used in titles and mesh names. */
  name?: string;
}

export interface RenderedExport {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

interface FieldRequest {
  snapshot: FieldSnapshot;
  view: FieldView;
  name?: string;
}

type ExportWriter =
  | { needs: 'snapshot'; mime: string; perView: boolean; write: (request: FieldRequest) => Uint8Array | string }
  | { needs: 'rows'; mime: string; write: (rows: MetricsRow[], name?: string) => Uint8Array | string };

const surface = (request: FieldRequest) => {
  const mesh = fieldToSurface(request.snapshot, { view: request.view });
  return request.name ? { ...mesh, name: `${request.name}: ${mesh.name}` } : mesh;
};

const WRITERS: Record<ExportFormat, ExportWriter> = {
  'field.vtu': { needs: 'snapshot', mime: 'application/xml', perView: false, write: ({ snapshot }) => fieldToVtu(snapshot) },
  'surface.gltf': { needs: 'snapshot', mime: 'model/gltf+json', perView: true, write: (r) => meshToGltf(surface(r)) },
  'surface.stl': { needs: 'snapshot', mime: 'model/stl', perView: true, write: (r) => meshToStl(surface(r)) },
  'surface.obj': { needs: 'snapshot', mime: 'model/obj', perView: true, write: (r) => meshToObj(surface(r)) },
  'field.svg': { needs: 'snapshot', mime: 'image/svg+xml', perView: true, write: ({ snapshot, view }) => fieldPlotSvg(snapshot, view) },
  'field.png': { needs: 'snapshot', mime: 'image/png', perView: true, write: ({ snapshot, view }) => fieldPlotPng(snapshot, view) },
  'loss.svg': { needs: 'rows', mime: 'image/svg+xml', write: (rows, name) => lossPlotSvg(rows, { title: lossTitle(name) }) },
  'loss.png': { needs: 'rows', mime: 'image/png', write: (rows, name) => lossPlotPng(rows, { title: lossTitle(name) }) },
  'metrics.csv': { needs: 'rows', mime: 'text/csv', write: (rows) => metricsToCsv(rows) },
};

/**
 * Renders one export. fileName is the format's name (`surface.stl`), with the view after the
 * first word for views other than prediction (`field-error.png`).
 */
export function renderExport(format: ExportFormat, data: ExportData): RenderedExport {
  if (!Object.hasOwn(WRITERS, format)) throw new Error(`unknown export format '${String(format)}'; known: ${EXPORT_FORMATS.join(', ')}`);
  const writer = WRITERS[format];
  if (writer.needs === 'rows') return finish(format, writer.mime, writer.write(data.rows, data.name));
  if (!data.snapshot) throw new Error(`${format} needs a field snapshot; this run has none yet`);
  const view = data.view ?? 'prediction';
  const fileName = writer.perView && view !== 'prediction' ? format.replace('.', `-${view}.`) : format;
  return finish(fileName, writer.mime, writer.write({ snapshot: data.snapshot, view, name: data.name }));
}

function finish(fileName: string, mime: string, content: Uint8Array | string): RenderedExport {
  return { fileName, mime, bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content };
}

function lossTitle(name?: string): string {
  return name ? `Training loss: ${name}` : 'Training loss';
}

