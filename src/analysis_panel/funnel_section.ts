/**
 * "Funnel plot": the indicator on the map, where it is a count over a denominator, as every
 * area's percentage against its population with the 95% and 99.8% limits around the
 * authority's value; the areas outside the limits listed and, on request, outlined on the map.
 * Indicators without counts get a sentence saying why not and the ones that can be plotted.
 * A few hundred areas take well under a millisecond: computed here, on the main thread.
 */
import './funnel.css';
import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import {
  countModelOf,
  countedIndicators,
  type CountModel,
} from '../../workers/significance/indicator_counts.ts';
import {
  byBand,
  funnelCsv,
  funnelModel,
  outside,
  type FunnelArea,
  type FunnelModel,
} from '../../workers/significance/funnel_model.ts';
import { FUNNEL_BAND_WORDS } from '../../workers/stats/funnel_significance.ts';
import { setFlaggedAreas } from '../map/flag_layer.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import { download, el } from '../ui/dom.ts';
import { verdictWord } from '../ui/significance_style.ts';
import { bandText, funnelKey, renderFunnelChart } from './funnel_chart.ts';
import { fixed } from './format.ts';
import type { PanelContext } from './panel_context.ts';

export const FUNNEL_METHOD =
  'Control limits as PHE’s funnel plot tool and PHEindicatormethods calculate_funnel_limits compute them for a proportion: at each population, the value whose Wilson score interval just reaches the target (Spiegelhalter, Stat Med 2005;24:1185-1202), at 95% (about 2 standard deviations) and 99.8% (about 3). An area outside the 95% funnel is one whose own 95% interval excludes the target.';

/** A band in few words, for the narrow table (the long words are its title and the CSV's). */
const BAND_SHORT: Readonly<Record<FunnelArea['band'], string>> = {
  above998: '▲ above 99.8%',
  above95: '▲ above 95%',
  within: '● within',
  below95: '▼ below 95%',
  below998: '▼ below 99.8%',
};

export class FunnelSection {
  readonly root: HTMLDetailsElement;
  private readonly body = el('div', { id: 'funnel-body' });
  private readonly level = el(
    'select',
    { id: 'funnel-level' },
    el('option', { value: '0.998', text: '99.8% limits' }),
    el('option', { value: '0.95', text: '95% limits' }),
  );
  private highlight = false;
  /** What is outlined on the map now. */
  private flagged: { geography: GeographyId; codes: string[] } | null = null;
  private current: { view: AtlasView; model: FunnelModel } | null = null;
  private computedFor = '';
  private method = '';

  constructor(private readonly ctx: PanelContext) {
    this.root = el(
      'details',
      { id: 'funnel-section', class: 'analysis-block' },
      el('summary', { text: 'Funnel plot: areas that differ from the authority' }),
      this.body,
    );
    this.level.onchange = () => this.showOutside();
    this.root.addEventListener('toggle', () => this.refresh());
    ctx.host.onViewChange(() => this.refresh());
  }

  refresh(): void {
    if (!this.root.open) return;
    const view = this.ctx.host.view();
    const key = `${view.geography}|${view.indicator.id}`;
    if (key === this.computedFor) return;
    this.computedFor = key;
    const counts = countModelOf(view.indicator);
    if (!counts.ok) {
      this.current = null;
      this.unflag(view);
      this.body.replaceChildren(...this.refusal(view, counts.reason));
      return;
    }
    this.draw(view, counts);
  }

  private refusal(view: AtlasView, reason: string): HTMLElement[] {
    const level = view.state.level;
    const can = countedIndicators(view.model.indicators.values()).filter(
      (m) => view.model.geographyFor(level, m) !== null,
    );
    return [
      el('p', {
        class: 'refusal',
        id: 'funnel-refusal',
        text: `No funnel plot for ${view.indicator.label}: ${reason}.`,
      }),
      el('p', {
        class: 'hint',
        text: 'A funnel plot needs each area’s count and denominator (a binomial model for a share of people or households). Indicators that have them here:',
      }),
      el(
        'ul',
        { id: 'funnel-can', class: 'funnel-can' },
        ...can.map((m) => {
          const b = el('button', { type: 'button', 'data-ind': m.id, text: m.label });
          b.onclick = () => void this.ctx.host.update({ ind: m.id });
          return el('li', {}, b);
        }),
      ),
    ];
  }

