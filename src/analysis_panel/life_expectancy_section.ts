/**
 * "Life expectancy from your own file": deaths and populations by age band per area, read in
 * this browser and computed in the inequality worker. The file is never sent anywhere: its
 * text goes from the file input to the worker by postMessage, and nothing here fetches.
 */
import type { AtlasView } from '../state/atlas_view.ts';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import { el } from '../ui/dom.ts';
import { quantileNoun, type QuantileCount } from '../../workers/inequality/deprivation_groups.ts';
import type { LifeExpectancyAnswer } from '../../workers/inequality/inequality_api.ts';
import { AGE_BANDS, LIFE_EXPECTANCY_METHOD } from '../../workers/stats/life_expectancy.ts';
import { fixed, withLimits } from './format.ts';
import { SEED, SIMULATIONS } from './inequality_request.ts';
import { lifeExpectancyIndicator } from './life_expectancy_indicator.ts';
import { publishComputedLeSii } from '../reports/computed_le_sii.ts';
import type { PanelContext } from './panel_context.ts';
import { chartKey, renderSiiChart } from './sii_chart.ts';
import { verdictWord } from '../ui/significance_style.ts';
import type { ComparedLifeExpectancy } from '../../workers/inequality/inequality_api.ts';

/** The one-line promise the screen makes, and the test checks. */
export const PRIVACY_NOTE =
  'Your file stays on this computer: it is read and computed in this browser and is never uploaded or sent anywhere.';

export class LifeExpectancySection {
  readonly root: HTMLDetailsElement;
  private readonly file = el('input', { type: 'file', id: 'le-file', accept: '.csv,text/csv' });
  private readonly quantiles = el(
    'select',
    { id: 'le-quantiles' },
    el('option', { value: '10', text: 'deciles (10)' }),
    el('option', { value: '5', text: 'quintiles (5)' }),
  );
  private readonly age = el(
    'select',
    { id: 'le-age' },
    el('option', { value: '0', text: 'at birth' }),
    el('option', { value: '65', text: 'at 65' }),
  );
  private readonly level = el(
    'select',
    { id: 'le-level' },
    el('option', { value: '0.95', text: '95%' }),
    el('option', { value: '0.998', text: '99.8%' }),
  );
  private readonly status = el('p', { id: 'le-status', role: 'status', 'aria-live': 'polite' });
  private readonly output = el('div', { id: 'le-output' });
  private text = '';
  private fileName = '';
  private token = 0;
  private computedFor = '';

  constructor(private readonly ctx: PanelContext) {
    this.root = el(
      'details',
      { id: 'le-section', class: 'analysis-block' },
      el('summary', { text: 'Life expectancy from your own file' }),
      el('p', { class: 'privacy', id: 'le-privacy', text: PRIVACY_NOTE }),
      el('p', {
        class: 'hint',
        text: `A CSV with columns area,age_band,deaths,population: one row per area and age band (${AGE_BANDS.join(', ')}); populations in person-years. Name the areas by the codes of the areas on the map (for example ward codes) to get the SII across local deprivation groups.`,
      }),
      el('label', { for: 'le-file', text: 'Choose a CSV file ' }),
      this.file,
      el('label', { for: 'le-quantiles', text: 'Groups for the SII ' }),
      this.quantiles,
      el('label', { for: 'le-age', text: 'Life expectancy ' }),
      this.age,
      el('label', { for: 'le-level', text: 'Limits ' }),
      this.level,
      this.status,
      this.output,
    );
    this.file.onchange = () => void this.read();
    this.quantiles.onchange = () => void this.compute();
    this.age.onchange = () => void this.compute();
    this.level.onchange = () => void this.compute();
    // The SII's quantiles come from the geography on the map: a new geography, a new SII.
    ctx.host.onViewChange((view) => {
      if (this.text && view.geography !== this.computedFor) void this.compute();
    });
  }

  private async read(): Promise<void> {
    const f = this.file.files?.[0];
    if (!f) return;
    this.fileName = f.name;
    this.text = await f.text();
    await this.compute();
  }

