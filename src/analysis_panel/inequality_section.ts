/**
 * "Inequality by deprivation": the SII, RII and range of the indicator on screen across local
 * or national deprivation groups, computed in the inequality worker (100,000 seeded draws), a
 * chart, the method and vintages in words, and OHID's published SII in life expectancy beside
 * it for context.
 */
import type { AtlasView } from '../state/atlas_view.ts';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import type { Headline } from '../../contracts/manifest.ts';
import { loadHeadline } from '../headline_source.ts';
import { chartData } from '../ui/data_table.ts';
import { el } from '../ui/dom.ts';
import { yieldToMain } from '../ui/schedule.ts';
import {
  GROUP_SE_METHOD,
  quantileNoun,
  type GroupingKind,
  type QuantileCount,
} from '../../workers/inequality/deprivation_groups.ts';
import {
  groupingDescription,
  orient,
  type InequalityOutput,
} from '../../workers/inequality/inequality_by_deprivation.ts';
import { WEIGHT_LABELS } from '../../workers/rollup/custom_area_figures.ts';
import { fixed, withLimits } from './format.ts';
import { inequalityRequest, SIMULATIONS } from './inequality_request.ts';
import { headlineQuantiles, headlineSii } from '../gap/headline_sii.ts';
import type { PanelContext } from './panel_context.ts';
import { chartKey, renderSiiChart } from './sii_chart.ts';
import { showSii } from '../reports/shown_sii.ts';

export class InequalitySection {
  readonly root: HTMLDetailsElement;
  private readonly grouping: HTMLFieldSetElement;
  private readonly quantiles: HTMLSelectElement;
  private readonly subject: HTMLElement;
  private readonly result: HTMLElement;
  private readonly published: HTMLElement;
  private token = 0;
  /** What the figures on screen were computed for: the same view does not recompute. */
  private computedFor = '';
  private headline: Promise<Headline | string> | null = null;

  constructor(private readonly ctx: PanelContext) {
    this.subject = el('p', { class: 'hint', id: 'ineq-subject' });
    this.grouping = el(
      'fieldset',
      { class: 'inline' },
      el('legend', { text: 'Deprivation groups' }),
      radio('local', 'Local (within the area)', true),
      radio('national', 'National deciles', false),
    );
    this.quantiles = el(
      'select',
      { id: 'ineq-quantiles' },
      el('option', { value: '10', text: 'deciles (10)' }),
      el('option', { value: '5', text: 'quintiles (5)' }),
    );
    this.result = el('div', { id: 'ineq-result', 'aria-live': 'polite' });
    this.published = el('div', { id: 'ineq-published', class: 'published' });
    this.root = el(
      'details',
      { id: 'inequality-section', class: 'analysis-block' },
      el('summary', { text: 'Inequality by deprivation (SII)' }),
      this.subject,
      this.grouping,
      el('label', { for: 'ineq-quantiles', text: 'Number of groups ' }),
      this.quantiles,
      this.result,
      this.published,
    );
    this.grouping.onchange = () => this.refresh();
    this.quantiles.onchange = () => this.refresh();
    this.root.addEventListener('toggle', () => this.refresh());
    ctx.host.onViewChange(() => this.refresh());
  }

  /** Recomputes when open; a newer call makes an older answer be dropped. */
  refresh(): void {
    if (!this.root.open) return;
    void this.compute(this.ctx.host.view());
    void this.showPublished(this.ctx.host.view());
  }

  private chosenGrouping(view: AtlasView): GroupingKind {
    const dep = view.model.deprivationOf(view.geography);
    const table = view.model.table(view.geography);
    const national = this.grouping.querySelector<HTMLInputElement>('input[value="national"]');
    const available = dep.decileId !== null && table.values[dep.decileId] !== undefined;
    if (national) {
      national.disabled = !available;
      national.parentElement?.setAttribute(
        'title',
        available ? '' : 'National deciles are published for LSOAs only',
      );
    }
    const picked = this.grouping.querySelector<HTMLInputElement>('input:checked')?.value;
    if (picked === 'national' && available) return 'national';
    const local = this.grouping.querySelector<HTMLInputElement>('input[value="local"]');
    if (local) local.checked = true;
    return 'local';
  }

