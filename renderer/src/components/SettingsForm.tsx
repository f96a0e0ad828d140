import { memo, useId, useRef } from 'react';
import type { ConfigIssue } from '../../../workers/protocol/service';
import {
  ACTIVATION_NAMES,
  formatHidden,
  formatValue,
  getIn,
  isConfigObject,
  optimizerField,
  optimizerPath,
  optimizers,
  parseHidden,
  parseNumber,
  setAdamField,
  setIn,
  setLbfgsIterations,
  type ConfigObject,
  type OptimizerEntry,
} from '../config/configFields';
import { concerns } from '../config/issueText';
import { TextField } from './TextField';

export interface SettingsFormProps {
  config: unknown;
  issues: readonly ConfigIssue[];
  /** Set while the JSON text does not parse: the form would overwrite it. */
  locked: boolean;
  update: (change: (config: ConfigObject) => ConfigObject) => void;
}

const formatNumber = (value: unknown) => formatValue(value);

function chainText(config: unknown): string {
  const list = optimizers(config);
  if (!list) return 'default chain (adam 2000 → lbfgs 500)';
  if (list.length === 0) return 'no optimizer';
  return list.map((entry) => `${isConfigObject(entry) ? String(entry.name) : '?'} ${formatValue(entry?.iterations) || '(default)'}`).join(' → ');
}

export const SettingsForm = memo(function SettingsForm({ config, issues, locked, update }: SettingsFormProps) {
  const activationId = useId();
  const removedLbfgs = useRef<OptimizerEntry | undefined>(undefined);
  const invalid = (path: string) => issues.some((issue) => concerns(issue, path));
  const activation = formatValue(getIn(config, ['network', 'activation']));
  const activations: string[] = [...ACTIVATION_NAMES];
  if (activation && !activations.includes(activation)) activations.push(activation);
  const lbfgsIndex = optimizers(config)?.findIndex((entry) => isConfigObject(entry) && entry.name === 'lbfgs') ?? -1;
  const lbfgsIterations = optimizers(config) && lbfgsIndex < 0 ? 0 : optimizerField(config, 'lbfgs', 'iterations');

  const setPath = (path: string[]) => (value: unknown) => update((c) => setIn(c, path, value));
  const methodName = getIn(config, ['method', 'name']);
  const isPinn = methodName === undefined || methodName === 'pinn';

  return (
    <fieldset className="settings-form" disabled={locked || !isConfigObject(config)}>
      <legend className="visually-hidden">Settings</legend>
      <h2 className="section-title">Settings</h2>
      {locked && <p className="form-note">The JSON below does not parse: fix it there, or pick an example.</p>}
      <TextField
        label="Name"
        testId="input-name"
        value={getIn(config, ['name'])}
        format={formatValue}
        parse={(text) => text}
        onChange={setPath(['name'])}
        placeholder="run"
        invalid={invalid('name')}
      />

      <h3 className="form-group">Network</h3>
      <div className="field-row">
        <TextField
          label="Hidden widths"
          testId="input-hidden"
          value={getIn(config, ['network', 'hidden'])}
          format={formatHidden}
          parse={parseHidden}
          onChange={setPath(['network', 'hidden'])}
          placeholder="32,32,32"
          invalid={invalid('network.hidden')}
          hint="comma-separated"
        />
        <div className="field">
          <label htmlFor={activationId}>Activation</label>
          <select
            id={activationId}
            data-testid="input-activation"
            value={activation || 'tanh'}
            aria-invalid={invalid('network.activation') || undefined}
            onChange={(event) => update((c) => setIn(c, ['network', 'activation'], event.target.value))}
          >
            {activations.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {isPinn && (
        <label className="field checkbox-field" title="Periodic axes of the domain enter the network as (cos, sin) features: periodicity holds exactly instead of by a penalty (jet engine)">
          <input
            type="checkbox"
            data-testid="input-periodic-embedding"
            checked={getIn(config, ['network', 'periodicEmbedding']) === true}
            aria-invalid={invalid('network.periodicEmbedding') || undefined}
            onChange={(event) => update((c) => setIn(c, ['network', 'periodicEmbedding'], event.target.checked ? true : undefined))}
          />{' '}
          Exact periodicity (periodic input features)
        </label>
      )}

      <h3 className="form-group">Optimizers</h3>
      <div className="field-row">
        <TextField
          label="Adam lr"
          testId="input-adam-lr"
          type="number"
          step="any"
          min={0}
          value={optimizerField(config, 'adam', 'lr')}
          format={formatNumber}
          parse={parseNumber}
          onChange={(value) => update((c) => setAdamField(c, 'lr', value))}
          invalid={invalid(optimizerPath(config, 'adam', 'lr'))}
        />
        <TextField
          label="Adam iterations"
          testId="input-adam-iterations"
          type="number"
          step="1"
          min={0}
          value={optimizerField(config, 'adam', 'iterations')}
          format={formatNumber}
          parse={parseNumber}
          onChange={(value) => update((c) => setAdamField(c, 'iterations', value))}
          invalid={invalid(optimizerPath(config, 'adam', 'iterations'))}
        />
      </div>
      <div className="field-row">
        <TextField
          label="L-BFGS iterations"
          testId="input-lbfgs-iterations"
          type="number"
          step="1"
          min={0}
          value={lbfgsIterations}
          format={formatNumber}
          parse={parseNumber}
          onChange={(value) => {
            const current = optimizers(config)?.find((entry) => isConfigObject(entry) && entry.name === 'lbfgs');
            if (current && (value === 0 || value === null)) removedLbfgs.current = current;
            update((c) => setLbfgsIterations(c, value as number | string | null, removedLbfgs.current));
          }}
          invalid={invalid(optimizerPath(config, 'lbfgs', 'iterations'))}
          hint="0 removes L-BFGS"
        />
        <div className="field chain">
          <span className="field-label">Chain</span>
          <span className="chain-text" data-testid="optimizer-chain">
            {chainText(config)}
          </span>
        </div>
      </div>

      <h3 className="form-group">Sampling</h3>
      <div className="field-row three">
        <TextField
          label="Interior pts"
          testId="input-interior"
          type="number"
          step="1"
          min={1}
          value={getIn(config, ['sampling', 'interior'])}
          format={formatNumber}
          parse={parseNumber}
          onChange={setPath(['sampling', 'interior'])}
          placeholder="2000"
          invalid={invalid('sampling.interior')}
        />
        <TextField
          label="Boundary pts"
          testId="input-boundary"
          type="number"
          step="1"
          min={0}
          value={getIn(config, ['sampling', 'boundary'])}
          format={formatNumber}
          parse={parseNumber}
          onChange={setPath(['sampling', 'boundary'])}
          placeholder="400"
          invalid={invalid('sampling.boundary')}
        />
        <TextField
          label="Seed"
          testId="input-seed"
          type="number"
          step="1"
          min={0}
          value={getIn(config, ['seed'])}
          format={formatNumber}
          parse={parseNumber}
          onChange={setPath(['seed'])}
          placeholder="1"
          invalid={invalid('seed')}
        />
      </div>
    </fieldset>
  );
});