  private draw(view: AtlasView, counts: Extract<CountModel, { ok: true }>): void {
    const meta = view.indicator;
    const t = view.model.table(view.geography);
    const authority = view.model.authorityValue(meta.id);
    const place = view.model.manifest.area.name;
    const model = funnelModel({
      id: meta.id,
      model: counts,
      table: t,
      polarity: meta.polarity,
      target: authority,
      targetName: place,
    });
    this.current = { view, model };
    const level = GEOGRAPHY_LEVELS[view.geography];
    const denominator = view.model.indicators.get(counts.denominatorId);
    const noun = denominator?.label ?? counts.denominatorId;
    const button = el('button', {
      type: 'button',
      id: 'funnel-highlight',
      'aria-pressed': String(this.highlight),
      text: 'Highlight areas outside the limits on the map',
    });
    button.onclick = () => {
      this.highlight = !this.highlight;
      button.setAttribute('aria-pressed', String(this.highlight));
      this.showOutside();
    };
    const method = `${FUNNEL_METHOD} Counts: ${counts.describe}. ${model.leftOut ? `${model.leftOut} ${level.noun} left out for want of a value or a denominator. ` : ''}Data: ${meta.source}, ${meta.period} (${meta.vintage}; at this geography: ${meta.geographies[view.geography]?.method ?? 'as published'}).`;
    this.method = method;
    this.body.replaceChildren(
      el('p', {
        class: 'hint',
        id: 'funnel-subject',
        text: `${meta.label} by ${level.label}, ${place}: ${model.areas.length} ${level.noun} against their denominators (${noun}); target ${fixed(model.target, meta.decimals + 1)}% (${model.targetSource}).`,
      }),
      renderFunnelChart({
        model,
        unit: meta.unit,
        decimals: meta.decimals,
        denominatorNoun: noun,
        onPick: (a) => void this.ctx.host.select(a.code),
      }),
      funnelKey(),
      el(
        'div',
        { class: 'button-row' },
        el('label', { for: 'funnel-level', text: 'Areas outside the ' }),
        this.level,
        button,
      ),
      el('div', { id: 'funnel-outside', 'aria-live': 'polite' }),
      this.allAreas(view, model, noun),
      el('p', { class: 'hint method', id: 'funnel-method', text: method }),
    );
    this.showOutside();
  }

