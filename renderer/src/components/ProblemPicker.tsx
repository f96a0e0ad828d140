import { useId, useState } from 'react';
import type { ExampleEntry } from '../../../workers/protocol/service';

export interface ProblemPickerProps {
  examples: readonly ExampleEntry[];
  /** The example the config came from; '' for a file or hand-written config. */
  selectedId: string;
  source: string;
  onPick: (example: ExampleEntry) => void;
  onOpenFile: (text: string, fileName: string) => void;
}

export function ProblemPicker({ examples, selectedId, source, onPick, onOpenFile }: ProblemPickerProps) {
  const pickerId = useId();
  const [fileError, setFileError] = useState<string>();
  const selected = examples.find((example) => example.id === selectedId);

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      onOpenFile(await file.text(), file.name);
      setFileError(undefined);
    } catch (error) {
      setFileError(`${file.name}: ${(error as Error).message}`);
    }
  };

  return (
    <section className="panel-section problem-picker" aria-label="Problem">
      <div className="field">
        <label htmlFor={pickerId}>Problem</label>
        <select
          id={pickerId}
          data-testid="example-picker"
          value={selectedId}
          onChange={(event) => {
            const example = examples.find((entry) => entry.id === event.target.value);
            if (example) onPick(example);
          }}
        >
          {selectedId === '' && <option value="">{source === 'default' ? 'Built-in default' : `Custom: ${source}`}</option>}
          {examples.map((example) => (
            <option key={example.id} value={example.id}>
              {example.title}
            </option>
          ))}
        </select>
      </div>
      {selected && <p className="description">{selected.description}</p>}
      <div className="button-row">
        <label className="button file-button">
          Open config…
          <input
            type="file"
            className="visually-hidden"
            data-testid="open-config"
            accept=".json,application/json"
            onChange={(event) => {
              void openFile(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </label>
        <span className="config-source" title={source}>
          {selectedId === '' && source !== 'default' ? source : ''}
        </span>
      </div>
      {fileError && <p className="error-text">{fileError}</p>}
    </section>
  );
}
