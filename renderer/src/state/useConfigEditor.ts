/**
 * The config being edited, held once and shown twice: as the settings form and as raw JSON.
 * Form edits rewrite the JSON text; JSON edits are parsed and, when they parse, drive the form.
 * Every change is validated by the service (debounced); stale answers are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConfigIssue, WorkbenchService } from '../../../workers/protocol/service';
import { isConfigObject, type ConfigObject } from '../config/configFields';
import { errorText } from '../transport/deadline';

const VALIDATE_DELAY_MS = 200;

export interface ConfigEditor {
  config: unknown;
  text: string;
  /** Where the config came from: an example's title, a file name, or 'edited'. */
  source: string;
  parseError?: string;
  issues: ConfigIssue[];
  validating: boolean;
  /** Validation could not be asked (channel trouble); Run stays possible, startRun will tell. */
  validationError?: string;
  valid: boolean;
  setConfig(config: unknown, source: string): void;
  update(change: (config: ConfigObject) => ConfigObject): void;
  setText(text: string): void;
  loadFileText(text: string, fileName: string): void;
}

interface EditorState {
  config: unknown;
  text: string;
  source: string;
  parseError?: string;
}

const toText = (config: unknown) => JSON.stringify(config, null, 2);
/** An edit of the built-in default is no longer the default: examples arriving later must not replace it. */
const editedSource = (source: string) => (source === 'default' ? 'edited' : source);

export function useConfigEditor(service: WorkbenchService | undefined, initial: unknown): ConfigEditor {
  const [state, setState] = useState<EditorState>(() => ({ config: initial, text: toText(initial), source: 'default' }));
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const [validating, setValidating] = useState(false);
  const [validationError, setValidationError] = useState<string>();
  const sequence = useRef(0);

  useEffect(() => {
    if (!service || state.parseError) return;
    const request = ++sequence.current;
    setValidating(true);
    const timer = setTimeout(() => {
      service.validate(state.config).then(
        (result) => {
          if (request !== sequence.current) return;
          setIssues(result.ok ? [] : result.issues);
          setValidationError(undefined);
          setValidating(false);
        },
        (error: unknown) => {
          if (request !== sequence.current) return;
          setValidationError(errorText(error));
          setValidating(false);
        },
      );
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [service, state.config, state.parseError]);

  const setConfig = useCallback((config: unknown, source: string) => {
    setState({ config, text: toText(config), source });
  }, []);

  const update = useCallback((change: (config: ConfigObject) => ConfigObject) => {
    setState((current) => {
      const base = isConfigObject(current.config) ? current.config : {};
      const config = change(base);
      return { config, text: toText(config), source: editedSource(current.source) };
    });
  }, []);

  const setText = useCallback((text: string) => {
    setState((current) => {
      try {
        return { config: JSON.parse(text) as unknown, text, source: editedSource(current.source) };
      } catch (error) {
        return { ...current, text, source: editedSource(current.source), parseError: `JSON: ${errorText(error)}` };
      }
    });
  }, []);

  const loadFileText = useCallback((text: string, fileName: string) => {
    try {
      const config = JSON.parse(text) as unknown;
      setState({ config, text: toText(config), source: fileName });
    } catch (error) {
      setState((current) => ({ ...current, text, source: fileName, parseError: `${fileName}: not valid JSON (${errorText(error)})` }));
    }
  }, []);

  const shownIssues: ConfigIssue[] = state.parseError ? [{ path: '', message: state.parseError }] : issues;
  return {
    config: state.config,
    text: state.text,
    source: state.source,
    parseError: state.parseError,
    issues: shownIssues,
    validating,
    validationError,
    valid: shownIssues.length === 0 && isConfigObject(state.config),
    setConfig,
    update,
    setText,
    loadFileText,
  };
}