  private async compute(): Promise<void> {
    if (!this.text) return;
    const token = ++this.token;
    const view = this.ctx.host.view();
    this.computedFor = view.geography;
    const t = view.model.table(view.geography);
    const dep = view.model.deprivationOf(view.geography);
    const quantiles: QuantileCount = this.quantiles.value === '5' ? 5 : 10;
    this.status.textContent = `Reading ${this.fileName} in this browser…`;
    const answer = await this.ctx
      .inequality()
      .lifeExpectancy({
        text: this.text,
        frame: {
          codes: [...t.codes],
          scores: Float64Array.from(t.values[dep.scoreId] ?? [], (v) => v ?? NaN),
        },
        quantiles,
        simulations: SIMULATIONS,
        seed: SEED,
        age: this.chosenAge(),
        level: this.chosenLevel(),
      })
      .catch((err: unknown) => ({
        ok: false as const,
        problems: [`the worker could not read it: ${(err as Error).message}`],
      }));
    if (token !== this.token) return;
    this.render(view, answer, quantiles);
  }

  private chosenAge(): 0 | 65 {
    return this.age.value === '65' ? 65 : 0;
  }

  private chosenLevel(): 0.95 | 0.998 {
    return this.level.value === '0.998' ? 0.998 : 0.95;
  }

  /** "at birth" or "at 65". */
  private ageWords(): string {
    return this.chosenAge() === 65 ? 'at 65' : 'at birth';
  }

