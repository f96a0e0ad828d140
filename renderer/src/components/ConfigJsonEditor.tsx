import { useId, useState } from 'react';

export interface ConfigJsonEditorProps {
  text: string;
  parseError?: string;
  onChange: (text: string) => void;
}

/** The config as raw JSON; it always shows what the form shows, and edits here drive the form. */
export function ConfigJsonEditor({ text, parseError, onChange }: ConfigJsonEditorProps) {
  const id = useId();
  const [open, setOpen] = useState(true);
  return (
    <details className="panel-section json-editor" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Config JSON</summary>
      <label htmlFor={id} className="visually-hidden">
        Config JSON
      </label>
      <textarea
        id={id}
        data-testid="config-json"
        spellCheck={false}
        autoComplete="off"
        wrap="off"
        rows={14}
        aria-invalid={parseError ? true : undefined}
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
      {parseError && <p className="error-text">{parseError}</p>}
    </details>
  );
}
