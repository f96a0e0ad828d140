/**
 * ParaView's collection file (.pvd): a list of datasets with their times, so ParaView (and
 * meshio's readers of the files it names) open a series of VTU files as one animated dataset.
 */
import { xmlEscape } from './xmlText';

export interface PvdEntry {
  t: number;
  file: string;
}

export function writePvd(entries: readonly PvdEntry[]): string {
  return [
    '<?xml version="1.0"?>',
    '<VTKFile type="Collection" version="0.1" byte_order="LittleEndian">',
    '  <Collection>',
    ...entries.map((e) => `    <DataSet timestep="${e.t}" group="" part="0" file="${xmlEscape(e.file)}"/>`),
    '  </Collection>',
    '</VTKFile>',
    '',
  ].join('\n');
}

export function readPvd(text: string): PvdEntry[] {
  const entries: PvdEntry[] = [];
  for (const [, attributes] of text.matchAll(/<DataSet\s([^>]*?)\/?>/g)) {
    const t = /\btimestep="([^"]*)"/.exec(attributes)?.[1];
    const file = /\bfile="([^"]*)"/.exec(attributes)?.[1];
    if (t === undefined || file === undefined) continue;
    entries.push({ t: Number(t), file: file.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"') });
  }
  return entries;
}
