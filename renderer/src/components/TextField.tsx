import { useId, useState, type ReactNode } from 'react';

export interface TextFieldProps<T> {
  label: string;
  testId: string;
  value: T;
  format: (value: T) => string;
  parse: (text: string) => T;
  onChange: (value: T) => void;
  type?: 'text' | 'number';
  step?: string;
  min?: number;
  placeholder?: string;
  invalid?: boolean;
  hint?: ReactNode;
}

/**
 * An input bound to a config value through format/parse. What the user types is kept as typed
 * (a trailing comma, "0.0010") while it means the same value; it is replaced only when the value
 * changes from elsewhere (the JSON editor, an example).
 */
export function TextField<T>({ label, testId, value, format, parse, onChange, type = 'text', step, min, placeholder, invalid, hint }: TextFieldProps<T>) {
  const id = useId();
  const shown = format(value);
  const [draft, setDraft] = useState(shown);
  const [lastShown, setLastShown] = useState(shown);
  if (lastShown !== shown) {
    setLastShown(shown);
    if (format(parse(draft)) !== shown) setDraft(shown);
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        type={type}
        step={step}
        min={min}
        inputMode={type === 'number' ? 'decimal' : undefined}
        placeholder={placeholder}
        aria-invalid={invalid || undefined}
        spellCheck={false}
        autoComplete="off"
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          onChange(parse(event.target.value));
        }}
      />
      {hint && <span className="field-hint">{hint}</span>}
    </div>
  );
}
