import type { z } from 'zod';
import { columnOf, type LsoaColumn, type RollupSpec } from '../columns.ts';
import { joinToGeometry, type JoinTarget } from '../join.ts';
import { RAW } from '../raw_catalogue.ts';
import type { RawReader } from '../raw_reader.ts';
import {
  coverageReason,
  sliceFor,
  unavailableColumns,
  type SliceSpec,
  type SourceColumns,
} from '../slices.ts';
import { DECILE_NOTE, RANK_NOTE } from './common.ts';

/**
 * The English Indices of Deprivation, one reader for both editions (IoD 2019 on LSOA 2011,
 * IoD 2025 on LSOA 2021): the England file for every district, the File 8 health indicators
 * where the raw data has them, and the columns both editions share (IMD score, rank, decile
 * and Core20 share; domain ranks and deciles; the health indicators). Each edition's own
 * file (imd2019.ts, iod2025.ts) holds only its row schemas and the columns that differ.
 */
export interface EditionInfo {
  /** Indicator id prefix: imd2019, imd2025. */
  prefix: string;
  /** "2019", "2025". */
  year: string;
  facts: { source: string; period: string; vintage: string; licence: string; nLsoas: string };
  lsoaVintage: '2011' | '2021';
}

export interface IodEdition<Row, Under> extends EditionInfo {
  main: SliceSpec<Row>;
  underlying: SliceSpec<Under>;
}

/** The fields every IoD LSOA row has. */
export interface ImdFields {
  imd_score: number;
  imd_rank: number;
  imd_decile: number;
}

/** Reads an edition for a bundle: its columns, and its health indicators or why they are missing. */
export async function readIod<Row, Under>(
  raw: RawReader,
  target: JoinTarget,
  edition: IodEdition<Row, Under>,
  columns: (rows: readonly (Row | undefined)[]) => LsoaColumn[],
  health: (under: readonly (Under | undefined)[]) => LsoaColumn[],
): Promise<SourceColumns> {
  const districts = [...target.districts];
  const join = <T>(spec: SliceSpec<T>, rows: Parameters<typeof joinToGeometry<T>>[1]) =>
    joinToGeometry(RAW[spec.key].path, rows, spec.code, spec.district, target, { sliced: true });
  const main = await sliceFor(raw, edition.main, districts);
  const own = columns(join(edition.main, main.rows));
  const under = await sliceFor(raw, edition.underlying, districts);
  if (under.uncovered.length > 0) {
    return {
      columns: own,
      unavailable: unavailableColumns(
        health([]),
        coverageReason(
          RAW[edition.underlying.key].path,
          `IoD ${edition.year} underlying health indicators`,
          under,
        ),
      ),
    };
  }
  return { columns: [...own, ...health(join(edition.underlying, under.rows))], unavailable: [] };
}

/** Source, period, vintage and licence of an edition, with a theme. */
export function iodBase(edition: EditionInfo, theme: string) {
  return {
    theme,
    source: edition.facts.source,
    period: edition.facts.period,
    vintage: edition.facts.vintage,
    licence: edition.facts.licence,
  };
}

export const NO_ROLLUP = {
  kind: 'none',
  reason: 'ranks and deciles cannot be averaged; see the Core20 population share',
} as const;

/** A column of the edition's LSOA vintage. */
export function iodColumn(
  edition: EditionInfo,
  meta: LsoaColumn['meta'],
  values: Float64Array,
  rollup: RollupSpec,
): LsoaColumn {
  return { meta, values, rollup, lsoaVintage: edition.lsoaVintage, carry: null };
}

/** IMD score, national rank, national decile and the Core20 population share. */
export function imdColumns<Row extends ImdFields>(
  edition: EditionInfo,
  rows: readonly (Row | undefined)[],
  opts: { scoreDefinition: string; scoreRollup: RollupSpec; core20Rollup: RollupSpec },
): LsoaColumn[] {
  const { prefix, year } = edition;
  const col = (get: (r: Row) => number | null) => columnOf(rows, get);
  const base = iodBase(edition, 'Deprivation');
  return [
    iodColumn(
      edition,
      {
        id: `${prefix}_score`,
        label: `IMD ${year} score`,
        unit: 'score',
        kind: 'score',
        decimals: 3,
        polarity: 'higher-is-worse',
        definition: opts.scoreDefinition,
        ...base,
      },
      col((r) => r.imd_score),
      opts.scoreRollup,
    ),
    iodColumn(
      edition,
      {
        id: `${prefix}_rank`,
        label: `IMD ${year} national rank`,
        unit: 'rank',
        kind: 'rank',
        decimals: 0,
        polarity: 'higher-is-better',
        definition: RANK_NOTE(edition.facts.nLsoas),
        ...base,
      },
      col((r) => r.imd_rank),
      NO_ROLLUP,
    ),
    iodColumn(
      edition,
      {
        id: `${prefix}_decile`,
        label: `IMD ${year} national decile`,
        unit: 'decile',
        kind: 'decile',
        decimals: 0,
        polarity: 'higher-is-better',
        definition: DECILE_NOTE,
        ...base,
      },
      col((r) => r.imd_decile),
      NO_ROLLUP,
    ),
    iodColumn(
      edition,
      {
        id: `${prefix}_core20`,
        label: `Population in Core20 areas (IMD ${year})`,
        unit: '% of population',
        kind: 'share',
        decimals: 1,
        polarity: 'higher-is-worse',
        definition: `Share of the population living in LSOAs in national IMD ${year} deciles 1 and 2 (Core20PLUS5). For one LSOA it is 100 or 0.`,
        ...base,
      },
      col((r) => (r.imd_decile <= 2 ? 100 : 0)),
      opts.core20Rollup,
    ),
  ];
}

