/** Config issues as the user reads them, and back from the text of a rejected startRun. */
import type { ConfigIssue } from '../../../workers/protocol/service';

export function issueText(issue: ConfigIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

const ISSUE_LINE = /^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$:=-]*)*):\s+(.+)$/;

/**
 * The issues in an error message: one per line, `path: message` where the line has that shape.
 * A Comlink rejection carries only the message, so this is how startRun's issues arrive.
 */
export function issuesFromMessage(message: string): ConfigIssue[] {
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const match = ISSUE_LINE.exec(line);
      return match ? { path: match[1], message: match[2] } : { path: '', message: line };
    });
}

/** Whether an issue concerns the field at `path` (itself or something inside it). */
export function concerns(issue: ConfigIssue, path: string): boolean {
  return issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`);
}
