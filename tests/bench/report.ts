/** The Markdown tables `npm run bench` prints, ready to paste into the README. */
import type { BenchResults } from './results';

const ms = (v: number | undefined) => (v === undefined ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const ratio = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(2)}×`);

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function markdownReport(r: BenchResults): string {
  const backends = r.stepTime.backends;
  const peers = r.stepTime.pytorchRuns.map((p) => p.label);
  const out: string[] = [];
  out.push(`PINN training step, 2D Poisson, MLP 2-w-w-w-1 tanh, Adam, float32; median of ${r.stepTime.steps} steps in ms (${r.machine.cpuModel}, ${r.machine.cpus} cores, ${r.date.slice(0, 10)}).`, '');
  out.push(row(['width', 'N interior', ...backends.map((b) => `ours ${b}`), ...peers.map((p) => `PyTorch ${p}`), ...backends.map((b) => `${b} / PyTorch ${b.includes('×') ? 'best' : '1 thread'}`)]));
  out.push(row(Array(2 + backends.length * 2 + peers.length).fill('---:')));
  for (const c of r.stepTime.cases) {
    out.push(row([String(c.width), String(c.interior), ...backends.map((b) => ms(c.oursMs[b])), ...peers.map((p) => ms(c.pytorchMs[p])), ...backends.map((b) => ratio(c.ratio[b]))]));
  }
  const engines = r.float64.engines;
  if (r.float64.cases.length > 0) {
    out.push('', 'float64 step (Adam in float64), median ms:', '');
    out.push(row(['width', 'N interior', ...engines.map((e) => `ours ${e}`), 'PyTorch float64 1 thread', 'PyTorch float64 all cores', ...engines.map((e) => `${e} / PyTorch ${e.includes('×') ? 'best' : '1 thread'}`)]));
    out.push(row(Array(4 + 2 * engines.length).fill('---:')));
    for (const c of r.float64.cases) {
      out.push(row([String(c.width), String(c.interior), ...engines.map((e) => ms(c.oursMs[e])), ms(c.pytorchMs), ms(c.pytorchAllCoresMs), ...engines.map((e) => ratio(c.ratio[e]))]));
    }
  }
  if (r.timeToAccuracy) {
    const t = r.timeToAccuracy;
    out.push('', `Time to relL2 ≤ ${t.target} on \`assets/examples/poisson2d-pinn.json\` (training seconds, relL2 on a 256² grid every 100 iterations):`, '');
    out.push(row(['solver', 'reached', 'seconds', 'iterations', 'best relL2 (at iteration)', 'total seconds / iterations']), row(['---', '---', '---:', '---:', '---:', '---:']));
    for (const [name, a] of Object.entries(t.solvers)) {
      out.push(row([name, a.reached ? 'yes' : 'no', a.seconds === null ? '–' : a.seconds.toFixed(1), a.iterations === null ? '–' : String(a.iterations), `${a.bestRelL2.toExponential(2)} (${a.bestAtIteration})`, `${a.totalSeconds.toFixed(1)} / ${a.totalIterations}`]));
    }
  }
  out.push('', `Load average (1, 5, 15 min) at start ${r.machine.loadAverage.start.map((v) => v.toFixed(2)).join(', ')}, at end ${r.machine.loadAverage.end.map((v) => v.toFixed(2)).join(', ')}.`);
  for (const note of r.notes) out.push(`- ${note}`);
  return out.join('\n') + '\n';
}
