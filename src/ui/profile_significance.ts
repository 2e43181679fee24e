/**
 * Significance in the area profile, as Fingertips shows it: for each indicator with counts (IoD
 * income and employment rates, Census 2021 and mid-2020 shares; workers/significance/
 * indicator_counts.ts, whose counts follow ../shared/METHODS.md section 4), the area's Wilson
 * score interval (PHEindicatormethods `phe_proportion`, workers/stats/proportion.ts) at 95% or
 * 99.8% against the authority's value, its region's and England's: better, similar or worse by the
 * indicator's polarity, higher, similar or lower where it has none; a word and a shape with
 * every colour, and the method under the table.
 */
import { ENGLAND_CODE, type GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta, Manifest } from '../../contracts/manifest.ts';
import {
  compareLimits,
  comparisonMethod,
  shareWithLimits,
  type Comparison,
  type Level,
  type LimitedShare,
} from '../../workers/significance/compare.ts';
import { areaCount, countModelOf } from '../../workers/significance/indicator_counts.ts';
import {
  INTERVAL_SOURCE_WORDS,
  suppliedInterval,
  type IntervalSource,
} from '../../workers/significance/supplied_limits.ts';
import { formatValue, type AtlasModel } from '../atlas_model.ts';
import { suppliedColumnsOf } from '../gap/area_limits.ts';
import { loadHeadline } from '../headline_source.ts';
import { el } from './dom.ts';
import { verdictWord } from './significance_style.ts';

/** The level chosen in the profile; kept while the page is open, 95% to start as Fingertips. */
let chosen: Level = 0.95;

export function significanceLevel(): Level {
  return chosen;
}

/** England's values of the atlas's indicators, once headline.json is read (null before). */
let england: ReadonlyMap<string, number> | null = null;
/** The region's (one region in headline.json: a district's, or a group's in one region). */
let region: { name: string; values: ReadonlyMap<string, number> } | null = null;
let englandLoading: Promise<void> | null = null;

function loadEngland(manifest: Manifest): Promise<void> {
  englandLoading ??= loadHeadline(manifest).then((h) => {
    const comparators = typeof h === 'string' ? [] : h.comparators;
    england = new Map(
      comparators
        .filter((c) => c.areaCode === ENGLAND_CODE)
        .map((c) => [c.indicatorId, c.value] as const),
    );
    const inRegion = comparators.filter((c) => c.areaCode.startsWith('E12'));
    const first = inRegion[0];
    region =
      first && inRegion.every((c) => c.areaCode === first.areaCode)
        ? {
            name: first.areaName,
            values: new Map(inRegion.map((c) => [c.indicatorId, c.value] as const)),
          }
        : null;
  });
  return englandLoading;
}

export interface Benchmarked {
  name: string;
  value: number;
  comparison: Comparison;
}

export interface RowSignificance {
  share: LimitedShare;
  authority: Benchmarked | null;
  region: Benchmarked | null;
  england: Benchmarked | null;
  /** Where the limits came from: the atlas's counts, or an import's limits or counts. */
  source: 'atlas-counts' | IntervalSource;
}

/** The authority an area belongs to and its value (the area's own district in a group). */
function authorityOf(
  model: AtlasModel,
  g: GeographyId,
  index: number,
  id: string,
): { name: string; value: number } | null {
  const lad = model.tables.lad;
  if (!lad) return null;
  const district = model.table(g).districts[index];
  const j = lad.codes.length === 1 ? 0 : lad.codes.indexOf(district ?? '');
  const value = lad.values[id]?.[j] ?? null;
  return j < 0 || value === null ? null : { name: lad.names[j] ?? '', value };
}

/** The area's interval and its comparisons at the chosen level; null without counts. */
export function rowSignificance(
  model: AtlasModel,
  g: GeographyId,
  index: number,
  meta: IndicatorMeta,
): RowSignificance | null {
  const counts = countModelOf(meta);
  if (!counts.ok) return importedSignificance(model, g, index, meta);
  const c = areaCount(counts, model.table(g), meta.id, index);
  if (!c) return null;
  const share = shareWithLimits(c, chosen);
  const against = (name: string, value: number | null | undefined): Benchmarked | null =>
    value === null || value === undefined
      ? null
      : { name, value, comparison: compareLimits(share.lower, share.upper, value, meta.polarity) };
  const authority = authorityOf(model, g, index, meta.id);
  return {
    share,
    authority: authority ? against(authority.name, authority.value) : null,
    region: region ? against(region.name, region.values.get(meta.id)) : null,
    england: against('England', england?.get(meta.id)),
    source: 'atlas-counts',
  };
}

/**
 * An imported indicator (a Fingertips export): the file's own limits at the chosen level, or
 * limits from its Count and Denominator (supplied_limits.ts), against the file's own rows for
 * the area's authority and for England, as Fingertips compares them.
 */
