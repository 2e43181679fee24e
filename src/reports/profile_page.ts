/**
 * The area profile page, in the manner of an OHID Local Health profile: for a ward, MSOA, LSOA
 * or a custom area, every indicator with the authority's and England's value beside it, where
 * it ranks, the community assets inside, and a map inset showing where it is.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AtlasView } from '../state/atlas_view.ts';
import { formatValue, ordinal } from '../atlas_model.ts';
import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import { fixed } from '../analysis_panel/format.ts';
import { core20Of } from '../analysis_panel/panel_context.ts';
import { indicatorFigure, type CustomAreaReport } from '../analysis_panel/custom_area_report.ts';
import { LAYER_COLOURS } from '../map/point_layers.ts';
import { rankAmong, spine, type ProfileAssets } from '../ui/area_profile.ts';
import { el } from '../ui/dom.ts';
import { exportDate } from './figure.ts';
import { sourcesFooter, type SourceItem } from './source_lines.ts';
import { renderSvgMap, type SvgMapPoint } from './svg_map.ts';
import { placeName } from './view_text.ts';

/** England's value of an indicator and how it was obtained. */
export interface EnglandValue {
  value: number;
  method: string;
}

export type ProfileTarget =
  | { kind: 'area'; geography: GeographyId; code: string }
  | { kind: 'custom'; report: CustomAreaReport };

export interface ProfileInput {
  view: AtlasView;
  england: ReadonlyMap<string, EnglandValue>;
  date: Date;
}

/** A row of the indicator table: the area's value and what it is compared with. */
interface ProfileRow {
  meta: IndicatorMeta;
  value: string;
  authority: string;
  england: string;
  /** Rank among the authority's areas, or how a custom area's value was made. */
  rank: string;
  spine: SVGSVGElement | null;
}

function themeRows(rows: ProfileRow[], rankHeading: string, place: string): HTMLTableElement {
  const byTheme = new Map<string, ProfileRow[]>();
  for (const r of rows) byTheme.set(r.meta.theme, [...(byTheme.get(r.meta.theme) ?? []), r]);
  const body: HTMLElement[] = [];
  for (const [theme, list] of byTheme) {
    body.push(
      el('tr', { class: 'theme' }, el('th', { colspan: '6', scope: 'colgroup', text: theme })),
    );
    for (const r of list)
      body.push(
        el(
          'tr',
          { 'data-indicator': r.meta.id },
          el(
            'th',
            { scope: 'row' },
            r.meta.label,
            el('span', { class: 'rp-unit', text: ` ${r.meta.unit}` }),
          ),
          el('td', { class: 'num rp-area-value', text: r.value }),
          el('td', { class: 'num', text: r.authority }),
          el('td', { class: 'num', text: r.england }),
          el('td', { class: 'num rp-rank', text: r.rank }),
          el('td', { class: 'rp-spine' }, r.spine),
        ),
      );
  }
  return el(
    'table',
    { class: 'rp-profile-table' },
    el(
      'caption',
      {},
      `Indicators. ${rankHeading}. Bar: the range of ${place}'s areas; dot: this area; line: ${place} as a whole. England: where the source data gives a national value.`,
    ),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: 'Indicator' }),
        el('th', { scope: 'col', class: 'num', text: 'This area' }),
        el('th', { scope: 'col', class: 'num', text: place }),
        el('th', { scope: 'col', class: 'num', text: 'England' }),
        el('th', { scope: 'col', class: 'num', text: rankHeading.split(':')[0] ?? 'Rank' }),
        el('th', { scope: 'col', text: 'Spread' }),
      ),
    ),
    el('tbody', {}, ...body),
  );
}

function englandText(meta: IndicatorMeta, england: ReadonlyMap<string, EnglandValue>): string {
  const e = england.get(meta.id);
  return e ? formatValue(meta, e.value) : '–';
}

function profileSources(
  view: AtlasView,
  metas: IndicatorMeta[],
  g: GeographyId,
  england: ReadonlyMap<string, EnglandValue>,
): SourceItem[] {
  const items: SourceItem[] = metas.map((m) => ({
    what: m.theme,
    source: `${m.source} (${m.vintage})`,
    licence: m.licence,
  }));
  const geo = view.model.manifest.geographies.find((x) => x.id === g);
  if (geo)
    items.push({ what: `Boundaries, ${geo.label}`, source: geo.source, licence: geo.licence });
  for (const l of view.model.manifest.layers)
    items.push({ what: l.label, source: `${l.source}, ${l.period}`, licence: l.licence });
  const methods = [...new Set([...england.values()].map((e) => e.method))];
  if (methods.length) items.push({ what: 'England', source: methods.join('; '), licence: '' });
  return items;
}

