import { geographyOfIndicator, type GeographyId } from '../contracts/geography.ts';
import type { IndicatorMeta, IndicatorTable, Manifest } from '../contracts/manifest.ts';
import type { Level } from './state/view_state.ts';

/** The loaded atlas: manifest, tables and the rules that pick a geography for a view. */
export class AtlasModel {
  readonly indicators = new Map<string, IndicatorMeta>();
  constructor(
    readonly manifest: Manifest,
    readonly tables: Partial<Record<GeographyId, IndicatorTable>>,
  ) {
    for (const m of manifest.indicators) this.indicators.set(m.id, m);
  }

  addIndicator(meta: IndicatorMeta): void {
    this.indicators.set(meta.id, meta);
  }
  removeIndicator(id: string): void {
    this.indicators.delete(id);
    for (const t of Object.values(this.tables)) delete t?.values[id];
  }

  table(g: GeographyId): IndicatorTable {
    const t = this.tables[g];
    if (!t) throw new Error(`no table for ${g}`);
    return t;
  }

  /**
   * The geography to draw an indicator at for a level: the indicator's own LSOA vintage when it
   * has one there, else another vintage it is available on; null when not available at all.
   */
  geographyFor(level: Level, meta: IndicatorMeta): GeographyId | null {
    // The manifest's rule (contracts/geography.ts), over the geographies with a table column.
    const loaded = Object.entries(meta.geographies).filter(
      ([g]) => this.tables[g as GeographyId]?.values[meta.id],
    );
    return geographyOfIndicator({ geographies: Object.fromEntries(loaded) }, level);
  }

  /** Population used to weight summaries on a geography (matches its LSOA vintage). */
  populationId(g: GeographyId): string {
    return g === 'lsoa11' || g === 'msoa11' ? 'pop2020_total' : 'census2021_residents';
  }

  /** Deprivation score and, for LSOAs, the published national decile of the same vintage. */
  deprivationOf(g: GeographyId): { scoreId: string; decileId: string | null; label: string } {
    if (g === 'lsoa11' || g === 'msoa11')
      return {
        scoreId: 'imd2019_score',
        decileId: g === 'lsoa11' ? 'imd2019_decile' : null,
        label: 'IMD 2019',
      };
    return {
      scoreId: 'imd2025_score',
      decileId: g === 'lsoa21' ? 'imd2025_decile' : null,
      label: 'IMD 2025',
    };
  }

  value(g: GeographyId, id: string, index: number): number | null {
    return this.tables[g]?.values[id]?.[index] ?? null;
  }

  /** The authority's own value of an indicator (null for several districts or none). */
  authorityValue(id: string): number | null {
    const lad = this.tables.lad;
    if (!lad || lad.codes.length !== 1) return null;
    return lad.values[id]?.[0] ?? null;
  }
}

/** Formats a value with the indicator's decimals and a thin unit. */
export function formatValue(meta: IndicatorMeta, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'no data';
  const s = v.toLocaleString('en-GB', {
    minimumFractionDigits: meta.decimals,
    maximumFractionDigits: meta.decimals,
  });
  if (meta.unit.startsWith('%')) return `${s}%`;
  return s;
}

export function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/** "1 = most deprived" style note of what rank 1 means for an indicator. */
export function rankMeaning(meta: IndicatorMeta): string {
  if (meta.polarity === 'higher-is-better') return 'rank 1 = lowest value (worst)';
  if (meta.polarity === 'higher-is-worse') return 'rank 1 = highest value (worst)';
  return 'rank 1 = highest value';
}
