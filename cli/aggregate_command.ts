/**
 * `aggregate FILE.csv --to ward|msoa|lad`: rolls an LSOA-level CSV up to wards, MSOAs or the
 * local authority with the atlas's own lookups and roll-ups (METHODS.md §4): sums, means,
 * population-weighted means, and rates from summed numerators and denominators. The LSOA
 * vintage is detected from the codes (workers/import/detect_geography.ts); a group with any
 * LSOA lacking a value gets no value, never a partial one.
 *
 * This file is the order of work; each step lives in cli/aggregate/.
 */
import { assignByLookup } from '../workers/rollup/aggregate.ts';
import { lookupFor, readManifest, readTable, targetGeography } from './aggregate/atlas_files.ts';
import { describeIgnored, detectLsoaVintage, readLsoaCsv } from './aggregate/lsoa_csv.ts';
import { parseAggregateArgs, type Vintage } from './aggregate/options.ts';
import { describeMethod, printResults } from './aggregate/output.ts';
import { rollUpRows } from './aggregate/roll_up.ts';
import { usage } from './aggregate/usage.ts';
import { EXIT, type Command } from './command.ts';

export type { AggregateRow } from './aggregate/roll_up.ts';

export const aggregateCommand: Command = {
  summary: 'roll LSOA values up to wards, MSOAs or the authority (sum, mean, weighted mean, rate)',
  usage,
  async run(args, out) {
    const { file, target, vintage, plan, dataDir, rawDir, json } = parseAggregateArgs(args);

    const used = Object.values(plan.columns);
    const { rows, lineOf } = await readLsoaCsv(file, used);
    const manifest = await readManifest(dataDir);
    const tables = {
      lsoa11: await readTable(dataDir, manifest, 'lsoa11'),
      lsoa21: await readTable(dataDir, manifest, 'lsoa21'),
    };
    const detection = detectLsoaVintage(file, lineOf, tables, manifest.area.name, vintage);
    const lsoaVintage: Vintage = detection.geography === 'lsoa11' ? '2011' : '2021';
    const lsoas = tables[detection.geography];

    const targetGeo = targetGeography(target, lsoaVintage);
    const targetTable = await readTable(dataDir, manifest, targetGeo);
    const { lookup, lookupMethod } = await lookupFor(
      target,
      lsoaVintage,
      lsoas,
      targetTable,
      manifest,
      rawDir,
    );
    const { assignment, unassigned } = assignByLookup(lsoas.codes, lookup, targetTable.codes);
    if (unassigned.length > 0) {
      out.stderr(
        `${file}: ${unassigned.length} LSOA(s) of the atlas have no ${target} in the lookup: ${unassigned.slice(0, 10).join(', ')}\n`,
      );
      return EXIT.refused;
    }

    const results = rollUpRows(plan, rows, lsoas.codes, assignment, targetTable);
    const provenance = {
      file,
      lsoaVintage: `LSOA ${lsoaVintage}`,
      to: targetGeo,
      method: describeMethod(plan),
      lookup: lookupMethod,
      scale: plan.scale,
      rowsRead: rows.length,
      rowsIgnored: describeIgnored(detection.stray, lineOf),
      data: dataDir,
    };
    printResults(out, { provenance, results, vintage: lsoaVintage, json });
    return EXIT.ok;
  },
};
