import type { ConfigIssue } from '../../../workers/protocol/service';
import { issueText } from '../config/issueText';

export interface IssuesListProps {
  issues: readonly ConfigIssue[];
  rejected: readonly ConfigIssue[];
  validating: boolean;
  validationError?: string;
  /** Without a connection nothing was checked, which must not read as "valid". */
  connected: boolean;
}

/** The validator's findings (Run is disabled while there are any) and a rejected start's reasons. */
export function IssuesList({ issues, rejected, validating, validationError, connected }: IssuesListProps) {
  const state = issues.length > 0 ? 'invalid' : !connected ? 'unchecked' : validating ? 'checking' : validationError ? 'unknown' : 'valid';
  return (
    <div className="issues" data-testid="config-issues" data-state={state} role="status" aria-live="polite">
      {issues.length > 0 ? (
        <>
          <p className="issues-title">
            {issues.length === 1 ? '1 problem' : `${issues.length} problems`} in the config:
          </p>
          <ul>
            {issues.map((issue, i) => (
              <li key={i} data-testid="config-issue">
                {issueText(issue)}
              </li>
            ))}
          </ul>
        </>
      ) : !connected ? (
        <p className="issues-note">Not checked: no connection to the compute server.</p>
      ) : validationError ? (
        <p className="issues-note">Could not validate: {validationError}</p>
      ) : (
        <p className="issues-note ok">{validating ? 'Checking config…' : 'Config is valid'}</p>
      )}
      {rejected.length > 0 && (
        <>
          <p className="issues-title">The service refused to start the run:</p>
          <ul>
            {rejected.map((issue, i) => (
              <li key={i} data-testid="run-rejection">
                {issueText(issue)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
