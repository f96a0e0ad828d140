import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { FINISHED_STATUSES, type ConfigIssue, type ExampleEntry, type FieldView as FieldViewName, type MetricsRow, type WorkbenchInfo } from '../../../workers/protocol/service';
import { availableViews } from '../field/fieldValues';
import { DEFAULT_CONFIG } from '../config/defaultConfig';
import { issuesFromMessage } from '../config/issueText';
import { RunPoller } from '../state/runPoller';
import { errorText } from '../transport/deadline';
import { RunStore } from '../state/runStore';
import { useConfigEditor } from '../state/useConfigEditor';
import type { ConnectionState } from '../transport/connectionState';
import { AnalysisPanel } from './AnalysisPanel';
import { ConfigJsonEditor } from './ConfigJsonEditor';
import { ConnectionBanner } from './ConnectionBanner';
import { ExportMenu } from './ExportMenu';
import { FlowPanel } from './FlowPanel';
import { MeshComparisonPanel } from './MeshComparisonPanel';
import { ProblemMetricsChart } from './ProblemMetricsChart';
import { Header } from './Header';
import { IssuesList } from './IssuesList';
import { AuxiliaryFieldView } from './AuxiliaryFieldView';
import { KrylovChart } from './KrylovChart';
import { LossChart } from './LossChart';
import { ErrorVsTimeChart } from './ErrorVsTimeChart';
import { hasTimeRows } from '../chart/timeSeries';
import { MetricsPanel } from './MetricsPanel';
import { ProblemPicker } from './ProblemPicker';
import { RunControls } from './RunControls';
import { RunsList } from './RunsList';
import { SettingsForm } from './SettingsForm';
import { TimedFieldView } from './TimedFieldView';

type RunAction = 'pause' | 'resume' | 'cancel' | 'resumeRun';

const NO_ROWS: readonly MetricsRow[] = [];

function latestRelL2(rows: readonly { relL2?: number }[]): number | undefined {
  for (let k = rows.length - 1; k >= 0; k--) if (rows[k].relL2 !== undefined && rows[k].relL2 !== null) return rows[k].relL2;
  return undefined;
}