  /** Every area with its band and limits, highest first, and the CSV download of the same. */
  private allAreas(view: AtlasView, model: FunnelModel, noun: string): HTMLElement {
    const d = view.indicator.decimals;
    const meta = view.indicator;
    const button = el('button', {
      type: 'button',
      id: 'funnel-download',
      text: `Download all ${model.areas.length} ${GEOGRAPHY_LEVELS[view.geography].noun} with their bands (CSV)`,
    });
    button.onclick = () =>
      download(
        `funnel_${meta.id}_${view.geography}.csv`,
        'text/csv',
        funnelCsv(model, {
          indicator: `${meta.label} (${GEOGRAPHY_LEVELS[view.geography].label}, ${view.model.manifest.area.name})`,
          denominator: noun,
          method: this.method,
          source: `${meta.source}, ${meta.period} (${meta.vintage}). ${meta.licence}`,
        }),
      );
    const rows = byBand(model).map((a) =>
      el(
        'tr',
        { 'data-code': a.code, 'data-band': a.band },
        el(
          'th',
          { scope: 'row' },
          a.name,
          el('span', { class: 'funnel-n', text: a.denominator.toLocaleString('en-GB') }),
        ),
        el('td', { class: 'num', text: fixed(a.value, d) }),
        el(
          'td',
          { class: 'num funnel-limits' },
          `${fixed(a.limits.lower95, d)}–${fixed(a.limits.upper95, d)}`,
          el('br'),
          `${fixed(a.limits.lower998, d)}–${fixed(a.limits.upper998, d)}`,
        ),
        el(
          'td',
          {},
          el('span', {
            class: `verdict verdict-${a.verdict}`,
            title: FUNNEL_BAND_WORDS[a.band],
            text: BAND_SHORT[a.band],
          }),
        ),
      ),
    );
    return el(
      'details',
      { id: 'funnel-all', class: 'funnel-all' },
      el('summary', {
        text: `Every ${GEOGRAPHY_LEVELS[view.geography].noun.replace(/s$/, '')} and its band (${model.areas.length})`,
      }),
      el(
        'div',
        {
          class: 'funnel-table-box',
          tabindex: '0',
          role: 'region',
          'aria-label': 'Every area and its band',
        },
        el(
          'table',
          { class: 'data-table', id: 'funnel-table' },
          el('caption', {
            class: 'hint',
            text: `Each ${GEOGRAPHY_LEVELS[view.geography].noun.replace(/s$/, '')}'s value (%) and denominator (${noun}), the 95% (upper line) and 99.8% (lower line) limits at that denominator, and its band; highest band first.`,
          }),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...['Area', '%', 'Limits 95% / 99.8%', 'Band'].map((t) =>
                el('th', { scope: 'col', text: t }),
              ),
            ),
          ),
          el('tbody', {}, ...rows),
        ),
      ),
      el('p', {}, button),
    );
  }

  private chosenLevel(): 0.95 | 0.998 {
    return this.level.value === '0.95' ? 0.95 : 0.998;
  }

  /** Lists the areas outside the chosen limits and outlines them on the map when asked. */
  private showOutside(): void {
    const box = this.body.querySelector('#funnel-outside');
    if (!this.current || !box) return;
    const { view, model } = this.current;
    const level = this.chosenLevel();
    const list = outside(model, level);
    const pct = level === 0.998 ? '99.8%' : '95%';
    const button = this.body.querySelector('#funnel-highlight');
    if (button) button.textContent = `Highlight areas outside the ${pct} limits on the map`;
    box.replaceChildren(
      el('p', {
        id: 'funnel-count',
        'data-count': String(list.length),
        text:
          list.length === 0
            ? `No ${GEOGRAPHY_LEVELS[view.geography].noun} lie outside the ${pct} limits.`
            : `${list.length} of ${model.areas.length} ${GEOGRAPHY_LEVELS[view.geography].noun} lie outside the ${pct} limits${this.highlight ? ' (outlined on the map with a dashed black line)' : ''}:`,
      }),
      el('ul', { class: 'funnel-list', id: 'funnel-list' }, ...list.map((a) => this.item(view, a))),
    );
    if (list.length > model.areas.length / 2)
      box.append(
        el('p', {
          class: 'hint',
          id: 'funnel-overdispersion',
          text: `Most ${GEOGRAPHY_LEVELS[view.geography].noun} lie outside the limits: with denominators this large the limits are narrow, so even modest differences are more than chance. The funnel says a difference is real, not that it matters; compare the size of the gaps too.`,
        }),
      );
    if (this.highlight)
      this.flag(
        view,
        list.map((a) => a.code),
      );
    else this.unflag(view);
  }

  private item(view: AtlasView, a: FunnelArea): HTMLElement {
    const b = el(
      'button',
      { type: 'button', 'data-code': a.code },
      el('span', {
        class: `verdict verdict-${a.verdict}`,
        text: `${a.band.startsWith('above') ? '▲' : '▼'} ${verdictWord(a.verdict)}`,
      }),
      ` ${a.name}: ${fixed(a.value, view.indicator.decimals)}% (${bandText(a).replace(/^\w+: /, '')})`,
    );
    b.onclick = () => void this.ctx.host.select(a.code);
    return el('li', {}, b);
  }

  private flag(view: AtlasView, codes: string[]): void {
    this.unflag(view);
    if (setFlaggedAreas(view.map, view.geography, codes))
      this.flagged = { geography: view.geography, codes };
  }

  /** Removes the outlines this section drew, whichever geography they are on. */
  private unflag(view: AtlasView): void {
    if (!this.flagged) return;
    setFlaggedAreas(view.map, this.flagged.geography, [], this.flagged.codes);
    this.flagged = null;
  }
}
