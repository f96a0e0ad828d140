/** Known fields and histories shared by the export tests. */
import type { FieldSnapshot, MetricsRow } from '../../../workers/protocol/service';

/** u(x, y) = sin(πx)·cos(πy/2) on [0, 1] × [−1, 1]; the prediction is exact + 0.01·x·y. */
export function analyticSnapshot(nx = 5, ny = 4, options: { withExact?: boolean; fixed?: Record<string, number> } = {}): FieldSnapshot {
  const prediction = new Float32Array(nx * ny);
  const exact = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const x = i / (nx - 1);
      const y = -1 + (2 * j) / (ny - 1);
      exact[j * nx + i] = Math.sin(Math.PI * x) * Math.cos((Math.PI * y) / 2);
      prediction[j * nx + i] = exact[j * nx + i] + 0.01 * x * y;
    }
  }
  return {
    iteration: 1200,
    unknown: 'u',
    axes: [
      { name: 'x', min: 0, max: 1, n: nx },
      { name: 'y', min: -1, max: 1, n: ny },
    ],
    fixed: options.fixed ?? {},
    prediction,
    ...(options.withExact === false ? {} : { exact }),
  };
}

/** 60 rows: Adam for 40, then L-BFGS; terms pde and bc, relL2 every tenth row. */
export function trainingRows(): MetricsRow[] {
  return Array.from({ length: 60 }, (_, k): MetricsRow => {
    const loss = Math.exp(-k / 8);
    return {
      iteration: k * 10,
      seconds: k * 0.5,
      optimizer: k < 40 ? 'adam' : 'lbfgs',
      loss,
      terms: { pde: 0.8 * loss, bc: 0.2 * loss },
      ...(k % 10 === 0 ? { relL2: Math.sqrt(loss) } : {}),
    };
  });
}

/** A minimal XML well-formedness check: every tag closed in order, attributes quoted, no stray '<' or '&'. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt < 0 ? body.length : lt);
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) problems.push(`bare '&' in text near ${i}`);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) {
      problems.push(`malformed tag at ${lt}: ${body.slice(lt, lt + 40)}`);
      break;
    }
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else if (!selfClosing) stack.push(name);
    i = tag.lastIndex;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}
