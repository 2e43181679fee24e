/**
 * "Catchments and need without assets": for one asset category and a straight-line reach, the
 * population and Core20 population whose LSOA centre is within reach, the Core20 LSOAs with
 * none in reach (largest first; a click selects the area), and a bivariate map of need against
 * access. The counting runs in the analysis workers (workers/analysis/catchment.ts).
 */
import type { AtlasView } from '../state/atlas_view.ts';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import { el } from '../ui/dom.ts';
import {
  accessLabels,
  bivariateCells,
  cellCounts,
  nearestFromCatchment,
  type BivariateCell,
} from '../../workers/analysis/need_access_classes.ts';
import type { CategoryCatchment } from '../../workers/analysis/analysis_api.ts';
import { WEIGHT_LABELS } from '../../workers/rollup/custom_area_figures.ts';
import {
  BivariateMapKey,
  bivariateLegend,
  paintBivariate,
  showBivariate,
} from './bivariate_layer.ts';
import { count, distance, fixed } from './format.ts';
import { lsoaGeographyOf, type PanelContext } from './panel_context.ts';
import { needList, type NeedRow } from './need_list.ts';
import { nameWithPlace } from '../places/area_names.ts';

const DEFAULT_RADIUS = 800;
/** The bivariate layer is drawn on LSOAs only. */
const LSOA_GEOGRAPHIES = ['lsoa11', 'lsoa21'] as const;

interface Inputs {
  geography: 'lsoa11' | 'lsoa21';
  codes: string[];
  deciles: (number | null)[];
  request: Parameters<ReturnType<PanelContext['analysis']>['catchments']>[0];
}

export class CatchmentSection {
  readonly root: HTMLDetailsElement;
  private readonly category = el('select', { id: 'catch-category' });
  private readonly radius = el('input', {
    type: 'number',
    id: 'catch-radius',
    min: '100',
    max: '5000',
    step: '50',
    value: String(DEFAULT_RADIUS),
  });
  private readonly result = el('div', { id: 'catch-result', 'aria-live': 'polite' });
  private readonly toggle = el('input', { type: 'checkbox', id: 'bivariate-toggle' });
  private readonly legend = el('div', { id: 'bivariate-key' });
  private token = 0;
  /** What the figures on screen were worked out for. */
  private computedFor = '';
  /** The last bivariate classes, painted once their LSOA source is on the map. */
  private last: {
    geography: 'lsoa11' | 'lsoa21';
    codes: string[];
    cells: (BivariateCell | null)[];
    painted: boolean;
  } | null = null;
  private readonly mapKey = new BivariateMapKey();
  private categoryLabel = '';

  constructor(private readonly ctx: PanelContext) {
    const view = ctx.host.view();
    view.map.addControl(this.mapKey, 'top-left');
    this.syncCategories(view);
    this.root = el(
      'details',
      { id: 'catchment-section', class: 'analysis-block' },
      el('summary', { text: 'Catchments and need without assets' }),
      el('label', { for: 'catch-category', text: 'Asset category ' }),
      this.category,
      el('label', { for: 'catch-radius', text: 'Reach, metres in a straight line ' }),
      this.radius,
      this.result,
      el('label', { class: 'toggle' }, this.toggle, ' Show need against access on the map'),
      this.legend,
    );
    this.category.onchange = () => void this.run();
    this.radius.onchange = () => void this.run();
    this.toggle.onchange = () => void this.toggled();
    this.root.addEventListener('toggle', () => void this.run());
    ctx.host.onViewChange((v) => {
      this.syncCategories(v);
      void this.run();
    });
  }

  /** Asset layers can arrive after start (the community register): offer each once. */
  private syncCategories(view: AtlasView): void {
    const have = new Set([...this.category.options].map((o) => o.value));
    for (const l of view.model.manifest.layers.filter((x) => x.count > 0 && !have.has(x.id)))
      this.category.append(el('option', { value: l.id, text: l.label }));
  }

  private radiusMetres(): number {
    const r = Number(this.radius.value);
    if (Number.isFinite(r) && r >= 100 && r <= 5000) return r;
    this.radius.value = String(DEFAULT_RADIUS);
    return DEFAULT_RADIUS;
  }