/** A domain's (or supplementary index's) national rank and decile. */
export function rankDecileColumns<Row>(
  edition: EditionInfo,
  domain: { key: string; label: string },
  theme: string,
  rank: (r: Row) => number | null,
  decile: (r: Row) => number | null,
  rows: readonly (Row | undefined)[],
): LsoaColumn[] {
  const { prefix, year } = edition;
  const base = iodBase(edition, theme);
  return [
    iodColumn(
      edition,
      {
        id: `${prefix}_${domain.key}_rank`,
        label: `${domain.label} rank (IoD ${year})`,
        unit: 'rank',
        kind: 'rank',
        decimals: 0,
        polarity: 'higher-is-better',
        definition: `${domain.label}: ${RANK_NOTE(edition.facts.nLsoas)}`,
        ...base,
      },
      columnOf(rows, rank),
      NO_ROLLUP,
    ),
    iodColumn(
      edition,
      {
        id: `${prefix}_${domain.key}_decile`,
        label: `${domain.label} decile (IoD ${year})`,
        unit: 'decile',
        kind: 'decile',
        decimals: 0,
        polarity: 'higher-is-better',
        definition: `${domain.label}: ${DECILE_NOTE}`,
        ...base,
      },
      columnOf(rows, decile),
      NO_ROLLUP,
    ),
  ];
}

/** The health domain indicators of File 8 both editions have, and the one that differs. */
export interface HealthFields {
  years_of_potential_life_lost_indicator: number | null;
  comparative_illness_and_disability_ratio_indicator: number | null;
  acute_morbidity_indicator: number | null;
}

export function healthColumns<Under extends HealthFields>(
  edition: EditionInfo,
  under: readonly (Under | undefined)[],
  rollup: RollupSpec,
  opts: {
    ypllPeriod: string;
    mental: { id: string; label: string; definition: string; get: (r: Under) => number | null };
  },
): LsoaColumn[] {
  const { prefix, year } = edition;
  const base = iodBase(edition, 'Health');
  const u = (get: (r: Under) => number | null) => columnOf(under, get);
  const score = { kind: 'score', polarity: 'higher-is-worse' } as const;
  return [
    iodColumn(
      edition,
      {
        id: `${prefix}_ypll`,
        label: `Years of potential life lost (IoD ${year})`,
        unit: 'age/sex-standardised rate',
        ...score,
        decimals: 1,
        definition: `IoD ${year} health domain indicator: age- and sex-standardised years of potential life lost (premature deaths under 75)${opts.ypllPeriod}.`,
        ...base,
      },
      u((r) => r.years_of_potential_life_lost_indicator),
      rollup,
    ),
    iodColumn(
      edition,
      {
        id: `${prefix}_cidr`,
        label: `Comparative illness and disability ratio (IoD ${year})`,
        unit: 'standardised ratio',
        ...score,
        decimals: 1,
        definition: `IoD ${year} health domain indicator: age- and sex-standardised ratio of people receiving illness- or disability-related benefits (100 = England).`,
        ...base,
      },
      u((r) => r.comparative_illness_and_disability_ratio_indicator),
      rollup,
    ),
    iodColumn(
      edition,
      {
        id: `${prefix}_acute_morbidity`,
        label: `Acute morbidity (IoD ${year})`,
        unit: 'standardised ratio',
        ...score,
        decimals: 1,
        definition: `IoD ${year} health domain indicator: age- and sex-standardised rate of emergency hospital admissions (100 = England).`,
        ...base,
      },
      u((r) => r.acute_morbidity_indicator),
      rollup,
    ),
    iodColumn(
      edition,
      {
        id: opts.mental.id,
        label: opts.mental.label,
        unit: 'composite score',
        ...score,
        decimals: 2,
        definition: opts.mental.definition,
        ...base,
      },
      u(opts.mental.get),
      rollup,
    ),
  ];
}

/** Slice spec of an IoD file by its LSOA and district columns. */
export function iodSpec<S extends z.ZodType>(
  key: SliceSpec<z.infer<S>>['key'],
  schema: S,
  vintage: '2011' | '2021',
  code: (r: z.infer<S>) => string,
  district: (r: z.infer<S>) => string,
): SliceSpec<z.infer<S>> {
  return { key, schema: schema as z.ZodType<z.infer<S>>, vintage, code, district };
}
