/**
 * Shows a custom area's figures, each with its source, period and vintage, the rule that
 * assigned its areas, and a chooser to roll up any other indicator; and builds its GeoJSON
 * export with the same figures and provenance as properties.
 */
import type { AtlasView } from '../state/atlas_view.ts';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import { el } from '../ui/dom.ts';
import type { RolledUp } from '../../workers/rollup/custom_area_figures.ts';
import { customAreaGeoJson, type ExportProperties } from './custom_area_geojson.ts';
import { indicatorFigure, type CustomAreaReport } from './custom_area_report.ts';
import { areas, fixed } from './format.ts';

function provenance(meta: IndicatorMeta): string {
  return `${meta.source}, ${meta.period} (${meta.vintage})`;
}

function figureText(r: RolledUp, meta: IndicatorMeta, decimals = meta.decimals): string {
  if (r.value === null) return `not computed: ${r.reason ?? 'no value'}`;
  const unit = meta.unit.startsWith('%') ? '%' : ` ${meta.unit}`;
  return `${fixed(r.value, decimals)}${unit}`;
}

function ruleText(r: RolledUp): string {
  return r.rule.kind === 'none' ? r.rule.reason : r.rule.describe;
}

/** One figure: name, value (with a data attribute for tests and scripts), how and where from. */
function row(
  id: string,
  label: string,
  r: RolledUp,
  meta: IndicatorMeta,
  decimals?: number,
): HTMLElement[] {
  return [
    el('dt', { text: label }),
    el(
      'dd',
      {},
      el('strong', {
        'data-figure': id,
        'data-value': r.value === null ? '' : String(r.value),
        text: figureText(r, meta, decimals),
      }),
      el('span', { class: 'figure-source', text: ` ${ruleText(r)}. ${provenance(meta)}.` }),
    ),
  ];
}

export function renderCustomAreaFigures(view: AtlasView, report: CustomAreaReport): HTMLElement {
  const { figures, metas } = report;
  const level = GEOGRAPHY_LEVELS[report.geography];
  const table = view.model.table(report.geography);
  const choices = [...view.model.indicators.values()].filter((m) => table.values[m.id]);
  const select = el('select', { id: 'custom-indicator' });
  select.append(...choices.map((m) => el('option', { value: m.id, text: m.label })));
  select.value = choices.some((m) => m.id === view.indicator.id)
    ? view.indicator.id
    : (choices[0]?.id ?? '');
  const anyValue = el('dd', { id: 'custom-indicator-value' });
  const showIndicator = () => {
    const meta = view.model.indicators.get(select.value);
    if (!meta) return;
    const r = indicatorFigure(view, report, meta);
    anyValue.replaceChildren(
      el('strong', {
        'data-figure': 'indicator',
        'data-value': r.value === null ? '' : String(r.value),
        text: figureText(r, meta),
      }),
      el('span', { class: 'figure-source', text: ` ${ruleText(r)}. ${provenance(meta)}.` }),
    );
  };
  select.onchange = showIndicator;
  showIndicator();
  const assets =
    typeof report.assets === 'string'
      ? el('dd', { text: report.assets })
      : el(
          'dd',
          {},
          el(
            'ul',
            { id: 'custom-assets' },
            ...report.assets.map((a) => el('li', { text: `${a.layer}: ${a.count}` })),
          ),
        );
  return el(
    'div',
    { class: 'custom-figures' },
    el('h3', { class: 'small-heading', id: 'custom-stats-title', text: report.area.name }),
    el('p', {
      class: 'hint',
      text: `${areas(figures.areas, level.noun)}, ${level.vintage} boundaries${report.unknownCodes.length ? `; ${report.unknownCodes.length} picked codes are not in this data and were left out` : ''}.`,
    }),
    el(
      'dl',
      { class: 'figures' },
      ...row('population', 'Population', figures.population, metas.population),
      ...row(
        'imd-score',
        `${metas.imdScore.label}, population-weighted`,
        figures.imdScore,
        metas.imdScore,
      ),
      ...row('core20', 'Population in Core20 LSOAs', figures.core20, metas.core20, 1),
      el('dt', { text: 'Community assets inside' }),
      assets,
      el('dt', {}, el('label', { for: 'custom-indicator', text: 'Any indicator' })),
      el('dd', {}, select),
      anyValue,
    ),
    el('p', { class: 'hint', id: 'custom-rule', text: report.rule }),
  );
}

/** The export's properties: what the area is, how it was made, its figures and their sources. */
export function exportProperties(view: AtlasView, report: CustomAreaReport): ExportProperties {
  const { figures, metas, area } = report;
  const table = view.model.table(report.geography);
  const geoMeta = view.model.manifest.geographies.find((g) => g.id === report.geography);
  const props: ExportProperties = {
    name: area.name,
    kind: area.kind,
    created: area.createdAt,
    exported: new Date().toISOString(),
    geography: GEOGRAPHY_LEVELS[report.geography].label,
    rule: report.rule,
    member_codes: report.members.map((i) => table.codes[i] ?? ''),
    population: figures.population.value,
    population_source: provenance(metas.population),
    imd_score: figures.imdScore.value,
    imd_score_method: ruleText(figures.imdScore),
    imd_score_source: provenance(metas.imdScore),
    core20_share_percent: figures.core20.value,
    core20_source: provenance(metas.core20),
    boundaries: geoMeta ? `${geoMeta.source}. ${geoMeta.licence}` : null,
  };
  if (typeof report.assets !== 'string') {
    for (const a of report.assets) props[`assets: ${a.layer}`] = a.count;
    props.assets_sources = view.model.manifest.layers
      .map((l) => `${l.label}: ${l.source} (${l.period})`)
      .join('; ');
  }
  return props;
}

export function exportText(view: AtlasView, report: CustomAreaReport): string | null {
  if (!report.geometry) return null;
  return JSON.stringify(customAreaGeoJson(report.geometry, exportProperties(view, report)));
}
