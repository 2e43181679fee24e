/**
 * The headline numbers of the one-pager, from the pipeline's headline.json: life expectancy,
 * healthy life expectancy and OHID's published slope index of inequality in life expectancy,
 * each by sex for the authority and England, latest period and the trend over every period in
 * the data; and the population living in Core20 LSOAs. Pure: no DOM.
 */
import { ENGLAND_CODE } from '../../contracts/geography.ts';
import type { Headline } from '../../contracts/manifest.ts';

export const HEADLINE_INDICATORS = [
  { id: '90366', label: 'Life expectancy at birth', short: 'Life expectancy' },
  { id: '90362', label: 'Healthy life expectancy at birth', short: 'Healthy life expectancy' },
  {
    id: '92901',
    label: 'Inequality in life expectancy at birth (slope index of inequality)',
    short: 'Gap in life expectancy (SII)',
  },
] as const;
export type HeadlineIndicatorId = (typeof HEADLINE_INDICATORS)[number]['id'];

export const SEXES = ['Male', 'Female'] as const;
export type Sex = (typeof SEXES)[number];

export interface TrendPoint {
  period: string;
  area: number | null;
  england: number | null;
}

export interface HeadlineFigure {
  indicatorId: HeadlineIndicatorId;
  label: string;
  sex: Sex;
  areaCode: string;
  areaName: string;
  unit: string;
  /** Every period either place has, oldest first. */
  trend: TrendPoint[];
  /** The newest period with a value for the area, or null when it has none. */
  latest: (TrendPoint & { comparedToEngland: string }) | null;
  /** Latest minus the first period with a value for the area, and that first period. */
  change: { from: string; by: number } | null;
}

/** Fingertips periods ("2015 - 17") sort as text; written with an en dash style "2015-17". */
export function periodLabel(period: string): string {
  return period.replace(/\s*-\s*/g, '-');
}

export function headlineFigures(headline: Headline, areaCode: string): HeadlineFigure[] {
  const out: HeadlineFigure[] = [];
  for (const ind of HEADLINE_INDICATORS) {
    for (const sex of SEXES) {
      const rows = headline.lifeExpectancy.filter((r) => r.indicatorId === ind.id && r.sex === sex);
      const mine = rows.filter((r) => r.areaCode === areaCode);
      const eng = rows.filter((r) => r.areaCode === ENGLAND_CODE);
      if (mine.length === 0) continue;
      const periods = [...new Set([...mine, ...eng].map((r) => r.period))].sort();
      const trend = periods.map((period) => ({
        period,
        area: mine.find((r) => r.period === period)?.value ?? null,
        england: eng.find((r) => r.period === period)?.value ?? null,
      }));
      const withValue = trend.filter((t) => t.area !== null);
      const last = withValue.at(-1);
      const first = withValue[0];
      const lastRow = last ? mine.find((r) => r.period === last.period) : undefined;
      out.push({
        indicatorId: ind.id,
        label: ind.label,
        sex,
        areaCode,
        areaName: mine[0]?.areaName ?? areaCode,
        unit: mine[0]?.unit ?? 'Years',
        trend,
        latest: last ? { ...last, comparedToEngland: lastRow?.comparedToEngland ?? '' } : null,
        change:
          last && first && first !== last && last.area !== null && first.area !== null
            ? { from: first.period, by: last.area - first.area }
            : null,
      });
    }
  }
  return out;
}

/** Fingertips' comparison with England ("worse", "similar", "better"); "" when not compared. */
export function comparisonWord(f: HeadlineFigure): string {
  const c = (f.latest?.comparedToEngland ?? '').toLowerCase();
  return /^(worse|better|similar)/.test(c) ? c : '';
}

export interface Core20Population {
  /** Which deprivation edition and boundary vintage the deciles are. */
  edition: string;
  people: number;
  total: number;
  /** People in Core20 LSOAs as a share of all, per cent. */
  share: number;
  lsoas: number;
  lsoasTotal: number;
  /** LSOAs in national decile 1 only, as MHCLG's File 10 counts them. */
  decile1Lsoas: number;
}

/**
 * People living in Core20 LSOAs (national IMD deciles 1 and 2): LSOAs with a decile and a
 * population count; null when no LSOA has both.
 */
export function core20Population(
  deciles: readonly (number | null)[],
  population: readonly (number | null)[],
  edition: string,
): Core20Population | null {
  let people = 0;
  let total = 0;
  let lsoas = 0;
  let lsoasTotal = 0;
  let decile1Lsoas = 0;
  deciles.forEach((d, i) => {
    const p = population[i];
    if (d === null || p === null || p === undefined) return;
    lsoasTotal++;
    total += p;
    if (d <= 2) {
      lsoas++;
      people += p;
    }
    if (d === 1) decile1Lsoas++;
  });
  if (lsoasTotal === 0 || total <= 0) return null;
  return { edition, people, total, share: (100 * people) / total, lsoas, lsoasTotal, decile1Lsoas };
}
