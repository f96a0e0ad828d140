/**
 * The series of fields a time-stepping run (TENG) saves: each snapshot at a new time as
 * `field-t<NNNN>.vtu`, indexed with its time in field-series.pvd (ParaView opens it as one
 * animated dataset; a mesh mover with `field: { run, series: true }` follows it). A mesh mover
 * following a series writes its moved meshes the same way (mesh-t<NNNN>.vtu, mesh-series.pvd).
 */
import { fieldToVtu } from '../../workers/export/vtu';
import { movedMeshToVtu } from '../../workers/export/movedMesh';
import { writePvd, type PvdEntry } from '../../workers/export/pvd';
import type { MeshExport } from '../../workers/methods/meshMover';
import type { FieldSnapshot } from '../../workers/protocol/service';
import type { RunFolder } from './runFolder';

export { readPvd } from '../../workers/export/pvd';

export const FIELD_SERIES_INDEX = 'field-series.pvd';
export const MESH_SERIES_INDEX = 'mesh-series.pvd';
/** At most this many fields are kept (a long run's later snapshots are skipped). */
const MAX_FRAMES = 500;

const numbered = (prefix: string, index: number) => `${prefix}-t${String(index).padStart(4, '0')}.vtu`;

export class FieldSeriesWriter {
  private readonly entries: PvdEntry[] = [];

  constructor(private readonly folder: RunFolder) {}

  /** Writes a snapshot that carries a new time (fixed.t); returns the files written. */
  async add(snapshot: FieldSnapshot): Promise<string[]> {
    const t = snapshot.fixed.t;
    if (t === undefined || this.entries.length >= MAX_FRAMES || (this.entries.length > 0 && t <= this.entries[this.entries.length - 1].t)) return [];
    const file = numbered('field', this.entries.length);
    await this.folder.write(file, fieldToVtu(snapshot));
    this.entries.push({ t, file });
    await this.folder.write(FIELD_SERIES_INDEX, writePvd(this.entries));
    return [file, FIELD_SERIES_INDEX];
  }
}

/** The moved meshes of a followed series and their index; returns the files written. */
export async function writeMeshSeries(folder: RunFolder, meshes: readonly MeshExport[], name?: string): Promise<string[]> {
  const entries = meshes.map((mesh, index) => ({ t: mesh.t ?? index, file: numbered('mesh', index) }));
  for (const [index, mesh] of meshes.entries()) await folder.write(entries[index].file, movedMeshToVtu(mesh, name));
  await folder.write(MESH_SERIES_INDEX, writePvd(entries));
  return [...entries.map((e) => e.file), MESH_SERIES_INDEX];
}
