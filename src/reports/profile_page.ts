/**
 * The area profile page, in the manner of an OHID Local Health profile: for a ward, MSOA, LSOA
 * or a custom area, every indicator with the authority's, its region's and England's value beside it, where
 * it ranks, the community assets inside, and a map inset showing where it is. This module
 * renders; the rows, figures and sources come from `profile_model.ts`.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AtlasView } from '../state/atlas_view.ts';
import type { GeographyId } from '../../contracts/geography.ts';
import type { CustomAreaReport } from '../analysis_panel/custom_area_report.ts';
import { spine, type ProfileAssets } from '../ui/area_profile.ts';
import { el } from '../ui/dom.ts';
import { significanceLevel } from '../ui/profile_significance.ts';
import { exportDate } from './figure.ts';
import {
  areaProfileModel,
  assetPoints,
  customProfileModel,
  type ProfileInput,
  type ProfileModel,
  type ProfileRow,
} from './profile_model.ts';
import { sourcesFooter } from './source_lines.ts';
import { renderSvgMap, type SvgMapPoint } from './svg_map.ts';
import { placeName } from './view_text.ts';

function themeRows(
  rows: ProfileRow[],
  rankHeading: string,
  place: string,
  regionName: string | null,
): HTMLTableElement {
  const byTheme = new Map<string, ProfileRow[]>();
  for (const r of rows) byTheme.set(r.meta.theme, [...(byTheme.get(r.meta.theme) ?? []), r]);
  const body: HTMLElement[] = [];
  for (const [theme, list] of byTheme) {
    body.push(
      el(
        'tr',
        { class: 'theme' },
        el('th', { colspan: regionName ? '7' : '6', scope: 'colgroup', text: theme }),
      ),
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
          regionName
            ? el('td', {
                class: 'num rp-region',
                text: r.region,
                ...(r.regionReason ? { title: r.regionReason } : {}),
              })
            : null,
          el('td', { class: 'num', text: r.england }),
          el('td', { class: 'num rp-rank', text: r.rank }),
          el(
            'td',
            { class: 'rp-spine' },
            r.spine
              ? spine(r.meta, r.spine.values, r.spine.value, r.spine.authority, r.spine.comparison)
              : null,
          ),
        ),
      );
  }
  return el(
    'table',
    { class: 'rp-profile-table' },
    el(
      'caption',
      {},
      `Indicators. ${rankHeading}. Bar: the range of ${place}'s areas; dot: this area; line: ${place} as a whole; ▲ or ▼ instead of the dot: significantly higher or lower than ${place} (the area's ${significanceLevel() === 0.95 ? '95%' : '99.8%'} Wilson interval excludes its value; blue better, orange worse, purple where there is no direction). England: where the source data gives a national value.${regionName ? ` ${regionName}: the region, rolled up from its LSOAs of the IoD 2019 England file like England; – where the data gives no region value (ranks and deciles are national positions; other indicators are not in that file).` : ''}`,
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
        regionName ? el('th', { scope: 'col', class: 'num', text: regionName }) : null,
        el('th', { scope: 'col', class: 'num', text: 'England' }),
        el('th', { scope: 'col', class: 'num', text: rankHeading.split(':')[0] ?? 'Rank' }),
        el('th', { scope: 'col', text: 'Spread' }),
      ),
    ),
    el('tbody', {}, ...body),
  );
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

/** The first page of a profile: head, insets and key figures, the indicator table, sources. */
function profilePage(
  input: ProfileInput,
  m: ProfileModel,
  insetsOrMissing: HTMLElement,
  assets: HTMLElement,
): HTMLElement {
  const { view, date } = input;
  return el(
    'article',
    { class: 'report-page rp-profile' },
    head(view, m.kicker, m.title, m.subtitle, date),
    el(
      'div',
      { class: 'rp-profile-top' },
      insetsOrMissing,
      el('div', {}, keyFigures(m.figures), assets),
    ),
    themeRows(m.rows, m.rankHeading, placeName(view), m.regionName),
    sourcesFooter(m.sources, date),
  );
}

const noInset = () => el('p', { class: 'rp-missing', text: 'No boundary for the map inset.' });

/** The profile of one area of the atlas (ward, MSOA or LSOA). */
export function areaProfilePages(
  input: ProfileInput,
  target: { geography: GeographyId; code: string },
  assets: ProfileAssets[],
): HTMLElement[] {
  const m = areaProfileModel(input, target);
  const g = target.geography;
  const inset = m.feature
    ? insets(
        input.view,
        g,
        m.feature,
        assetPoints(input.view, assets),
        m.name,
        new Set([target.code]),
      )
    : noInset();
  return [
    profilePage(
      input,
      m,
      inset,
      assetList(assets.map((a) => ({ layer: a.layer, items: a.names }))),
    ),
  ];
}

/** The profile of a custom area: its members' values rolled up. */
export function customProfilePages(input: ProfileInput, report: CustomAreaReport): HTMLElement[] {
  const m = customProfileModel(input, report);
  const t = input.view.model.table(report.geography);
  const shape: Feature<Polygon | MultiPolygon> | null = report.geometry
    ? { type: 'Feature', properties: {}, geometry: report.geometry }
    : null;
  const members = new Set(report.members.map((i) => t.codes[i] ?? ''));
  const assets =
    typeof report.assets === 'string'
      ? el('p', { class: 'rp-missing', text: `Assets ${report.assets}.` })
      : assetList(report.assets.map((a) => ({ layer: a.layer, items: a.count })));
  const inset = shape
    ? insets(input.view, report.geography, shape, [], report.area.name, members)
    : noInset();
  return [profilePage(input, m, inset, assets)];
}
