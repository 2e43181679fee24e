import type { z } from 'zod';

/** One problem with one field; `row` is set for bulk imports (1-based data row or feature). */
export interface FieldIssue {
  field: string;
  message: string;
  row?: number;
}

/** A request that failed validation; answered as 400 `{ error, fields }`. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly fields: FieldIssue[],
  ) {
    super(message);
  }
}

/** An HTTP error with a short message that is safe to show to the caller. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Flattens zod issues into `{field, message}`; unknown keys become one issue each. */
export function issuesFrom(error: z.ZodError, root: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: base ? `${base}.${key}` : key, message: 'Unknown field' });
      }
      continue;
    }
    out.push({ field: base || root, message: issue.message });
  }
  return out;
}

const WHAT: Record<string, string> = {
  body: 'Invalid request body',
  query: 'Invalid query parameters',
  params: 'Invalid path parameters',
};

/** Parses `value` with `schema` or throws a ValidationError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(WHAT[where] ?? 'Invalid request', issuesFrom(result.error, where));
  }
  return result.data;
}
