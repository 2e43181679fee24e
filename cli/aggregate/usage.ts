/** The `aggregate` command's help text. */
import path from 'node:path';
import { DEFAULT_DATA_OPTIONS } from '../../data/defaults.ts';

export const usage = `usage: npm run cli -- aggregate FILE.csv --to ward|msoa|lad [options]

FILE.csv: one row per LSOA (2011 or 2021 codes, detected), column area_code plus the
columns the method uses. Empty or NA cells are missing values; a ward, MSOA or authority
with any LSOA missing gets no value (a partial sum or mean would be silently wrong).

  --to ward|msoa|lad      what to roll up to (required)
  --method M              sum (counts), mean (unweighted), weighted-mean, rate; default
                          rate with --numerator/--denominator, weighted-mean with --weight
  --value COLUMN          the values to sum or average (default "value")
  --weight COLUMN         weights for weighted-mean, e.g. population
  --numerator COLUMN      with --denominator, for rate: sum(numerator) / sum(denominator)
  --denominator COLUMN
  --scale N               multiply rates by N, e.g. 1000 for per 1,000 (default 1)
  --vintage 2011|2021     LSOA vintage of the codes, when they fit both equally
  --data DIR              the built app data (default ${path.relative(process.cwd(), DEFAULT_DATA_OPTIONS.outDir) || '.'})
  --raw DIR               raw open data with the lookups (default ${DEFAULT_DATA_OPTIONS.rawDir})
  --json                  print JSON instead of CSV

Prints CSV (area_code,area_name,value,lsoas,lsoas_missing), or JSON with the method and
the lookup used; in CSV mode those go to stderr. Exit 0 done, 2 bad input.`;
