import type { GeographyId } from '../contracts/geography.ts';
import type { IndicatorMeta, IndicatorTable } from '../contracts/manifest.ts';
import {
  assignByLookup,
  ratioBy,
  sumBy,
  weightedMeanBy,
  type Assignment,
} from '../workers/rollup/aggregate.ts';
import { carryAcrossVintages, type VintageLink } from '../workers/rollup/vintage_convert.ts';
import type { AreaFeature } from './boundaries.ts';
import { carryKindOf, type LsoaColumn } from './columns.ts';
import { PipelineError } from './errors.ts';
import type { OverlapLink } from './lookups.ts';

type Availability = IndicatorMeta['geographies'];

/** A geography's columns while they are being filled. */
export interface TableDraft {
  geography: GeographyId;
  features: AreaFeature[];
  names: string[];
  centres: ([number, number] | null)[];
  centreMethod: string;
  values: Map<string, Float64Array>;
}

export interface Rollup {
  assignment: Assignment;
  /** Plain-language statement of the lookup used, for the indicator metadata. */
  lookupMethod: string;
}

/** Builds an assignment from a lookup and fails loudly when LSOAs are left out. */
export function rollupFromLookup(
  lsoaCodes: readonly string[],
  lookup: ReadonlyMap<string, string>,
  targetCodes: readonly string[],
  lookupMethod: string,
  what: string,
): Rollup {
  const { assignment, unassigned } = assignByLookup(lsoaCodes, lookup, targetCodes);
  if (unassigned.length > 0) {
    throw new PipelineError(
      `${what}: ${unassigned.length} LSOA(s) have no target area in the lookup or the target boundaries: ${unassigned.slice(0, 10).join(', ')}.`,
    );
  }
  return { assignment, lookupMethod };
}

/** Rolls every column of one LSOA vintage into `draft`, recording the method per indicator. */
export function rollColumnsInto(
  draft: TableDraft,
  columns: readonly LsoaColumn[],
  rollup: Rollup,
  availability: Map<string, Availability>,
): void {
  for (const [id, { values, method }] of rollUpColumns(columns, rollup.assignment)) {
    draft.values.set(id, values);
    setAvailability(availability, id, draft.geography, {
      method: `${method}; LSOAs assigned by ${rollup.lookupMethod}`,
      derived: true,
    });
  }
}

/**
 * Each column's values per group of `assignment`, by the column's own roll-up rule, with the
 * rule in words; columns that cannot be rolled up (ranks, deciles) are left out. The one
 * place a roll-up rule becomes numbers: authority, ward, MSOA and England values share it.
 */
export function rollUpColumns(
  columns: readonly LsoaColumn[],
  assignment: Assignment,
): Map<string, { values: Float64Array; method: string }> {
  const byId = new Map(columns.map((c) => [c.meta.id, c]));
  const need = (id: string): Float64Array => {
    const c = byId.get(id);
    if (!c) throw new Error(`roll-up refers to unknown column ${id}`);
    return c.values;
  };
  const out = new Map<string, { values: Float64Array; method: string }>();
  for (const col of columns) {
    const r = col.rollup;
    if (r.kind === 'none') continue;
    if (r.kind === 'sum') {
      out.set(col.meta.id, {
        values: sumBy(col.values, assignment),
        method: 'sum of LSOA counts',
      });
    } else if (r.kind === 'weightedMean') {
      out.set(col.meta.id, {
        values: weightedMeanBy(col.values, need(r.weight), assignment),
        method: r.describe,
      });
    } else if (r.kind === 'mean') {
      out.set(col.meta.id, {
        values: weightedMeanBy(col.values, new Float64Array(col.values.length).fill(1), assignment),
        method: r.describe,
      });
    } else {
      out.set(col.meta.id, {
        values: ratioBy(need(r.numerator), need(r.denominator), assignment, r.scale),
        method: 'rate from summed numerators and summed denominators',
      });
    }
  }
  return out;
}

/** Copies published LSOA columns into the table of their own vintage. */
export function publishColumnsInto(
  draft: TableDraft,
  columns: readonly LsoaColumn[],
  availability: Map<string, Availability>,
): void {
  for (const col of columns) {
    draft.values.set(col.meta.id, col.values);
    setAvailability(availability, col.meta.id, draft.geography, {
      method: `as published, ${col.meta.vintage}`,
      derived: false,
    });
  }
}

