import { safeParse } from 'zod/mini';
import type * as z from 'zod/v4/core';

/** One bad variable, as ConfigError reports it: its name and the rule, never its value. */
export interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

/**
 * Parses the environment against a schema of variables. Empty strings count as unset, as
 * serverless.yml renders absent values as ''. zod messages describe the rule, never the input,
 * so no value (or secret) reaches an issue.
 */
export function parseVariables<S extends z.$ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): {
  readonly present: Readonly<Record<string, string>>;
  readonly data: z.output<S> | undefined;
  readonly issues: ConfigIssue[];
} {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  ) as Record<string, string>;
  const result = safeParse(schema, present);
  const issues = (result.error?.issues ?? []).map((issue) => ({
    variable: String(issue.path[0] ?? 'environment'),
    message:
      issue.code === 'invalid_type' && !(String(issue.path[0]) in present)
        ? 'is required'
        : issue.message,
  }));
  return { present, data: result.success ? result.data : undefined, issues };
}