  private async compute(view: AtlasView): Promise<void> {
    const { model, geography, indicator: meta } = view;
    const dep = model.deprivationOf(geography);
    const grouping = this.chosenGrouping(view);
    const quantiles: QuantileCount = this.quantiles.value === '5' ? 5 : 10;
    const key = `${geography}|${meta.id}|${grouping}|${quantiles}`;
    if (key === this.computedFor) return;
    this.computedFor = key;
    const token = ++this.token;
    const level = GEOGRAPHY_LEVELS[geography];
    const place = model.manifest.area.name;
    const populationId = model.populationId(geography);
    this.subject.textContent = `${meta.label} by ${level.label}, ${place}.`;
    this.result.replaceChildren(
      el('p', {
        class: 'ineq-status',
        text: `Working out the SII with ${SIMULATIONS.toLocaleString('en-GB')} simulations…`,
      }),
    );
    this.root.dataset.state = 'busy';
    showSii(null);
    // With the headline's grouping this is the very job the gap view and the
    // one-pager quote (src/gap/headline_sii.ts): one figure everywhere, worked out once.
    const job =
      grouping === 'local' && quantiles === headlineQuantiles(view)
        ? headlineSii(this.ctx, view)
        : this.ctx.inequality().inequality(inequalityRequest(view, grouping, quantiles));
    const answer = await job.catch((err: unknown) => {
      // A failed worker is not an answer: the same view may be tried again.
      this.computedFor = '';
      return {
        ok: false as const,
        reason: `the inequality worker failed (${(err as Error).message})`,
      };
    });
    if (token !== this.token) return;
    if (!answer.ok) {
      this.root.dataset.state = 'refused';
      this.result.replaceChildren(
        el('p', {
          class: 'refusal',
          id: 'ineq-refusal',
          text: `No SII for ${meta.label} by ${level.noun}: ${answer.reason}.`,
        }),
      );
      return;
    }
    const noun = quantileNoun(quantiles);
    // The figure export draws the SII chart from this answer, not from the page.
    showSii({ geography, meta, noun, output: answer.value });
    this.result.replaceChildren(...this.figures(answer.value, meta.polarity, meta.decimals, noun));
    // The chart is its own task: the figures show first and no task grows past 50 ms.
    await yieldToMain();
    if (token !== this.token) return;
    this.result.append(
      renderSiiChart({
        groups: answer.value.groups,
        intercept: answer.value.sii.intercept,
        slope: answer.value.sii.sii.value,
        label: meta.label,
        unit: meta.unit,
        decimals: meta.decimals,
        noun,
      }),
      chartKey(),
      chartData(
        `${meta.label} by ${noun} (1 = most deprived): the points of the chart.`,
        [
          { label: noun[0]?.toUpperCase() + noun.slice(1) },
          { label: 'Population', numeric: true },
          { label: meta.unit, numeric: true },
          { label: '95% interval', numeric: true },
        ],
        answer.value.groups.map((g) => [
          String(g.quantile),
          fixed(g.population, 0),
          fixed(g.value, meta.decimals),
          `${fixed(g.lower95, meta.decimals)} to ${fixed(g.upper95, meta.decimals)}`,
        ]),
      ),
      el('p', {
        class: 'hint method',
        id: 'ineq-method',
        text: [
          `Groups: ${groupingDescription(grouping, quantiles, dep.label, place)}.`,
          `Each group's value is the population-weighted mean of its ${level.noun}' values (weights: ${WEIGHT_LABELS[populationId] ?? populationId}); ${answer.value.areasUsed} ${level.noun} used, ${answer.value.leftOut} left out for want of a value, a population or a deprivation figure.`,
          GROUP_SE_METHOD,
          `${answer.value.sii.method}.`,
          `Data: ${meta.label}, ${meta.source}, ${meta.period} (${meta.vintage}; at this geography: ${meta.geographies[geography]?.method ?? 'as published'}). Deprivation: ${dep.label} ${grouping === 'national' ? 'national deciles' : 'scores'} on ${level.label}.`,
        ].join(' '),
      }),
    );
    this.root.dataset.state = 'done';
  }

