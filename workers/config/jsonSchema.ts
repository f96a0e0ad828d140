/** The run config as JSON Schema (draft 2020-12), for editors; `problem` is spelled out in full. */
import { z } from 'zod';
import { BUILTIN_PROBLEM_IDS } from '../problems/library';
import { CustomProblemSchema, RunConfigSchema } from './schema';

export function runConfigJsonSchema(): Record<string, unknown> {
  const base = z.toJSONSchema(RunConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> & {
    properties: Record<string, unknown>;
  };
  const custom = z.toJSONSchema(CustomProblemSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete custom.$schema;
  base.properties.problem = {
    description: "A custom problem, or { \"kind\": \"<built-in id>\" }",
    anyOf: [
      custom,
      { type: 'object', properties: { kind: { enum: BUILTIN_PROBLEM_IDS } }, required: ['kind'], additionalProperties: false },
    ],
  };
  return { ...base, title: 'PDE workbench run config' };
}