function importedSignificance(
  model: AtlasModel,
  g: GeographyId,
  index: number,
  meta: IndicatorMeta,
): RowSignificance | null {
  const cols = suppliedColumnsOf(meta.id);
  if (!cols) return null;
  const at = (col: (number | null)[] | null) => col?.[index] ?? null;
  const r = suppliedInterval(
    {
      value: model.table(g).values[meta.id]?.[index] ?? null,
      lower95: at(cols.lower95),
      upper95: at(cols.upper95),
      lower998: at(cols.lower998),
      upper998: at(cols.upper998),
      count: at(cols.count),
      denominator: at(cols.denominator),
    },
    chosen,
  );
  if (!r.ok) return null;
  const { interval } = r;
  const bench = (code: string | undefined, fallback: string): Benchmarked | null => {
    const b = cols.benchmarks.find((x) => x.code === code);
    return b
      ? {
          name: b.name ?? fallback,
          value: b.value,
          comparison: compareLimits(interval.lower, interval.upper, b.value, meta.polarity),
        }
      : null;
  };
  return {
    share: interval,
    authority: bench(model.table(g).districts[index], 'Authority'),
    region: null,
    england: bench(ENGLAND_CODE, 'England'),
    source: interval.source,
  };
}

function verdictCell(meta: IndicatorMeta, b: Benchmarked | null, loading: boolean): HTMLElement {
  if (!b)
    return el('td', {
      class: 'sig-none',
      text: loading ? '…' : '–',
      title: loading ? 'loading' : 'no benchmark value in the data',
    });
  return el(
    'td',
    { 'data-verdict': b.comparison.verdict },
    el('span', {
      class: `verdict verdict-${b.comparison.verdict}`,
      text: `${b.comparison.symbol} ${verdictWord(b.comparison.verdict)}`,
    }),
    el('span', { class: 'sig-benchmark', text: ` vs ${formatValue(meta, b.value)}` }),
  );
}

/**
 * The block under the profile's indicator table: the level switch, the table and the method.
 * @param rerender draws the whole profile again (the spine's shapes follow the level).
 */
export function significanceBlock(
  model: AtlasModel,
  g: GeographyId,
  index: number,
  rerender: () => void,
): HTMLElement {
  const block = el('div', { id: 'profile-significance', class: 'profile-significance' });
  const draw = () => {
    const loading = england === null;
    const metas = [...model.indicators.values()].filter((m) => model.table(g).values[m.id]);
    const imported = new Set<string>();
    const rows = metas.flatMap((m) => {
      const s = rowSignificance(model, g, index, m);
      if (!s) return [];
      if (s.source !== 'atlas-counts')
        imported.add(`${m.label}: ${INTERVAL_SOURCE_WORDS[s.source]}`);
      return [
        el(
          'tr',
          { 'data-ind': m.id },
          el('th', { scope: 'row', text: m.label }),
          el('td', {
            class: 'num',
            text: `${formatValue(m, s.share.value)} (${formatValue(m, s.share.lower)} to ${formatValue(m, s.share.upper)})`,
          }),
          verdictCell(m, s.authority, false),
          region ? verdictCell(m, s.region, false) : null,
          verdictCell(m, s.england, loading),
        ),
      ];
    });
    const authorityName =
      model.tables.lad?.codes.length === 1
        ? (model.tables.lad.names[0] ?? 'Authority')
        : 'Authority';
    const pct = chosen === 0.95 ? '95%' : '99.8%';
    const switcher = el(
      'fieldset',
      { class: 'inline sig-level' },
      el('legend', { text: 'Confidence level' }),
      ...LEVEL_CHOICES.map(([value, label]) => {
        const input = el('input', { type: 'radio', name: 'sig-level', value: String(value) });
        input.checked = value === chosen;
        input.onchange = () => {
          chosen = value;
          rerender();
          document
            .querySelector<HTMLInputElement>(`input[name="sig-level"][value="${value}"]`)
            ?.focus();
        };
        return el('label', {}, input, ` ${label}`);
      }),
    );
    block.replaceChildren(
      el('h3', {
        text: `Compared with ${authorityName}${region ? `, ${region.name}` : ''} and England`,
      }),
      switcher,
      rows.length
        ? el(
            'table',
            { class: 'profile-table sig-table', id: 'significance-table' },
            el('caption', {
              class: 'hint',
              text: `Indicators with counts: value with its ${pct} interval, and how it compares.`,
            }),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { scope: 'col', text: 'Indicator' }),
                el('th', { scope: 'col', text: `Value (${pct} interval)` }),
                el('th', { scope: 'col', text: `vs ${authorityName}` }),
                region ? el('th', { scope: 'col', text: `vs ${region.name}` }) : null,
                el('th', { scope: 'col', text: 'vs England' }),
              ),
            ),
            el('tbody', {}, ...rows),
          )
        : el('p', { class: 'hint', text: 'None of this area’s indicators has counts to compare.' }),
      el('p', {
        class: 'hint method',
        id: 'significance-method',
        text: `${comparisonMethod(chosen)} Counts: IoD 2019 income and employment rates × the IoD mid-2015 denominators; Census 2021 and mid-2020 shares from their count columns. Scores, ranks and the Core20 share have no counts and are not compared. England's${region ? ` and ${region.name}'s` : ''} values are the IoD 2019 figures of headline.json, rolled up from every LSOA of England${region ? ' or the region' : ''}; none are in the data for the Census shares (–).${imported.size ? ` Imported indicators use ${[...imported].join('; ')}, at the level chosen, against the file’s own rows for the authority and England (– where the file has none).` : ''}`,
      }),
    );
  };
  draw();
  if (england === null) void loadEngland(model.manifest).then(() => block.isConnected && draw());
  return block;
}

const LEVEL_CHOICES: readonly [Level, string][] = [
  [0.95, '95%'],
  [0.998, '99.8%'],
];