  private inputs(view: AtlasView, layerId: string, radiusMetres: number): Inputs | string {
    if (!layerId) return 'no asset layer of this atlas has any points';
    const g = lsoaGeographyOf(view.geography);
    const t = view.model.table(g);
    const dep = view.model.deprivationOf(g);
    const decileColumn = dep.decileId ? t.values[dep.decileId] : undefined;
    if (!decileColumn) return `no national deciles on ${GEOGRAPHY_LEVELS[g].label}`;
    const population = t.values[view.model.populationId(g)] ?? [];
    const keep = t.codes.flatMap((_, i) => (t.centres[i] ? [i] : []));
    const points = view.points.get(layerId)?.features ?? [];
    const layer = view.model.manifest.layers.find((l) => l.id === layerId);
    return {
      geography: g,
      codes: keep.map((i) => t.codes[i] ?? ''),
      deciles: keep.map((i) => decileColumn[i] ?? null),
      request: {
        areas: {
          codes: keep.map((i) => t.codes[i] ?? ''),
          xy: Float64Array.from(keep.flatMap((i) => t.centres[i] ?? [NaN, NaN])),
          population: Float64Array.from(keep, (i) => population[i] ?? 0),
          core20: Uint8Array.from(keep, (i) => ((decileColumn[i] ?? 99) <= 2 ? 1 : 0)),
        },
        assets: {
          xy: Float64Array.from(points.flatMap((f) => f.geometry.coordinates.slice(0, 2))),
          category: new Uint32Array(points.length),
          categories: [layer?.label ?? layerId],
        },
        options: { radiusMetres },
      },
    };
  }

  private async run(): Promise<void> {
    if (!this.root.open && !this.toggle.checked) return;
    const view = this.ctx.host.view();
    const layerId = this.category.value;
    const radiusMetres = this.radiusMetres();
    // A new selection or indicator changes nothing here but which layer may show.
    const key = `${lsoaGeographyOf(view.geography)}|${layerId}|${radiusMetres}`;
    if (key === this.computedFor) {
      this.showLayer(view, this.paintLast(view));
      return;
    }
    this.computedFor = key;
    const token = ++this.token;
    const inputs = this.inputs(view, layerId, radiusMetres);
    if (typeof inputs === 'string') {
      this.result.replaceChildren(el('p', { class: 'refusal', text: `No catchments: ${inputs}.` }));
      return;
    }
    this.root.dataset.state = 'busy';
    const client = this.ctx.analysis();
    const { request } = inputs;
    // A second run with every LSOA flagged gives each one's distance to the nearest asset.
    const everyArea = {
      ...request.areas,
      core20: new Uint8Array(request.areas.codes.length).fill(1),
    };
    let real: CategoryCatchment[];
    let all: CategoryCatchment[];
    try {
      [real, all] = await Promise.all([
        client.catchments(request, { key: 'analysis-catchments' }),
        client.catchments({ ...request, areas: everyArea }, { key: 'analysis-catchments-access' }),
      ]);
    } catch (err) {
      // A newer run superseded this one (AbortError), or the worker failed: say so.
      if (token === this.token) {
        this.computedFor = '';
        this.result.replaceChildren(
          el('p', { class: 'refusal', text: `No catchments: ${(err as Error).message}` }),
        );
      }
      return;
    }
    if (token !== this.token || !real[0] || !all[0]) return;
    this.root.dataset.state = 'done';
    this.render(view, inputs, real[0]);
    const nearest = nearestFromCatchment(inputs.codes.length, all[0].core20Unreached);
    const cells = bivariateCells(inputs.deciles, nearest, radiusMetres);
    const counts = cellCounts(cells);
    this.legend.replaceChildren(
      bivariateLegend(counts, accessLabels(radiusMetres), real[0].category),
      el('p', {
        class: 'hint',
        text: `Need: national ${view.model.deprivationOf(inputs.geography).label} decile of each LSOA. Access: straight-line distance from the LSOA centre to the nearest ${real[0].category.toLowerCase()}. Colours: Joshua Stevens' green-blue bivariate scheme, legible with the common colour-vision deficiencies.`,
      }),
    );
    this.categoryLabel = real[0].category;
    this.last = { geography: inputs.geography, codes: inputs.codes, cells, painted: false };
    this.showLayer(view, this.paintLast(view));
  }