function head(
  view: AtlasView,
  kicker: string,
  title: string,
  subtitle: string,
  date: Date,
): HTMLElement {
  return el(
    'header',
    { class: 'rp-head' },
    el('p', { class: 'rp-kicker', text: `${kicker} · ${placeName(view)} · ${exportDate(date)}` }),
    el('h1', { class: 'rp-title', text: title }),
    el('p', { class: 'rp-subtitle', text: subtitle }),
  );
}

/** Two maps: where the area lies in the authority, and the area itself with its assets. */
function insets(
  view: AtlasView,
  g: GeographyId,
  shape: Feature<Polygon | MultiPolygon>,
  points: SvgMapPoint[],
  name: string,
  highlightCodes: ReadonlySet<string>,
): HTMLElement {
  const areas = view.areas[g];
  const outline = view.areas.lad;
  const pieces: HTMLElement[] = [];
  if (areas) {
    pieces.push(
      el(
        'figure',
        { class: 'rp-inset' },
        renderSvgMap({
          areas,
          fill: (code) => (highlightCodes.has(code) ? '#d55e00' : '#e3e3e3'),
          outline,
          width: 220,
          maxHeight: 320,
          label: `Map: where ${name} lies in ${placeName(view)} (highlighted in orange).`,
        }),
        el('figcaption', { text: `Where it is in ${placeName(view)}` }),
      ),
    );
  }
  const local = {
    type: 'FeatureCollection' as const,
    features: [{ ...shape, properties: { code: 'area' } }],
  };
  pieces.push(
    el(
      'figure',
      { class: 'rp-inset' },
      renderSvgMap({
        areas: local,
        fill: () => '#fbe3d3',
        highlight: [shape],
        points,
        width: 220,
        maxHeight: 320,
        label: points.length
          ? `Map of ${name} with the ${points.length} mapped community assets inside it.`
          : `Map of ${name}.`,
      }),
      el('figcaption', {
        text: points.length ? `The area and its ${points.length} mapped assets` : 'The area',
      }),
    ),
  );
  return el('div', { class: 'rp-insets' }, ...pieces);
}

function pointsInside(view: AtlasView, assets: ProfileAssets[]): SvgMapPoint[] {
  return assets.flatMap((a) => {
    const layer = view.model.manifest.layers.find((l) => l.label === a.layer);
    return a.at.map(([lon, lat], i) => ({
      lon,
      lat,
      colour: LAYER_COLOURS[layer?.id ?? ''] ?? '#444',
      label: `${a.layer}: ${a.names[i] ?? ''}`,
    }));
  });
}

function assetList(entries: { layer: string; items: string[] | number }[]): HTMLElement {
  const shown = entries.filter((a) =>
    typeof a.items === 'number' ? a.items > 0 : a.items.length > 0,
  );
  return el(
    'section',
    { class: 'rp-block rp-assets' },
    el('h2', { text: 'Community assets here' }),
    shown.length
      ? el(
          'ul',
          {},
          ...shown.map((a) =>
            el(
              'li',
              {},
              el('strong', { text: `${a.layer}: ` }),
              typeof a.items === 'number'
                ? `${a.items}`
                : `${a.items.length}: ${a.items.join(', ')}`,
            ),
          ),
        )
      : el('p', { text: 'None of the mapped assets lie in this area.' }),
  );
}

function keyFigures(items: [string, string][]): HTMLElement {
  return el(
    'dl',
    { class: 'rp-key-figures' },
    ...items.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]),
  );
}

