import type { PanelContext } from '../analysis_panel/panel_context.ts';
import { withLimits } from '../analysis_panel/format.ts';
import { formatValue } from '../atlas_model.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import { el } from '../ui/dom.ts';
import { orient } from '../../workers/inequality/inequality_by_deprivation.ts';
import { areaLimitsOf } from './area_limits.ts';
import { gapMeasures, type RangeEnd } from './gap_measures.ts';
import { headlineSii, headlineSiiDefinition } from './headline_sii.ts';

export { gapTitle } from '../reports/view_text.ts';
import { gapTitle } from '../reports/view_text.ts';

let drawn = 0;

/**
 * Above the gap chart, side by side and each named for what it is: the range between the
 * highest and lowest area (named, with values and limits), the difference of the locality
 * means, and the SII with its limits (one definition, stated under them, shared with the
 * one-page report).
 */
export async function renderGapMeasures(
  root: HTMLElement,
  title: HTMLElement,
  view: AtlasView,
  ctx: PanelContext,
): Promise<void> {
  const mine = ++drawn;
  title.textContent = gapTitle(view);
  const gap = view.gap;
  if (!gap) {
    root.replaceChildren();
    return;
  }
  const meta = view.indicator;
  // An imported file may not state its unit: then the figures go without one.
  const unit = meta.unit.startsWith('%')
    ? 'percentage points'
    : /not stated/i.test(meta.unit)
      ? ''
      : meta.unit;
  const t = view.model.table(view.geography);
  const limits = areaLimitsOf(meta.id);
  const m = gapMeasures(gap.items, gap.summaries, limits, t.codes);
  const v = (x: number | null) => formatValue(meta, x);
  const limitText = (e: RangeEnd) =>
    e.lower !== null && e.upper !== null
      ? ` (${limits?.interval ?? ''} limits ${v(e.lower)} to ${v(e.upper)})`
      : '';
  const card = (id: string, name: string, figure: string, ...lines: string[]) =>
    el(
      'div',
      { class: 'gap-measure', id },
      el('h3', { text: name }),
      el('p', { class: 'gap-figure', text: figure }),
      ...lines.map((l) => el('p', { class: 'gap-detail', text: l })),
    );
  const range = m.range
    ? card(
        'gap-range',
        `Range: highest minus lowest of ${m.range.areas} ${gap.areaNoun}`,
        `${v(m.range.difference)} ${unit}`.trim(),
        `Highest: ${m.range.highest.name}, ${v(m.range.highest.value)}${limitText(m.range.highest)}.`,
        `Lowest: ${m.range.lowest.name}, ${v(m.range.lowest.value)}${limitText(m.range.lowest)}.`,
        ...(limits ? [] : ['The data has no confidence limits for single areas.']),
      )
    : card('gap-range', 'Range', 'not available', `Fewer than two ${gap.areaNoun} have a value.`);
  // The user's localities, the authority's named ones, or its most and least deprived fifths.
  const heading =
    gap.grouping === 'fifths'
      ? 'Most against least deprived fifth'
      : m.localities && m.localities.of > 2
        ? `Difference of the locality means: highest minus lowest of ${m.localities.of}`
        : 'Difference of the locality means';
  const grouping =
    gap.grouping === 'fifths'
      ? ` ${view.model.manifest.area.name} has no named localities in the atlas: its ${gap.areaNoun} are ranked by deprivation score and grouped by fifths of residents.`
      : gap.grouping === 'custom'
        ? ` Localities defined in this view (${gap.summaries.map((s) => `${s.name}: ${s.areas} ${gap.areaNoun}`).join('; ')}).`
        : '';
  const locality = m.localities
    ? card(
        'gap-localities',
        heading,
        `${v(m.localities.difference)} ${unit}`.trim(),
        `${m.localities.first.name} ${v(m.localities.first.mean)} minus ${m.localities.second.name} ${v(m.localities.second.mean)}: population-weighted means of their ${gap.areaNoun}.${grouping}`,
      )
    : card(
        'gap-localities',
        heading,
        'not available',
        `A group has ${gap.areaNoun} without a value or population.${grouping}`,
      );
  const siiCard = card('gap-sii', 'Slope index of inequality (SII)', 'working it out…');
  root.replaceChildren(
    el('div', { class: 'gap-measures-row' }, range, locality, siiCard),
    el('p', { class: 'gap-definition', text: headlineSiiDefinition(view) }),
  );
  // The inequality worker starts after the first frame: the atlas's first load does not pay
  // for it (nor for 100,000 draws competing with MapLibre for the two cores).
  await afterFirstFrame();
  if (mine !== drawn) return;
  const sii = await headlineSii(ctx, view);
  if (mine !== drawn) return;
  const figure = siiCard.querySelector('.gap-figure');
  if (!figure) return;
  if (!sii.ok) {
    figure.textContent = 'not available';
    siiCard.append(el('p', { class: 'gap-detail', text: `No SII: ${sii.reason}.` }));
    return;
  }
  const shown = orient(sii.value.sii.sii, meta.polarity);
  figure.textContent = `${withLimits(shown, Math.min(meta.decimals, 2))} ${unit}`.trim();
  if (figure instanceof HTMLElement) figure.dataset.value = String(shown.value);
  siiCard.append(
    el('p', {
      class: 'gap-detail',
      text: `Fitted difference between the least and the most deprived end, ${shown.meaning}; ${sii.value.areasUsed} ${gap.areaNoun} used.`,
    }),
  );
}

/** Resolves once main.ts has marked the first frame drawn (body[data-ready]). */
function afterFirstFrame(): Promise<void> {
  if (document.body.dataset.ready) return Promise.resolve();
  return new Promise((resolve) => {
    const seen = new MutationObserver(() => {
      if (!document.body.dataset.ready) return;
      seen.disconnect();
      resolve();
    });
    seen.observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
  });
}
