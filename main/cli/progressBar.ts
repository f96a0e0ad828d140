/** A one-line progress bar on stderr: redrawn in place on a terminal, a line every few seconds otherwise. */
import type { RunSummary } from '../../workers/protocol/service';

const WIDTH = 24;

export function formatProgress(summary: RunSummary, optimizer: string, loss: number | undefined): string {
  const fraction = summary.totalIterations > 0 ? Math.min(1, summary.iteration / summary.totalIterations) : 0;
  const filled = Math.round(fraction * WIDTH);
  const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
  const parts = [
    `[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}%`,
    `it ${summary.iteration}/${summary.totalIterations}`,
    optimizer,
    loss !== undefined ? `loss ${loss.toExponential(2)}` : '',
    summary.relL2 !== undefined ? `relL2 ${summary.relL2.toExponential(2)}` : '',
    `${summary.seconds.toFixed(1)} s`,
  ];
  return parts.filter(Boolean).join('  ');
}

export class ProgressBar {
  private lastLine = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  update(line: string): void {
    if (this.tty) {
      process.stderr.write(`\r${line}\x1b[K`);
    } else if (Date.now() - this.lastLine > 5000) {
      process.stderr.write(`${line}\n`);
      this.lastLine = Date.now();
    }
  }

  finish(line: string): void {
    process.stderr.write(this.tty ? `\r${line}\x1b[K\n` : `${line}\n`);
  }
}