  private render(view: AtlasView, inputs: Inputs, c: CategoryCatchment): void {
    const g = inputs.geography;
    const t = view.model.table(g);
    const names = new Map(t.codes.map((code, i) => [code, t.names[i] ?? code]));
    const dep = view.model.deprivationOf(g);
    const pct = (x: number) => (Number.isFinite(x) ? `${fixed(100 * x, 1)}%` : 'no one');
    const reach = distance(c.radiusMetres);
    const scores = t.values[dep.scoreId] ?? [];
    const deciles = dep.decileId ? (t.values[dep.decileId] ?? []) : [];
    const rows: NeedRow[] = c.core20Unreached.map((u) => {
      const i = t.codes.indexOf(u.code);
      return {
        code: u.code,
        name: nameWithPlace(u.code, names.get(u.code) ?? u.code),
        population: u.population,
        nearestMetres: u.nearestMetres ?? Infinity,
        score: scores[i] ?? null,
        decile: deciles[i] ?? null,
      };
    });
    const method = `LSOAs (${GEOGRAPHY_LEVELS[g].vintage} boundaries) are assigned whole by their centre point (${t.centreMethod}): all of an LSOA's people count as within reach when its centre is. Distances are straight lines, not walking routes. Core20 = national ${dep.label} deciles 1 and 2. Population: ${WEIGHT_LABELS[view.model.populationId(g)] ?? view.model.populationId(g)}.`;
    this.result.replaceChildren(
      el(
        'p',
        { id: 'catch-summary' },
        `${c.assetCount} ${c.category.toLowerCase()}. Within ${reach}: `,
        el('strong', {
          text: `${count(c.populationReached)} of ${count(c.population)} people (${pct(c.shareReached)})`,
        }),
        '; in Core20 LSOAs ',
        el('strong', {
          text: `${count(c.core20PopulationReached)} of ${count(c.core20Population)} (${pct(c.core20ShareReached)})`,
        }),
        '.',
      ),
      el('h3', {
        class: 'small-heading',
        id: 'catch-unreached-title',
        text: `Core20 LSOAs with no ${c.category.toLowerCase()} within ${reach} (${rows.length})`,
      }),
      rows.length
        ? needList(
            rows,
            {
              category: c.category.toLowerCase(),
              reach,
              deprivationLabel: dep.label,
              method: `${method} Sources: ${view.model.manifest.attributions.join(' ')}`,
              fileName: `need_without_${c.category.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_${c.radiusMetres}m_${view.model.manifest.area.id}.csv`,
            },
            (code) => void this.selectArea(code, g),
          )
        : el('p', { class: 'hint', text: 'None: every Core20 LSOA has one within reach.' }),
      el('p', { class: 'hint', id: 'catch-method', text: method }),
    );
  }

  /** Selects an LSOA of the list; the atlas switches to LSOAs first when it shows another level. */
  private async selectArea(code: string, g: 'lsoa11' | 'lsoa21'): Promise<void> {
    if (this.ctx.host.view().geography !== g) await this.ctx.host.update({ level: 'lsoa' });
    if (this.ctx.host.view().geography === g) await this.ctx.host.select(code);
  }

  private async toggled(): Promise<void> {
    const view = this.ctx.host.view();
    if (this.toggle.checked && !view.geography.startsWith('lsoa')) {
      // The layer is drawn on the LSOA map; the atlas's view change then re-runs this section.
      await this.ctx.host.update({ level: 'lsoa' });
      return;
    }
    await this.run();
    if (!this.toggle.checked) {
      showBivariate(view.map, null, LSOA_GEOGRAPHIES);
      this.mapKey.show(null);
    }
  }

  /** Paints the last classes if not yet done; false while their source is not on the map. */
  private paintLast(view: AtlasView): boolean {
    const last = this.last;
    if (!last) return false;
    last.painted ||= paintBivariate(view.map, last.geography, last.codes, last.cells);
    return last.painted;
  }

  private showLayer(view: AtlasView, painted: boolean): void {
    const g = lsoaGeographyOf(view.geography);
    const on = this.toggle.checked && painted && view.geography === g;
    showBivariate(view.map, on ? g : null, LSOA_GEOGRAPHIES);
    this.mapKey.show(on ? this.categoryLabel : null);
    this.root.dataset.bivariate = on ? g : '';
  }
}