export function App({ connection }: { connection: ConnectionState }) {
  const phase = useSyncExternalStore(connection.subscribe, connection.get);
  const service = phase.phase === 'ready' ? phase.connection.service : undefined;
  const mock = (phase.phase === 'ready' || phase.phase === 'lost') && phase.connection.mock;

  const [info, setInfo] = useState<WorkbenchInfo>();
  const [examples, setExamples] = useState<ExampleEntry[]>([]);
  const [exampleId, setExampleId] = useState('');
  const [startupError, setStartupError] = useState<string>();
  const editor = useConfigEditor(service, DEFAULT_CONFIG);
  const { setConfig } = editor;
  const editorSource = useRef(editor.source);
  editorSource.current = editor.source;

  const [store] = useState(() => new RunStore());
  useSyncExternalStore(store.subscribe, store.getVersion);
  const poller = useRef<RunPoller | undefined>(undefined);
  const [listError, setListError] = useState<string>();

  const [view, setView] = useState<FieldViewName>('prediction');
  const [starting, setStarting] = useState(false);
  const [rejected, setRejected] = useState<ConfigIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const [analysisOpen, setAnalysisOpen] = useState(false);

  useEffect(() => {
    if (!service) return;
    let live = true;
    Promise.all([service.info(), service.examples()]).then(
      ([workbenchInfo, list]) => {
        if (!live) return;
        setInfo(workbenchInfo);
        setExamples(list);
        const first = list[0];
        if (first && editorSource.current === 'default') {
          setConfig(structuredClone(first.config), first.title);
          setExampleId(first.id);
        }
      },
      (error: unknown) => live && setStartupError(`Could not load the workbench's info and examples: ${errorText(error)}`),
    );
    return () => {
      live = false;
    };
  }, [service, setConfig]);

  useEffect(() => {
    if (!service) return;
    const instance = new RunPoller(service, store, setListError);
    poller.current = instance;
    instance.start();
    return () => {
      instance.stop();
      poller.current = undefined;
    };
  }, [service, store]);

  // The desktop shell's File ▸ Open config… arrives as a window message from the preload.
  const { loadFileText } = editor;
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; text?: unknown; fileName?: unknown } | null;
      if (event.source !== window || typeof data !== 'object' || data === null || data.type !== 'open-config') return;
      if (typeof data.text !== 'string') return;
      loadFileText(data.text, typeof data.fileName === 'string' ? data.fileName : 'config.json');
      setExampleId('');
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [loadFileText]);

  useEffect(() => setRejected([]), [editor.config]);

  const pickExample = useCallback(
    (example: ExampleEntry) => {
      setConfig(structuredClone(example.config), example.title);
      setExampleId(example.id);
    },
    [setConfig],
  );

  const openFile = useCallback(
    (text: string, fileName: string) => {
      loadFileText(text, fileName);
      setExampleId('');
    },
    [loadFileText],
  );

  const run = async () => {
    if (!service) return;
    setStarting(true);
    setRejected([]);
    try {
      const summary = await service.startRun(editor.config);
      store.addRun(summary);
      store.select(summary.id);
      void poller.current?.refreshList();
    } catch (error) {
      setRejected(issuesFromMessage(errorText(error)));
    } finally {
      setStarting(false);
    }
  };

  const selected = store.selectedSummary();
  const act = async (action: RunAction) => {
    if (!service || !selected) return;
    setBusy(true);
    setActionError(undefined);
    try {
      await service[action](selected.id);
      if (action === 'resumeRun') store.forget(selected.id);
      await poller.current?.refreshList();
    } catch (error) {
      setActionError(`${action} ${selected.name}: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const history = store.selectedHistory();
  const rows = history?.rows ?? NO_ROWS;
  const shownView = availableViews(history?.snapshot).includes(view) ? view : 'prediction';
  const connectionPhase = phase.phase;

  return (
    <div className="app">
      <Header info={info} mock={mock} connection={connectionPhase} />
      {(phase.phase === 'failed' || phase.phase === 'lost') && <ConnectionBanner phase={phase.phase} message={phase.message} />}
      {startupError && (
        <div className="connection-banner warning" role="alert">
          {startupError}
        </div>
      )}
      <div className="workspace">
        <aside className="side-panel" aria-label="Problem and settings">
          <ProblemPicker examples={examples} selectedId={exampleId} source={editor.source} onPick={pickExample} onOpenFile={openFile} />
          <SettingsForm config={editor.config} issues={editor.issues} locked={editor.parseError !== undefined} update={editor.update} />
          <IssuesList issues={editor.issues} rejected={rejected} validating={editor.validating} validationError={editor.validationError} connected={service !== undefined} />
          <RunControls
            canRun={service !== undefined && editor.valid}
            starting={starting}
            selected={selected}
            busy={busy || service === undefined}
            actionError={actionError}
            onRun={() => void run()}
            onPause={() => void act('pause')}
            onResume={() => void act(selected?.status === 'paused' ? 'resume' : 'resumeRun')}
            onCancel={() => void act('cancel')}
          />
          <RunsList runs={store.runs} selectedId={store.selectedId} error={listError} onSelect={(id) => store.select(id)} />
          <ConfigJsonEditor text={editor.text} parseError={editor.parseError} onChange={editor.setText} />
        </aside>
        <main className="main-area">
          <button className="analysis-toggle" aria-pressed={analysisOpen} onClick={() => setAnalysisOpen(!analysisOpen)}>
            {analysisOpen ? 'Field' : 'Analysis'}
          </button>
          {analysisOpen ? (
            <AnalysisPanel service={service} store={store} selected={selected} />
          ) : (
            <>
              <TimedFieldView
                service={service}
                runId={selected?.id}
                timed={hasTimeRows(rows)}
                live={selected !== undefined && !FINISHED_STATUSES.includes(selected.status)}
                snapshot={history?.snapshot}
                view={view}
                onViewChange={setView}
              />
              <FlowPanel snapshot={history?.snapshot} problem={selected?.problem} />
              <MeshComparisonPanel snapshot={history?.snapshot} />
            </>
          )}
          <div className="bottom-row">
            <LossChart rows={rows} version={history?.version ?? -1} runId={history?.id} />
            {hasTimeRows(rows) && <ErrorVsTimeChart rows={rows} version={history?.version ?? -1} />}
            <ProblemMetricsChart rows={rows} version={history?.version ?? -1} problem={selected?.problem} />
            <div className="side-metrics">
              <MetricsPanel summary={selected} lastRow={rows[rows.length - 1]} lastRelL2={latestRelL2(rows)} pollError={history?.error} />
              <KrylovChart rows={rows} version={history?.version ?? -1} />
              <AuxiliaryFieldView snapshot={history?.snapshot} />
              <ExportMenu service={service} runId={selected?.id} view={shownView} />
            </div>
          </div>
        </main>
      </div>
    </div>
  );
}
