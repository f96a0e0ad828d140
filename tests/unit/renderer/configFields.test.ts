import { describe, expect, it } from 'vitest';
import {
  formatHidden,
  optimizerField,
  parseHidden,
  parseNumber,
  setAdamField,
  setIn,
  setLbfgsIterations,
} from '../../../renderer/src/config/configFields';
import { issuesFromMessage, issueText } from '../../../renderer/src/config/issueText';

const base = {
  name: 'p',
  problem: { kind: 'poisson2d' },
  method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.001, iterations: 3000 }, { name: 'lbfgs', iterations: 1000, history: 20 }] },
  extra: { keep: true },
};

describe('hidden widths', () => {
  it('parses comma-separated widths and formats them back', () => {
    expect(parseHidden('32, 32,32')).toEqual([32, 32, 32]);
    expect(formatHidden([32, 32, 32])).toBe('32,32,32');
  });

  it('skips the empty piece of a comma being typed and keeps text for the validator to name', () => {
    expect(parseHidden('32,')).toEqual([32]);
    expect(parseHidden('32,abc')).toEqual([32, 'abc']);
  });
});

describe('parseNumber', () => {
  it('gives null for an empty field and the number otherwise', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('1e-3')).toBe(0.001);
  });
});

describe('setIn', () => {
  it('writes into a copy, creating objects on the way, and keeps unknown keys', () => {
    const next = setIn(base, ['sampling', 'interior'], 500);
    expect(next.sampling).toEqual({ interior: 500 });
    expect(next.extra).toEqual({ keep: true });
    expect((base as Record<string, unknown>).sampling).toBeUndefined();
  });
});

describe('optimizer chain', () => {
  it('L-BFGS iterations 0 removes L-BFGS from the chain', () => {
    const next = setLbfgsIterations(base, 0);
    expect((next.method as typeof base.method).optimizers.map((o) => o.name)).toEqual(['adam']);
  });

  it('a positive count adds L-BFGS at the end, restoring its other settings', () => {
    const removed = base.method.optimizers[1];
    const without = setLbfgsIterations(base, 0);
    const next = setLbfgsIterations(without, 250, removed);
    expect((next.method as typeof base.method).optimizers[1]).toEqual({ name: 'lbfgs', iterations: 250, history: 20 });
  });

  it('edits Adam in place and adds it at the head when missing', () => {
    expect(optimizerField(setAdamField(base, 'lr', 0.01), 'adam', 'lr')).toBe(0.01);
    const onlyLbfgs = setIn(base, ['method', 'optimizers'], [{ name: 'lbfgs', iterations: 5 }]);
    const next = setAdamField(onlyLbfgs, 'iterations', 100);
    expect((next.method as typeof base.method).optimizers.map((o) => o.name)).toEqual(['adam', 'lbfgs']);
  });

  it('shows the service defaults when the config names no optimizers', () => {
    expect(optimizerField({ problem: { kind: 'x' } }, 'lbfgs', 'iterations')).toBe(500);
  });
});

describe('issue text', () => {
  it('writes issues as path: message', () => {
    expect(issueText({ path: 'network.hidden[1]', message: 'must be a positive integer' })).toBe('network.hidden[1]: must be a positive integer');
    expect(issueText({ path: '', message: 'must be a JSON object' })).toBe('must be a JSON object');
  });

  it('reads issues back from a rejected startRun message, one per line', () => {
    expect(issuesFromMessage('network.hidden[1]: must be a positive integer\nmethod.optimizers[0].lr: lr must be a positive number\nsomething else')).toEqual([
      { path: 'network.hidden[1]', message: 'must be a positive integer' },
      { path: 'method.optimizers[0].lr', message: 'lr must be a positive number' },
      { path: '', message: 'something else' },
    ]);
  });
});
