import { z } from 'zod';
import { ENGLAND_CODE } from '../contracts/geography.ts';
import type { Headline } from '../contracts/manifest.ts';
import { gss, optNum, optNumOrNA, text } from './csv_table.ts';
import type { AreaChoice } from './area.ts';
import { LICENCE, RAW } from './raw_catalogue.ts';
import type { RawReader } from './raw_reader.ts';
import type { Registry } from './registry.ts';
import { PipelineError } from './errors.ts';
import { englandComparators, englandComparatorsOf } from './england_comparators.ts';
import { rowsByDistrict } from './slices.ts';
import { IMD2019, imd2019Columns, Imd2019Row } from './sources/imd2019.ts';
import { checkEnglandRows } from './sources/imd2019_england.ts';

const FingertipsRow = z.object({
  fingertips_indicator_id: z.enum(['90366', '90362', '92901']),
  area_code: gss(),
  area_name: text,
  period: text,
  indicator: text,
  unit: text,
  value: optNumOrNA,
  compared_to_England: text,
  sex: z.enum(['Male', 'Female', 'Persons']),
});

const Summary2019 = z.object({
  lad19cd: gss(),
  lad19nm: text,
  index_domain: text,
  average_score: optNum,
  rank_average_score: optNum,
  proportion_bottom_decile: optNum,
});
export const Summary2025 = z.object({
  area_code: gss(),
  area_name: text,
  index_domain: text,
  average_score: optNum,
  rank_average_score: optNum,
  proportion_bottom_decile: optNum,
});

/**
 * Authority and England life expectancy, healthy life expectancy, SII; IoD authority
 * summaries; England values of the atlas indicators the raw data supports.
 */
export async function readHeadline(
  raw: RawReader,
  area: AreaChoice,
  registry: Registry,
): Promise<Headline> {
  const codes = new Set([ENGLAND_CODE, ...area.districts.map((d) => d.code)]);
  // File 10 of IoD 2019 names districts by their 2019 codes: a merged district shows its predecessors'.
  const inArea = (code: string) => codes.has(registry.current.get(code) ?? code);
  const ft = await raw.table('fingertipsLe', FingertipsRow);
  // Unitary/metropolitan districts appear once as "UA" and once as "District": keep one.
  const seen = new Map<string, { value: number | null; line: number }>();
  const lifeExpectancy: Headline['lifeExpectancy'] = [];
  for (const { value: r, line } of ft) {
    if (!codes.has(r.area_code)) continue;
    const key = `${r.fingertips_indicator_id}|${r.area_code}|${r.period}|${r.sex}`;
    const prev = seen.get(key);
    if (prev) {
      if (prev.value !== r.value) {
        throw new PipelineError(`${RAW.fingertipsLe.path} gives two different values for ${key}.`, [
          {
            file: RAW.fingertipsLe.path,
            line,
            field: 'value',
            value: String(r.value),
            message: `line ${prev.line} has ${prev.value}`,
          },
        ]);
      }
      continue;
    }
    seen.set(key, { value: r.value, line });
    lifeExpectancy.push({
      indicatorId: r.fingertips_indicator_id,
      indicator: r.indicator,
      areaCode: r.area_code,
      areaName: r.area_name,
      period: r.period.replace(/\s+/g, ' '),
      sex: r.sex,
      value: r.value,
      unit: r.unit,
      comparedToEngland: r.compared_to_England,
    });
  }
  const s19 = await raw.table('iod2019Summaries', Summary2019);
  const s25 = await raw.table('iod2025Summaries', Summary2025);
  const deprivationSummaries: Headline['deprivationSummaries'] = [
    ...s19
      .filter((r) => inArea(r.value.lad19cd))
      .map(({ value: r }) => ({
        areaCode: r.lad19cd,
        areaName: r.lad19nm,
        edition: 'IoD2019' as const,
        indexDomain: r.index_domain,
        averageScore: r.average_score,
        rankAverageScore: r.rank_average_score,
        proportionMostDeprivedDecile: r.proportion_bottom_decile,
      })),
    ...s25
      .filter((r) => inArea(r.value.area_code))
      .map(({ value: r }) => ({
        areaCode: r.area_code,
        areaName: r.area_name,
        edition: 'IoD2025' as const,
        indexDomain: r.index_domain,
        averageScore: r.average_score,
        rankAverageScore: r.rank_average_score,
        proportionMostDeprivedDecile: r.proportion_bottom_decile,
      })),
  ];
  return {
    lifeExpectancy,
    deprivationSummaries,
    comparators: [
      ...(await raw.memo('englandComparators', async () =>
        englandComparatorsOf(checkEnglandRows(await raw.table('imd2019England', Imd2019Row))),
      )),
      ...(await regionComparators(raw, area, registry)),
    ],
    sources: [
      {
        what: 'Life expectancy (90366), healthy life expectancy (90362), slope index of inequality in life expectancy (92901)',
        source: 'OHID Fingertips, extract of about May 2026',
        licence: LICENCE.ogl,
      },
      {
        what: 'IoD local authority summaries (File 10)',
        source: 'MHCLG English Indices of Deprivation 2019 and 2025',
        licence: LICENCE.ogl,
      },
      {
        what: 'England and region values of the IoD 2019 score, Core20 share, income and employment rates and denominators (rolled up from every LSOA in England, or in the region, like the authority values)',
        source: RAW.imd2019England.source.replace(/ \(indicators\/SOURCES\.md\)$/, ''),
        licence: LICENCE.ogl,
      },
    ],
  };
}

/**
 * The region's values of the same indicators as the England comparators, from the region's
 * LSOAs of the IoD 2019 England file by the same roll-up (once per region and build).
 */
async function regionComparators(
  raw: RawReader,
  area: AreaChoice,
  registry: Registry,
): Promise<Headline['comparators']> {
  const regions = new Map<string, { code: string; name: string }>();
  for (const d of area.districts) {
    const r = registry.byCode.get(d.code)?.region;
    if (r) regions.set(r.code, r);
  }
  const out: Headline['comparators'] = [];
  for (const region of regions.values()) {
    out.push(
      ...(await raw.memo(`regionComparators:${region.code}`, async () => {
        const by = await rowsByDistrict(raw, IMD2019.main);
        const rows = registry.districts
          .filter((d) => d.region.code === region.code)
          .flatMap((d) => (by.get(d.code) ?? []).map((r) => r.value));
        return englandComparators(
          imd2019Columns(rows),
          rows.length,
          `the region's LSOAs of the England file (ranks, deciles and mid-2015 denominators from Files 2 and 6; scores as republished by mySociety)`,
          region,
        );
      })),
    );
  }
  return out;
}
