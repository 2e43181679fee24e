/** One problem found in the input, with where it is. */
export interface InputProblem {
  file: string;
  /** 1-based line in the file, when it is about one row. */
  line?: number;
  /** 1-based column number, when known. */
  column?: number;
  field?: string;
  value?: string;
  message: string;
}

export function formatProblem(p: InputProblem): string {
  const where = [p.file];
  if (p.line !== undefined) where.push(`line ${p.line}`);
  if (p.column !== undefined) where.push(`column ${p.column}${p.field ? ` (${p.field})` : ''}`);
  else if (p.field) where.push(`field ${p.field}`);
  const value = p.value !== undefined ? ` [value: ${JSON.stringify(truncate(p.value, 60))}]` : '';
  return `${where.join(', ')}: ${p.message}${value}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/**
 * The pipeline stops with this error; it carries every problem found (up to a cap) so the
 * user can fix a file in one pass instead of one error per run.
 */
export class PipelineError extends Error {
  readonly problems: InputProblem[];
  constructor(summary: string, problems: InputProblem[] = []) {
    const lines = problems.slice(0, 50).map((p) => `  - ${formatProblem(p)}`);
    if (problems.length > 50) lines.push(`  … and ${problems.length - 50} more`);
    super([summary, ...lines].join('\n'));
    this.name = 'PipelineError';
    this.problems = problems;
  }
}