/** Carries LSOA 2011 columns onto LSOA 2021 areas through the overlap lookup. */
export function carryColumnsInto(
  draft: TableDraft,
  columns: readonly LsoaColumn[],
  lsoa11Codes: readonly string[],
  overlap: readonly OverlapLink[],
  weightOf: (col: LsoaColumn) => Float64Array,
  availability: Map<string, Availability>,
): void {
  const from = new Map(lsoa11Codes.map((c, i) => [c, i]));
  const to = new Map(draft.features.map((f, i) => [f.properties.code, i]));
  const links: VintageLink[] = [];
  for (const o of overlap) {
    const f = from.get(o.LSOA11CD);
    const t = to.get(o.LSOA21CD);
    if (f !== undefined && t !== undefined)
      links.push({ from: f, to: t, share: o.share_of_lsoa11_area });
  }
  const reached = new Set(links.map((l) => l.to));
  const orphans = draft.features.filter((_, i) => !reached.has(i)).map((f) => f.properties.code);
  if (orphans.length > 0) {
    throw new PipelineError(
      `LSOA 2011-2021 lookup: no 2011 parent for ${orphans.length} LSOA 2021 area(s): ${orphans.slice(0, 10).join(', ')}.`,
    );
  }
  for (const col of columns) {
    const kind = carryKindOf(col.meta.kind);
    draft.values.set(
      col.meta.id,
      carryAcrossVintages(col.values, kind, links, draft.features.length, weightOf(col)),
    );
    const how =
      kind === 'count'
        ? 'counts split by share of LSOA 2011 area'
        : kind === 'value'
          ? 'value of the parent LSOA 2011 (population-weighted mean of parents where LSOAs merged)'
          : 'rank/decile of the parent LSOA 2011 contributing most population';
    setAvailability(availability, col.meta.id, 'lsoa21', {
      method: `carried from LSOA 2011 through the derived LSOA 2011-2021 overlap lookup: ${how}`,
      derived: true,
    });
  }
}

function setAvailability(
  map: Map<string, Availability>,
  id: string,
  geo: GeographyId,
  a: { method: string; derived: boolean },
): void {
  const entry = map.get(id) ?? {};
  entry[geo] = a;
  map.set(id, entry);
}

/** Population-weighted centre of member LSOA centres. */
export function weightedCentres(
  lsoaCentres: readonly ([number, number] | null)[],
  weights: Float64Array,
  assignment: Assignment,
): ([number, number] | null)[] {
  const sx = new Float64Array(assignment.groupCount);
  const sy = new Float64Array(assignment.groupCount);
  const sw = new Float64Array(assignment.groupCount);
  lsoaCentres.forEach((c, i) => {
    const g = assignment.group[i] ?? -1;
    const w = weights[i] ?? NaN;
    if (g < 0 || !c || !(w > 0)) return;
    sx[g] = (sx[g] ?? 0) + c[0] * w;
    sy[g] = (sy[g] ?? 0) + c[1] * w;
    sw[g] = (sw[g] ?? 0) + w;
  });
  return Array.from({ length: assignment.groupCount }, (_, g) => {
    const w = sw[g] ?? 0;
    return w > 0 ? [round((sx[g] ?? 0) / w, 6), round((sy[g] ?? 0) / w, 6)] : null;
  });
}

/** Decimal places a value is stored with: a little past its display precision. */
export function storedDecimals(displayDecimals: number): number {
  return Math.min(displayDecimals + 3, 8);
}

export function round(v: number, dp: number): number {
  const f = 10 ** dp;
  return Math.round(v * f) / f;
}

/** The table as written: NaN becomes null; values rounded a little past their display precision. */
export function finishTable(draft: TableDraft, decimalsOf: (id: string) => number): IndicatorTable {
  const values: Record<string, (number | null)[]> = {};
  for (const [id, arr] of draft.values) {
    const dp = storedDecimals(decimalsOf(id));
    values[id] = Array.from(arr, (v) => (Number.isFinite(v) ? round(v, dp) : null));
  }
  return {
    geography: draft.geography,
    codes: draft.features.map((f) => f.properties.code),
    names: draft.names,
    districts: draft.features.map((f) => f.properties.district),
    centres: draft.centres,
    centreMethod: draft.centreMethod,
    values,
  };
}