  private render(view: AtlasView, answer: LifeExpectancyAnswer, quantiles: QuantileCount): void {
    if (!answer.ok) {
      this.status.textContent = `${this.fileName} could not be used:`;
      this.output.replaceChildren(
        el('ul', { class: 'problems' }, ...answer.problems.map((p) => el('li', { text: p }))),
      );
      return;
    }
    const t = view.model.table(view.geography);
    const names = new Map(t.codes.map((c, i) => [c, t.names[i] ?? c]));
    const shown = answer.areas.filter((a) => a.e0 !== null).length;
    this.status.textContent = `${this.fileName}: life expectancy for ${shown} of ${answer.areas.length} areas.`;
    const pct = this.chosenLevel() === 0.95 ? '95%' : '99.8%';
    const rows = answer.areas.map((a) => {
      const area = el('th', {
        scope: 'row',
        text: names.has(a.area) ? `${names.get(a.area)} (${a.area})` : a.area,
      });
      return el('tr', { 'data-area': a.area }, area, ...leCells(a, true));
    });
    const total = answer.total;
    const table = el(
      'table',
      { class: 'data-table le-table', id: 'le-table' },
      el('caption', {
        text: `Life expectancy ${this.ageWords()} (years), from ${this.fileName}`,
      }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col', text: 'Area' }),
          el('th', { scope: 'col', text: 'Years' }),
          el('th', { scope: 'col', text: `${pct} limits` }),
          el('th', { scope: 'col', text: 'vs all areas' }),
        ),
      ),
      el('tbody', {}, ...rows),
      el(
        'tfoot',
        {},
        el(
          'tr',
          { id: 'le-total' },
          el('th', { scope: 'row', text: 'All areas of the file together' }),
          ...leCells({ ...total, comparison: null }, false),
        ),
      ),
    );
    this.output.replaceChildren(
      ...[this.chosenAge() === 0 ? this.mapButton(view, answer, quantiles) : null].filter(
        (b) => b !== null,
      ),
      table,
      el('p', {
        class: 'hint',
        id: 'le-method',
        text: `Method: ${LIFE_EXPECTANCY_METHOD}, ${this.ageWords()}, with ${pct} limits. Values whose 95% interval is wider than 20 years are suppressed. Each area is compared as OHID Fingertips does: its ${pct} interval against the life expectancy of all the file's areas together (deaths and person-years summed by age band: the authority's when the file holds all its wards). Wholly above: better; wholly below: worse; overlapping: similar.${this.chosenAge() === 0 ? '' : ' Mapping is offered for life expectancy at birth.'}`,
      }),
      this.siiPart(view, answer, quantiles),
    );
  }

  /** "Map it": the values become an indicator of the map, for the atlas and its reports. */
  private mapButton(
    view: AtlasView,
    answer: Extract<LifeExpectancyAnswer, { ok: true }>,
    quantiles: QuantileCount,
  ): HTMLElement | null {
    const t = view.model.table(view.geography);
    const ind = lifeExpectancyIndicator(answer.areas, view.geography, t.codes, this.fileName);
    if (!ind) return null;
    const button = el('button', {
      type: 'button',
      id: 'le-map',
      text: `Map it (${ind.report.withValue} ${GEOGRAPHY_LEVELS[view.geography].noun}) and use it in reports`,
    });
    button.onclick = () => {
      button.disabled = true;
      // The one-pager quotes this SII (OHID's, from the pooled life tables) for these values.
      publishComputedLeSii(
        answer.inequality?.ok
          ? {
              indicatorId: ind.meta.id,
              geography: view.geography,
              fileName: this.fileName,
              quantiles,
              deprivationLabel: view.model.deprivationOf(view.geography).label,
              place: view.model.manifest.area.name,
              simulations: SIMULATIONS,
              inequality: answer.inequality.value,
            }
          : null,
      );
      void this.ctx.host
        .addImported(ind, true)
        .then(() => (this.status.textContent = `${ind.meta.label} is on the map.`))
        .catch((err: unknown) => {
          this.status.textContent = `Could not map it: ${(err as Error).message}`;
        })
        .finally(() => (button.disabled = false));
    };
    return el('p', {}, button, el('span', { class: 'hint', text: ' It stays in this page only.' }));
  }

  private siiPart(
    view: AtlasView,
    answer: Extract<LifeExpectancyAnswer, { ok: true }>,
    quantiles: QuantileCount,
  ): HTMLElement {
    const level = GEOGRAPHY_LEVELS[view.geography];
    const noun = quantileNoun(quantiles);
    const left =
      answer.notOnMap.length > 0
        ? ` Left out of the SII, not ${level.noun} on the map: ${answer.notOnMap.join(', ')}.`
        : '';
    const box = el('div', { id: 'le-sii' });
    if (answer.inequality === null) {
      box.append(
        el('p', {
          class: 'hint',
          text: `No SII: none of the file's areas is one of the ${level.noun} on the map (${level.label}). Use their codes to get one.`,
        }),
      );
      return box;
    }
    if (!answer.inequality.ok) {
      box.append(
        el('p', { class: 'refusal', text: `No SII: ${answer.inequality.reason}.${left}` }),
      );
      return box;
    }
    const { sii, groups } = answer.inequality.value;
    const dep = view.model.deprivationOf(view.geography);
    box.append(
      el('h3', {
        class: 'small-heading',
        text: `SII of life expectancy ${this.ageWords()} across local ${noun}s`,
      }),
      el(
        'p',
        {},
        'SII ',
        el('strong', { id: 'le-sii-value', text: fixed(sii.sii.value, 1) }),
        ` years (95% limits ${fixed(sii.sii.lower95, 1)} to ${fixed(sii.sii.upper95, 1)}): the fitted gap between the least and the most deprived ends, positive when the least deprived live longer. RII ${withLimits(sii.rii, 3)} (${sii.riiDefinition})`,
      ),
      renderSiiChart({
        groups: groups.map((g) => ({ ...g, value: g.e0 })),
        intercept: sii.intercept,
        slope: sii.sii.value,
        label: `Life expectancy ${this.ageWords()}`,
        unit: 'years',
        decimals: 1,
        noun,
      }),
      chartKey(),
      el('p', {
        class: 'hint',
        text: `${noun[0]?.toUpperCase()}${noun.slice(1)}s: local ${noun}s of the ${dep.label} score of the ${level.noun} on the map (1 = most deprived); each ${noun}'s deaths and person-years are summed by age band and its life expectancy worked out with its 95% limits, as OHID does. ${sii.method}.${left}`,
      }),
    );
    return box;
  }
}

/**
 * A value with its limits at the chosen level and, for an area, its comparison with all the
 * file's areas; or one cell saying why there is no value.
 */
function leCells(a: ComparedLifeExpectancy, compared: boolean): HTMLElement[] {
  if (a.e0 === null)
    return [
      el('td', {
        class: 'reason',
        colspan: compared ? '3' : '2',
        text: `Not shown: ${a.reason ?? 'no value'}`,
      }),
    ];
  const cells = [
    el('td', { class: 'num e0', text: fixed(a.e0, 1) }),
    el('td', { class: 'num', text: `${fixed(a.lower, 1)} to ${fixed(a.upper, 1)}` }),
  ];
  if (!compared) return [...cells, el('td', {})];
  const c = a.comparison;
  cells.push(
    c
      ? el(
          'td',
          { 'data-verdict': c.verdict },
          el('span', {
            class: `verdict verdict-${c.verdict}`,
            text: `${c.symbol} ${verdictWord(c.verdict)}`,
          }),
        )
      : el('td', { text: '–' }),
  );
  return cells;
}
