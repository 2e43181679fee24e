/** What `aggregate` prints: the results as CSV or JSON, and how they were made. */
import type { CliOutput } from '../command.ts';
import type { Plan, Vintage } from './options.ts';
import type { AggregateRow } from './roll_up.ts';

/** Where the figures came from, printed with them. */
export interface Provenance {
  file: string;
  lsoaVintage: string;
  to: string;
  method: string;
  lookup: string;
  scale: number;
  rowsRead: number;
  /** One line per reason rows were left out. */
  rowsIgnored: string[];
  data: string;
}

export function describeMethod(plan: Plan): string {
  const c = plan.columns;
  switch (plan.method) {
    case 'sum':
      return `sum of LSOA "${c.value}"`;
    case 'mean':
      return `unweighted mean of LSOA "${c.value}" (each LSOA counts once)`;
    case 'weighted-mean':
      return `mean of LSOA "${c.value}" weighted by "${c.weight}"`;
    case 'rate':
      return `rate from summed "${c.numerator}" over summed "${c.denominator}"${plan.scale === 1 ? '' : ` x ${plan.scale}`} (never an average of LSOA rates)`;
  }
}

/** JSON on stdout with the provenance; or CSV on stdout and the provenance on stderr. */
export function printResults(
  out: CliOutput,
  run: {
    provenance: Provenance;
    results: readonly AggregateRow[];
    vintage: Vintage;
    json: boolean;
  },
): void {
  const { provenance, results } = run;
  if (run.json) {
    out.stdout(JSON.stringify({ ...provenance, results }, null, 2) + '\n');
    return;
  }
  out.stdout(toCsv(results));
  out.stderr(
    `method: ${provenance.method}\nlookup: ${provenance.lookup}\nLSOA vintage: ${run.vintage}\n`,
  );
  for (const line of provenance.rowsIgnored) out.stderr(`note: ${line}\n`);
}

function toCsv(rows: readonly AggregateRow[]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['area_code,area_name,value,lsoas,lsoas_missing'];
  for (const r of rows)
    lines.push(
      [
        field(r.area_code),
        field(r.area_name),
        r.value === null ? '' : String(r.value),
        r.lsoas,
        r.lsoas_missing,
      ].join(','),
    );
  return lines.join('\n') + '\n';
}