  private figures(
    out: InequalityOutput,
    polarity: 'higher-is-worse' | 'higher-is-better' | 'neutral',
    decimals: number,
    noun: string,
  ): HTMLElement[] {
    const shown = orient(out.sii.sii, polarity);
    const range = orient(out.sii.range, polarity);
    // The indicator's own precision, at most two decimals: more would be noise.
    const d = Math.min(decimals, 2);
    return [
      el(
        'dl',
        { class: 'ineq-figures' },
        el('dt', { text: 'Slope index of inequality (SII)' }),
        el(
          'dd',
          {},
          el('strong', {
            id: 'ineq-sii',
            'data-value': String(shown.value),
            text: fixed(shown.value, d),
          }),
          ` (95% limits ${fixed(shown.lower95, d)} to ${fixed(shown.upper95, d)}); ${shown.meaning}.`,
        ),
        el('dt', { text: 'Relative index of inequality (RII)' }),
        el('dd', { id: 'ineq-rii' }, `${withLimits(out.sii.rii, 3)}. ${out.sii.riiDefinition}`),
        el('dt', {
          text: `Range between the most and least deprived ${noun} (same sign as the SII)`,
        }),
        el('dd', { id: 'ineq-range', text: withLimits(range, d) }),
      ),
      el('p', {
        class: 'hint',
        text: `In METHODS.md's sign (fitted value at the least deprived end minus at the most deprived end) the SII is ${fixed(out.sii.sii.value, d)} = ${fixed(out.sii.intercept + out.sii.sii.value, d)} − ${fixed(out.sii.intercept, d)}.`,
      }),
    ];
  }

  /** OHID's published SII in life expectancy (Fingertips 92901), latest period, for context. */
  private async showPublished(view: AtlasView): Promise<void> {
    if (this.published.hasChildNodes()) return;
    const manifest = view.model.manifest;
    this.headline ??= loadHeadline(manifest);
    const headline = await this.headline;
    if (typeof headline === 'string') {
      this.published.replaceChildren(
        el('p', { class: 'hint', text: `Published SII not available: ${headline}.` }),
      );
      return;
    }
    const places = [...manifest.area.districts.map((d) => d.code), 'E92000001'];
    const rows = headline.lifeExpectancy.filter(
      (r) => r.indicatorId === '92901' && places.includes(r.areaCode) && r.value !== null,
    );
    const items = places.flatMap((code) => {
      const mine = rows.filter((r) => r.areaCode === code);
      const latest = mine
        .map((r) => r.period)
        .sort()
        .at(-1);
      if (!latest) return [];
      const now = mine.filter((r) => r.period === latest);
      const name = now[0]?.areaName ?? code;
      const bySex = now.map(
        (r) => `${r.sex.toLowerCase()} ${fixed(r.value, 1)} ${r.unit.toLowerCase()}`,
      );
      return [el('li', { text: `${name}, ${latest}: ${bySex.join(', ')}` })];
    });
    if (items.length === 0) return;
    const source = headline.sources.find((s) => s.what.includes('92901'));
    this.published.replaceChildren(
      el('h3', {
        class: 'small-heading',
        text: 'Published for context: SII in life expectancy at birth',
      }),
      el('ul', { id: 'ineq-published-list' }, ...items),
      el('p', {
        class: 'hint',
        text: `OHID Fingertips indicator 92901: the SII of life expectancy across deprivation deciles (within each authority; national deciles for England), positive when the least deprived live longer. ${source ? `${source.source}. ${source.licence}` : ''}`,
      }),
    );
  }
}

function radio(value: GroupingKind, label: string, checked: boolean): HTMLLabelElement {
  const input = el('input', { type: 'radio', name: 'ineq-grouping', value });
  input.checked = checked;
  return el('label', {}, input, ` ${label}`);
}