/** The profile of one area of the atlas (ward, MSOA or LSOA). */
export function areaProfilePages(
  input: ProfileInput,
  target: { geography: GeographyId; code: string },
  assets: ProfileAssets[],
): HTMLElement[] {
  const { view, england, date } = input;
  const g = target.geography;
  const t = view.model.table(g);
  const index = t.codes.indexOf(target.code);
  if (index < 0)
    throw new Error(`${target.code} is not one of the ${GEOGRAPHY_LEVELS[g].noun} of this atlas`);
  const level = GEOGRAPHY_LEVELS[g];
  const name = t.names[index] ?? target.code;
  const place = placeName(view);
  const metas = [...view.model.indicators.values()].filter((m) => t.values[m.id]);
  const rows: ProfileRow[] = metas.map((m) => {
    const values = t.values[m.id] ?? [];
    const v = values[index] ?? null;
    const { rank: r, n } = rankAmong(values, index, m);
    const authority = view.model.authorityValue(m.id);
    return {
      meta: m,
      value: formatValue(m, v),
      authority: authority === null ? '–' : formatValue(m, authority),
      england: englandText(m, england),
      rank: r && m.kind !== 'rank' && m.kind !== 'decile' ? `${ordinal(r)} of ${n}` : '',
      spine: m.kind === 'rank' || m.kind === 'decile' ? null : spine(m, values, v, authority),
    };
  });
  const pop = view.model.value(g, view.model.populationId(g), index);
  const dep = view.model.deprivationOf(g);
  const score = view.model.value(g, dep.scoreId, index);
  const core20 = view.model.value(g, core20Of(dep.scoreId), index);
  const scoreRank = rows.find((r) => r.meta.id === dep.scoreId)?.rank ?? '';
  const decile = dep.decileId ? view.model.value(g, dep.decileId, index) : null;
  const feature = view.areas[g]?.features.find((f) => f.properties.code === target.code);
  const figures: [string, string][] = [
    ['Population', pop === null ? 'no data' : fixed(pop, 0)],
    [
      `${dep.label} score`,
      `${fixed(score, 1)}${scoreRank ? ` (${scoreRank} most deprived in ${place})` : ''}`,
    ],
  ];
  if (decile !== null)
    figures.push([`${dep.label} national decile`, `${decile} (1 = most deprived 10% of England)`]);
  if (core20 !== null) figures.push(['Population in Core20 LSOAs', `${fixed(core20, 1)}%`]);
  const first = el(
    'article',
    { class: 'report-page rp-profile' },
    head(view, `${level.label} profile`, name, `${target.code} · ${level.label} · ${place}`, date),
    el(
      'div',
      { class: 'rp-profile-top' },
      feature
        ? insets(view, g, feature, pointsInside(view, assets), name, new Set([target.code]))
        : el('p', { class: 'rp-missing', text: 'No boundary for the map inset.' }),
      el(
        'div',
        {},
        keyFigures(figures),
        assetList(assets.map((a) => ({ layer: a.layer, items: a.names }))),
      ),
    ),
    themeRows(rows, `Rank: among ${place}'s ${t.codes.length} ${level.noun}, 1 = worst`, place),
    sourcesFooter(profileSources(view, metas, g, england), date),
  );
  return [first];
}

/** The profile of a custom area: its members' values rolled up (METHODS.md section 4). */
export function customProfilePages(input: ProfileInput, report: CustomAreaReport): HTMLElement[] {
  const { view, england, date } = input;
  const g = report.geography;
  const t = view.model.table(g);
  const level = GEOGRAPHY_LEVELS[g];
  const place = placeName(view);
  const metas = [...view.model.indicators.values()].filter(
    (m) => t.values[m.id] && m.kind !== 'rank' && m.kind !== 'decile',
  );
  const rows: ProfileRow[] = metas.map((m) => {
    const r = indicatorFigure(view, report, m);
    const authority = view.model.authorityValue(m.id);
    return {
      meta: m,
      value: r.value === null ? `not computed` : formatValue(m, r.value),
      authority: authority === null ? '–' : formatValue(m, authority),
      england: englandText(m, england),
      rank: r.rule.kind === 'sum' ? 'sum' : r.rule.kind === 'weightedMean' ? 'weighted mean' : '',
      spine: r.value === null ? null : spine(m, t.values[m.id] ?? [], r.value, authority),
    };
  });
  const f = report.figures;
  const figures: [string, string][] = [
    ['Made of', `${report.members.length} ${level.noun} (${level.label})`],
    ['Population', f.population.value === null ? 'not computed' : fixed(f.population.value, 0)],
    [`${report.metas.imdScore.label}`, fixed(f.imdScore.value, 1)],
    [
      'Population in Core20 LSOAs',
      f.core20.value === null ? 'not computed' : `${fixed(f.core20.value, 1)}%`,
    ],
  ];
  const shape: Feature<Polygon | MultiPolygon> | null = report.geometry
    ? { type: 'Feature', properties: {}, geometry: report.geometry }
    : null;
  const members = new Set(report.members.map((i) => t.codes[i] ?? ''));
  const assets =
    typeof report.assets === 'string'
      ? el('p', { class: 'rp-missing', text: `Assets ${report.assets}.` })
      : assetList(report.assets.map((a) => ({ layer: a.layer, items: a.count })));
  const first = el(
    'article',
    { class: 'report-page rp-profile' },
    head(view, 'Custom area profile', report.area.name, `${report.rule}`, date),
    el(
      'div',
      { class: 'rp-profile-top' },
      shape
        ? insets(view, g, shape, [], report.area.name, members)
        : el('p', { class: 'rp-missing', text: 'No boundary for the map inset.' }),
      el('div', {}, keyFigures(figures), assets),
    ),
    themeRows(
      rows,
      `How: the members' values rolled up (sum of counts, or mean weighted by the denominator)`,
      place,
    ),
    sourcesFooter(profileSources(view, metas, g, england), date),
  );
  return [first];
}
