/**
 * The one-pager's headline block, rendered from `one_pager_model.ts`: life expectancy, healthy
 * life expectancy and the published SII against England with their trends (one authority), or
 * each authority's latest figures (the city region); then the people in Core20 areas.
 */
import type { Headline } from '../../contracts/manifest.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import { el } from '../ui/dom.ts';
import {
  authorityCode,
  core20Lines,
  districtsTable,
  headlineTable,
  type HeadlineCell,
} from './one_pager_model.ts';
import { AREA_COLOUR, ENGLAND_COLOUR, trendSparkline } from './trend_sparkline.ts';
import { placeName } from './view_text.ts';

/** A block of the page with its heading. */
export function section(cls: string, heading: string, ...children: (Node | null)[]): HTMLElement {
  return el('section', { class: `rp-block ${cls}` }, el('h2', { text: heading }), ...children);
}

export function headlineSection(view: AtlasView, headline: Headline | string): HTMLElement {
  const code = authorityCode(view);
  const place = placeName(view);
  if (typeof headline === 'string') {
    return section(
      'rp-headline',
      'Life expectancy',
      el('p', { class: 'rp-missing', text: `Headline figures not available: ${headline}.` }),
      core20List(view),
    );
  }
  if (code === null) return districtsSection(view, headline);
  const table = headlineTable(headline, code);
  const rows = table.rows.map((r) =>
    el(
      'tr',
      { 'data-indicator': r.indicatorId },
      el(
        'th',
        { scope: 'row', title: r.label },
        r.short,
        el('span', { class: 'rp-period', text: ` ${r.period}` }),
      ),
      ...r.cells.flatMap((c) => figureCells(c, place)),
    ),
  );
  return section(
    'rp-headline',
    'Life expectancy and deprivation',
    el(
      'table',
      { class: 'rp-headline-table' },
      el(
        'caption',
        {},
        `Years, latest period; Fingertips' comparison with England; trend from ${table.trendFrom} (`,
        el('span', { class: 'key-area', style: `color:${AREA_COLOUR}`, text: `— ${place}` }),
        ', ',
        el('span', { class: 'key-england', style: `color:${ENGLAND_COLOUR}`, text: '- - England' }),
        ').',
      ),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', text: '' }),
          el('th', { scope: 'colgroup', colspan: '2', text: 'Men' }),
          el('th', { scope: 'colgroup', colspan: '2', text: 'Women' }),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
    core20List(view),
  );
}

/** People in Core20 areas, one line per deprivation edition; null when there are none. */
function core20List(view: AtlasView): HTMLElement | null {
  const items = core20Lines(view).map((c) =>
    el('li', { 'data-core20': c.edition }, el('strong', { text: c.people }), c.rest),
  );
  return items.length ? el('ul', { class: 'rp-core20' }, ...items) : null;
}

/** Several authorities (the city region): each one's latest published figures, and England. */
function districtsSection(view: AtlasView, headline: Headline): HTMLElement {
  const table = districtsTable(view, headline);
  return section(
    'rp-headline',
    'Life expectancy and deprivation',
    el(
      'table',
      { class: 'rp-headline-table rp-districts' },
      el('caption', {
        text: "Years, latest period, each authority; Fingertips' comparison with England.",
      }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', text: '' }),
          ...table.columns.map((c) => el('th', { scope: 'col', text: c })),
        ),
      ),
      el(
        'tbody',
        {},
        ...table.rows.map((r) =>
          el(
            'tr',
            { 'data-area': r.code },
            el('th', { scope: 'row', text: r.name }),
            ...r.cells.map((c) => el('td', { class: 'num', text: c })),
          ),
        ),
      ),
    ),
    core20List(view),
  );
}

function figureCells(c: HeadlineCell | null, place: string): HTMLElement[] {
  if (!c) return [el('td', { class: 'rp-missing', colspan: '2', text: 'not published' })];
  return [
    el(
      'td',
      { class: 'rp-figure', 'data-sex': c.sex },
      el('strong', { class: 'rp-value', text: c.value }),
      el('span', { class: 'rp-england', text: c.england }),
    ),
    el('td', { class: 'rp-trend' }, trendSparkline(c.trend, place)),
  ];
}
