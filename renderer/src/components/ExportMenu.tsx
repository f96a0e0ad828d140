import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type FieldView, type WorkbenchService } from '../../../workers/protocol/service';
import { errorText } from '../transport/deadline';

export interface ExportMenuProps {
  service?: WorkbenchService;
  runId?: string;
  view: FieldView;
}

function download(bytes: Uint8Array, mime: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mime || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One button per export format of the selected run; field exports use the view on screen. */
export function ExportMenu({ service, runId, view }: ExportMenuProps) {
  const [busy, setBusy] = useState<ExportFormat>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();

  const exportAs = async (format: ExportFormat) => {
    if (!service || !runId) return;
    setBusy(format);
    setResult(undefined);
    try {
      const file = await service.exportRun(runId, format, view);
      download(file.bytes, file.mime, file.fileName);
      setResult({ ok: true, text: file.path ? `Saved ${file.fileName} to ${file.path}` : `Downloaded ${file.fileName}` });
    } catch (error) {
      setResult({ ok: false, text: `Export ${format} failed: ${errorText(error)}` });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="export-menu" aria-label="Export">
      <h2 className="section-title">Export {runId ? <span className="muted">({view})</span> : null}</h2>
      <div className="export-buttons">
        {EXPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="small"
            data-testid={`export-${format}`}
            disabled={!service || !runId || busy !== undefined}
            onClick={() => void exportAs(format)}
          >
            {busy === format ? '…' : format}
          </button>
        ))}
      </div>
      {result && (
        <p className={result.ok ? 'export-result' : 'error-text'} data-testid="export-result">
          {result.text}
        </p>
      )}
    </section>
  );
}
